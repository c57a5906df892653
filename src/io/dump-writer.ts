// Writes a particle set as one frame of a LAMMPS/LIGGGHTS text custom dump:
//   ITEM: ATOMS id type x y z radius [vx vy vz] <fields…>
// readable by OVITO, by LIGGGHTS/LAMMPS `read_dump` (fields x y z vx vy vz; LIGGGHTS needs the
// atoms to exist or `add yes`) and by our own reader. Numbers are written with the shortest
// text that round-trips the double exactly (ECMAScript Number::toString), so
// write → read gives back the same bits. Frames concatenate: several frames make a multi-frame dump.
import { num } from './number-text';
import { checkParticleSet, safeName, type ParticleSet } from './particle-set';

const RESERVED = new Set(['id', 'type', 'x', 'y', 'z', 'radius', 'vx', 'vy', 'vz']);

/** The column names a set is written with (fields renamed to safe, unique names). */
export function dumpColumns(set: ParticleSet): { columns: string[]; fieldNames: Array<[string, string]> } {
  const columns = ['id', 'type', 'x', 'y', 'z', 'radius'];
  if (set.velocities) columns.push('vx', 'vy', 'vz');
  const used = new Set(columns);
  const fieldNames: Array<[string, string]> = [];
  for (const name of Object.keys(set.fields)) {
    let col = safeName(name);
    if (RESERVED.has(col) || used.has(col)) { let k = 2; while (used.has(`${col}_${k}`)) k++; col = `${col}_${k}`; }
    used.add(col); columns.push(col); fieldNames.push([name, col]);
  }
  return { columns, fieldNames };
}

/**
 * The frame as text pieces of at most `linesPerChunk` atom lines (so a million particles can go
 * to a file stream without one 150 MB string). Join them for the whole frame.
 */
export function* dumpFrameChunks(set: ParticleSet, opts: { timestep?: number; linesPerChunk?: number } = {}): Generator<string> {
  checkParticleSet(set);
  const n = set.count, p = set.positions, r = set.radii, v = set.velocities;
  const { columns, fieldNames } = dumpColumns(set);
  const fields = fieldNames.map(([name]) => set.fields[name].values);
  const flag = (k: number) => (set.box.periodic[k] ? 'pp' : 'ff');
  const step = opts.timestep ?? set.timestep ?? 0;
  yield [
    'ITEM: TIMESTEP', String(Math.max(0, Math.round(step))),
    'ITEM: NUMBER OF ATOMS', String(n),
    `ITEM: BOX BOUNDS ${flag(0)} ${flag(1)} ${flag(2)}`,
    ...[0, 1, 2].map((k) => `${set.box.lo[k]} ${set.box.hi[k]}`),
    `ITEM: ATOMS ${columns.join(' ')}`,
  ].join('\n') + '\n';
  const per = opts.linesPerChunk ?? 8192;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let line = `${set.ids ? set.ids[i] : i + 1} ${set.types ? set.types[i] : 1} ${num(p[3 * i])} ${num(p[3 * i + 1])} ${num(p[3 * i + 2])} ${num(r[i])}`;
    if (v) line += ` ${num(v[3 * i])} ${num(v[3 * i + 1])} ${num(v[3 * i + 2])}`;
    for (let k = 0; k < fields.length; k++) line += ' ' + num(fields[k][i]);
    lines.push(line);
    if (lines.length === per) { yield lines.join('\n') + '\n'; lines.length = 0; }
  }
  if (lines.length) yield lines.join('\n') + '\n';
}

/** The whole frame as one string (small and medium sets). */
export function dumpFrameText(set: ParticleSet, opts: { timestep?: number } = {}): string {
  return Array.from(dumpFrameChunks(set, opts)).join('');
}
