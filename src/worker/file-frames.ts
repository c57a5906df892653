// Turns a loaded particle file's frames into what the view draws (the FileFrameEvent buffers of
// ./messages.ts): SI positions shifted to the box's low corner, radii, and one column as the
// colour scalar. Pure functions over typed arrays, so Node tests cover them without a Worker.
import type { DumpFrame, ParticleSet } from '../io/dump-source';
import { frameToParticleSet } from '../io/particle-set';
import type { FileColumn, FileFrameEvent, FileUnits } from './messages';

/** Radii this large (m) in a dump without ITEM: UNITS are taken as LAMMPS `units micro` (µm) under 'auto'. */
export const MICRO_GUESS_RADIUS = 1;

/** The unit style a frame is read in. */
export function resolveUnits(frame: DumpFrame | null, units: FileUnits): 'si' | 'micro' {
  if (units !== 'auto') return units;
  if (!frame) return 'si';
  if (frame.units === 'si' || frame.units === 'micro') return frame.units;
  const r = frame.radius;
  if (!r || frame.count === 0) return 'si';
  const sorted = Float64Array.from(r).sort();
  return sorted[sorted.length >> 1] >= MICRO_GUESS_RADIUS ? 'micro' : 'si';
}

/** The particle set of a dump frame converted from `units` to SI. */
export function frameSet(frame: DumpFrame, units: 'si' | 'micro'): ParticleSet {
  return frameToParticleSet(frame, { units });
}

/** Colour columns of a set: positions, radius, id, type, speed and velocity, then every field. */
export function setColumns(p: ParticleSet): FileColumn[] {
  const out: FileColumn[] = [
    { name: 'x', unit: 'm' }, { name: 'y', unit: 'm' }, { name: 'z', unit: 'm' }, { name: 'radius', unit: 'm' },
  ];
  if (p.ids) out.push({ name: 'id', unit: '' });
  if (p.types) out.push({ name: 'type', unit: '' });
  if (p.velocities) out.push({ name: 'speed', unit: 'm/s' }, { name: 'vx', unit: 'm/s' }, { name: 'vy', unit: 'm/s' }, { name: 'vz', unit: 'm/s' });
  for (const [name, f] of Object.entries(p.fields)) out.push({ name, unit: f.unit });
  return out;
}

/** Values of column `name` (SI) into `out`; false when the set has no such column. */
export function fillColumn(p: ParticleSet, name: string, out: Float32Array): boolean {
  const n = p.count;
  const xyz = (k: number, a: ArrayLike<number>) => { for (let i = 0; i < n; i++) out[i] = a[3 * i + k]; };
  switch (name) {
    case 'x': xyz(0, p.positions); return true;
    case 'y': xyz(1, p.positions); return true;
    case 'z': xyz(2, p.positions); return true;
    case 'radius': for (let i = 0; i < n; i++) out[i] = p.radii[i]; return true;
    case 'id': if (!p.ids) return false; for (let i = 0; i < n; i++) out[i] = p.ids[i]; return true;
    case 'type': if (!p.types) return false; for (let i = 0; i < n; i++) out[i] = p.types[i]; return true;
  }
  const v = p.velocities;
  if (v && name === 'speed') { for (let i = 0; i < n; i++) out[i] = Math.hypot(v[3 * i], v[3 * i + 1], v[3 * i + 2]); return true; }
  if (v && (name === 'vx' || name === 'vy' || name === 'vz')) { xyz('xyz'.indexOf(name[1]), v); return true; }
  const f = p.fields[name];
  if (!f) return false;
  for (let i = 0; i < n; i++) out[i] = f.values[i];
  return true;
}

/** The view's frame of a set: positions relative to the box's low corner (x, y wrapped into the periodic cell). */
export function fileFrame(p: ParticleSet, index: number, column: string | null, units: 'si' | 'micro'): { event: FileFrameEvent; transfer: ArrayBuffer[] } {
  const n = p.count;
  const lo = p.box.lo, hi = p.box.hi;
  const L = [hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]];
  const pos = new Float32Array(3 * n), rad = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      let c = p.positions[3 * i + k] - lo[k];
      // periodic x/y: wrap like simulation frames (an atom may sit just outside before re-neighbouring)
      if (k < 2 && p.box.periodic[k] && L[k] > 0) c -= L[k] * Math.floor(c / L[k]);
      pos[3 * i + k] = c;
    }
    rad[i] = p.radii[i];
  }
  let scalar: Float32Array | null = null, col: FileColumn | null = null;
  if (column) {
    const info = setColumns(p).find((c) => c.name === column);
    if (info) {
      scalar = new Float32Array(n);
      if (fillColumn(p, column, scalar)) col = info; else scalar = null;
    }
  }
  const event: FileFrameEvent = {
    type: 'fileFrame', index, timestep: p.timestep ?? 0, time: p.time ?? null, count: n,
    boxX: L[0], boxY: L[1], boxZ: L[2], units, column: col,
    positions: pos.buffer as ArrayBuffer, radii: rad.buffer as ArrayBuffer, scalar: scalar ? (scalar.buffer as ArrayBuffer) : null,
  };
  const transfer = [event.positions, event.radii];
  if (event.scalar) transfer.push(event.scalar);
  return { event, transfer };
}
