// Benchmark (prints numbers; not a test): writes a 1-million-particle single-frame LIGGGHTS dump
// (id type x y z radius vx vy vz + 4 fields = 13 columns, the layout `electrode-lab run --dump`
// writes) and parses it with the streaming reader, printing the parse time, throughput and the
// peak process memory (rss, heap, array buffers) sampled after every chunk.
//   node --expose-gc --import tsx scripts/bench-dump-read.ts [N=1000000] [--f32] [--gzip] [--g6] [--keep]
// --g6 rounds every value to 6 significant digits, as LIGGGHTS/LAMMPS write them (%g): shorter
// lines that take the reader's exact fast path; without it values have the 16–17 digits we write.
import { createReadStream, createWriteStream, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readDumpStream } from '../src/io/dump-reader';
import { dumpFrameChunks } from '../src/io/dump-writer';
import type { ParticleSet } from '../src/io/particle-set';

const args = process.argv.slice(2);
const N = Number(args.find((a, k) => !a.startsWith('--') && args[k - 1] !== '--write-only') ?? 1_000_000);
const f32 = args.includes('--f32'), gzip = args.includes('--gzip'), g6 = args.includes('--g6');
// the file is written by a child process, so the parse below starts from a clean heap
const writeOnly = args.indexOf('--write-only');
const dir = writeOnly >= 0 ? '' : mkdtempSync(join(tmpdir(), 'el-dump-bench-'));
const file = writeOnly >= 0 ? args[writeOnly + 1] : join(dir, gzip ? 'big.dump.gz' : 'big.dump');

// a deterministic pseudo-random bed (xorshift32; benchmark data, not simulation)
let s = 2463534242;
const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
const L = 1e-3;
function makeSet(): ParticleSet {
  const positions = new Float64Array(3 * N), velocities = new Float64Array(3 * N), radii = new Float64Array(N);
  const c = new Int32Array(N), fs = new Float64Array(N), p = new Float64Array(N), vm = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    positions[3 * i] = rnd() * L; positions[3 * i + 1] = rnd() * L; positions[3 * i + 2] = rnd() * L;
    velocities[3 * i] = (rnd() - 0.5) * 1e-3; velocities[3 * i + 1] = (rnd() - 0.5) * 1e-3; velocities[3 * i + 2] = (rnd() - 0.5) * 1e-3;
    radii[i] = 2e-6 + rnd() * 8e-6; c[i] = Math.floor(rnd() * 12); fs[i] = rnd() * 1e-3; p[i] = rnd() * 1e6; vm[i] = rnd() * 1e6;
  }
  if (g6) for (const a of [positions, velocities, radii, fs, p, vm]) for (let i = 0; i < a.length; i++) a[i] = Number(a[i].toPrecision(6));
  return { count: N, positions, radii, velocities, fields: { contacts: { values: c, unit: '' }, forceSum: { values: fs, unit: 'N' }, pressure: { values: p, unit: 'Pa' }, vonMises: { values: vm, unit: 'Pa' } }, box: { lo: [0, 0, 0], hi: [L, L, L], periodic: [true, true, false] } };
}

/** Writes the file from a set that only lives inside this function, so it is garbage before the parse is measured. */
async function writeDump(): Promise<void> {
  const src = Readable.from(dumpFrameChunks(makeSet()));
  if (gzip) await pipeline(src, createGzip({ level: 6 }), createWriteStream(file));
  else await pipeline(src, createWriteStream(file));
}
let t = performance.now();
if (writeOnly >= 0) { await writeDump(); process.exit(0); }
execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args, '--write-only', file], { stdio: 'inherit' });
const size = statSync(file).size;
console.log(`wrote ${N.toLocaleString('en-US')} particles, ${(size / 2 ** 20).toFixed(1)} MiB${gzip ? ' (gzip)' : ''} in ${((performance.now() - t) / 1000).toFixed(1)} s: ${file}`);

await new Promise((r) => setTimeout(r, 50));
globalThis.gc?.();
if (!globalThis.gc) console.log('(run with node --expose-gc for a clean baseline)');
const base = process.memoryUsage();
const peak = { rss: base.rss, heapUsed: base.heapUsed, arrayBuffers: base.arrayBuffers };
const sample = () => { const m = process.memoryUsage(); peak.rss = Math.max(peak.rss, m.rss); peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed); peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers); };
const timer = setInterval(sample, 20);
let lastPct = -1;
t = performance.now();
const r = await readDumpStream(createReadStream(file, { highWaterMark: 1 << 20 }), {
  float: f32 ? 32 : 64, totalBytes: size,
  onProgress: ({ bytesRead, totalBytes }) => {
    sample();
    const pct = Math.floor((100 * bytesRead) / totalBytes!);
    if (pct >= lastPct + 25) { lastPct = pct; process.stderr.write(`  ${pct}%\n`); }
  },
});
const seconds = (performance.now() - t) / 1000;
clearInterval(timer); sample();
const f = r.frames[0];
const MiB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
console.log(`parsed ${f.count.toLocaleString('en-US')} atoms × ${f.columns.length} columns (${r.lines.toLocaleString('en-US')} lines) in ${seconds.toFixed(2)} s = ${(size / 2 ** 20 / seconds).toFixed(0)} MiB/s, ${(f.count / seconds / 1e6).toFixed(2)} M atoms/s (${f32 ? 'float32' : 'float64'} columns, ${g6 ? '6-digit' : '17-digit'} values${gzip ? ', gzip' : ''})`);
console.log(`memory before parse: rss ${MiB(base.rss)}, heap ${MiB(base.heapUsed)}, arrayBuffers ${MiB(base.arrayBuffers)}`);
console.log(`peak during parse:   rss ${MiB(peak.rss)} (+${MiB(peak.rss - base.rss)}), heap ${MiB(peak.heapUsed)}, arrayBuffers ${MiB(peak.arrayBuffers)} (+${MiB(peak.arrayBuffers - base.arrayBuffers)})`);
const bytesOut = [f.positions, f.radius, f.id, f.type, f.velocity, ...Object.values(f.fields)].reduce((a, x) => a + (x?.byteLength ?? 0), 0);
console.log(`typed arrays of the frame: ${MiB(bytesOut)}`);
console.log(`node ${process.version}; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
