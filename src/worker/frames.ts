// Packs a World's state into 'frame' events (the buffers documented in ./messages.ts) and keeps
// the pool of buffers the view hands back. Reads the World only (never steps it), so frames
// cannot change a run: the hash test depends on that.

import type { World } from '../core/world';
import { FRAMES_IN_FLIGHT, type ColorField, type FrameEvent } from './messages';

/** Recycled ArrayBuffers: transferred to the view with each frame, returned by 'release'. */
export class BufferPool {
  private free: ArrayBuffer[] = [];
  /** Frames posted and not yet released. */
  inFlight = 0;

  get canSend(): boolean { return this.inFlight < FRAMES_IN_FLIGHT; }

  /** A buffer of at least `bytes` bytes (the smallest free one that fits, else a new one). */
  take(bytes: number): ArrayBuffer {
    let best = -1;
    for (let k = 0; k < this.free.length; k++) {
      const b = this.free[k].byteLength;
      if (b >= bytes && (best < 0 || b < this.free[best].byteLength)) best = k;
    }
    if (best >= 0) return this.free.splice(best, 1)[0];
    // round up so that a growing world (fill) does not allocate a new size every frame
    return new ArrayBuffer(Math.max(64, Math.ceil(bytes / 4096) * 4096));
  }

  give(buffers: ArrayBuffer[]): void {
    for (const b of buffers) if (b.byteLength > 0 && this.free.length < 16) this.free.push(b);
  }

  /** A frame came back. */
  released(buffers: ArrayBuffer[]): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.give(buffers);
  }

  /** New run: frames still out will be released but must not count against the new run. */
  reset(): void { this.inFlight = 0; }
}

/**
 * The top the 'depth' field is measured from, m: the platen while it carries load (pressing,
 * holding), else the highest particle top max(z + r) (pouring, after release).
 */
export function bedTop(world: World): number {
  if (world.platenPresent && world.exports.platenForce() > 0) return world.platenZ;
  return world.count > 0 ? world.bedHeight() : 0;
}

/** Fills `out` (length ≥ n) with `field` in SI units. */
export function fillScalar(world: World, field: ColorField, out: Float32Array, n: number): void {
  switch (field) {
    case 'none': return;
    case 'diameter': { const r = world.field('radius'); for (let i = 0; i < n; i++) out[i] = 2 * r[i]; return; }
    case 'height': { const z = world.field('z'); for (let i = 0; i < n; i++) out[i] = z[i]; return; }
    case 'speed': {
      const vx = world.field('vx'), vy = world.field('vy'), vz = world.field('vz');
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
      return;
    }
    case 'pressure': case 'vonMises': {
      const s = world.particleStress();
      const src = field === 'pressure' ? s.pressure : s.vonMises;
      for (let i = 0; i < n; i++) out[i] = src[i];
      return;
    }
    case 'forceSum': { const f = world.field('forceSum'); for (let i = 0; i < n; i++) out[i] = f[i]; return; }
    case 'forceMax': { const f = world.field('forceMax'); for (let i = 0; i < n; i++) out[i] = f[i]; return; }
    case 'depth': {
      const z = world.field('z');
      const top = bedTop(world);
      for (let i = 0; i < n; i++) out[i] = top - z[i];
      return;
    }
    case 'coordination': { const c = world.contacts; for (let i = 0; i < n; i++) out[i] = c[i]; return; }
    case 'column': out.fill(NaN, 0, n); return; // imported files only (file.worker.ts)
    default: {
      const never: never = field;
      throw new Error(`unknown colour field ${String(never)}`);
    }
  }
}

/**
 * A contact network captured at a diagnostic step, by STABLE particle id (slots change when the
 * core re-sorts), so it can be mapped onto any later frame's slots.
 */
export interface CapturedNetwork {
  step: number;
  /** 2·M stable ids (world.ids values). */
  ids: Int32Array;
  /** M contact-force magnitudes, N. */
  forces: Float32Array;
}

/** Reads World.contactForces() right after a diagnostic step (valid until the next step). */
export function captureNetwork(world: World): CapturedNetwork {
  const c = world.contactForces();
  const m = c.force.length, ids = world.ids;
  const out = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) { out[2 * k] = ids[c.i[k]]; out[2 * k + 1] = ids[c.j[k]]; }
  return { step: world.stepCount, ids: out, forces: Float32Array.from(c.force) };
}

/** Tracks what the view already has (radii per layout) and builds frames. */
export class FramePacker {
  private seq = 0;
  private radiiKey = '';

  /** Start of a new run: the next frame re-sends radii. */
  restart(): void { this.seq = 0; this.radiiKey = ''; }
  /** The next frame carries radii again (a new view needs them). */
  resendRadii(): void { this.radiiKey = ''; }

  private slotOf = new Int32Array(0);

  build(world: World, boxZ: number, field: ColorField, pool: BufferPool, network: CapturedNetwork | null = null): { frame: FrameEvent; transfer: ArrayBuffer[] } {
    const n = world.count;
    const x = world.field('x'), y = world.field('y'), z = world.field('z');
    const positions = pool.take(12 * n);
    const p = new Float32Array(positions, 0, 3 * n);
    for (let i = 0; i < n; i++) { p[3 * i] = x[i]; p[3 * i + 1] = y[i]; p[3 * i + 2] = z[i]; }

    const key = `${n}:${world.layoutVersion}`;
    let radii: ArrayBuffer | null = null;
    if (key !== this.radiiKey) {
      radii = pool.take(4 * n);
      const r = new Float32Array(radii, 0, n);
      const src = world.field('radius');
      for (let i = 0; i < n; i++) r[i] = src[i];
      this.radiiKey = key;
    }

    let scalar: ArrayBuffer | null = null;
    if (field !== 'none') {
      scalar = pool.take(4 * n);
      fillScalar(world, field, new Float32Array(scalar, 0, n), n);
    }

    let contactPairs: ArrayBuffer | null = null, contactForces: ArrayBuffer | null = null, contactCount = 0;
    if (network) {
      // stable id → this frame's slot
      const ids = world.ids;
      if (this.slotOf.length < world.capacity) this.slotOf = new Int32Array(world.capacity);
      this.slotOf.fill(-1);
      for (let i = 0; i < n; i++) this.slotOf[ids[i]] = i;
      const mTotal = network.forces.length;
      contactPairs = pool.take(8 * mTotal);
      contactForces = pool.take(4 * mTotal);
      const pairs = new Uint32Array(contactPairs, 0, 2 * mTotal), forces = new Float32Array(contactForces, 0, mTotal);
      for (let k = 0; k < mTotal; k++) {
        const a = this.slotOf[network.ids[2 * k]], b = this.slotOf[network.ids[2 * k + 1]];
        if (a < 0 || b < 0) continue; // not in this world any more (cannot happen today: particles are never removed)
        pairs[2 * contactCount] = a; pairs[2 * contactCount + 1] = b; forces[contactCount] = network.forces[k];
        contactCount++;
      }
    }

    const m = world.metrics();
    const frame: FrameEvent = {
      type: 'frame',
      seq: this.seq++,
      step: world.stepCount,
      time: world.time,
      count: n,
      layoutVersion: world.layoutVersion,
      boxX: world.boxX,
      boxY: world.boxY,
      boxZ,
      platenZ: world.platenPresent ? world.platenZ : null,
      field,
      positions,
      radii,
      scalar,
      contactCount,
      contactStep: network ? network.step : null,
      contactPairs,
      contactForces,
      metrics: {
        solidFraction: m.solidFraction,
        platenPressure: m.platenPressure,
        bedHeight: n > 0 ? world.bedHeight() : 0,
        coordination: m.coordination,
        maxOverlapRatio: m.maxOverlapRatio,
      },
    };
    const transfer = [positions];
    if (radii) transfer.push(radii);
    if (scalar) transfer.push(scalar);
    if (contactPairs) transfer.push(contactPairs);
    if (contactForces) transfer.push(contactForces);
    pool.inFlight++;
    return { frame, transfer };
  }
}
