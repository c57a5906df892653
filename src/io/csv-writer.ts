// Writes a particle set as CSV (RFC 4180: comma-separated, '\n' line ends, names quoted only when
// needed). One header row names every column with its SI unit in brackets ("x [m]", "radius [m]",
// "pressure [Pa]"; dimensionless columns have none, unknown units show "[?]"), so spreadsheet,
// pandas and R readers take it as it is. Numbers round-trip exactly (shortest Number::toString).
import { num } from './number-text';
import { checkParticleSet, type ParticleSet } from './particle-set';

function header(name: string, unit: string): string {
  const h = unit ? `${name} [${unit}]` : name;
  return /[",\n\r]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h;
}

export function* csvChunks(set: ParticleSet, linesPerChunk = 8192): Generator<string> {
  checkParticleSet(set);
  const n = set.count, p = set.positions, r = set.radii, v = set.velocities;
  const names = Object.keys(set.fields);
  const cols = ['id', 'type', header('x', 'm'), header('y', 'm'), header('z', 'm'), header('radius', 'm')];
  if (v) cols.push(header('vx', 'm/s'), header('vy', 'm/s'), header('vz', 'm/s'));
  for (const name of names) cols.push(header(name, set.fields[name].unit));
  yield cols.join(',') + '\n';
  const fields = names.map((k) => set.fields[k].values);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let line = `${set.ids ? set.ids[i] : i + 1},${set.types ? set.types[i] : 1},${num(p[3 * i])},${num(p[3 * i + 1])},${num(p[3 * i + 2])},${num(r[i])}`;
    if (v) line += `,${num(v[3 * i])},${num(v[3 * i + 1])},${num(v[3 * i + 2])}`;
    for (let k = 0; k < fields.length; k++) line += ',' + num(fields[k][i]);
    lines.push(line);
    if (lines.length === linesPerChunk) { yield lines.join('\n') + '\n'; lines.length = 0; }
  }
  if (lines.length) yield lines.join('\n') + '\n';
}

export function csvText(set: ParticleSet): string { return Array.from(csvChunks(set)).join(''); }
