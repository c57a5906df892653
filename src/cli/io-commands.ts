// CLI commands for files: `import` (inspect / convert particle files), `export` (run a scene and
// write its final particles), `deck` (write a runnable LIGGGHTS deck). Each returns an exit code;
// bad input ends in a message naming the problem (a file's line number for malformed dumps).
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, extname } from 'node:path';
import { once } from 'node:events';
import { UsageError, parseOptions, readScene } from './args';
import { SceneRun } from '../scene/runner';
import type { Scene } from '../scene/schema';
import { loadCoreModuleNode } from '../core/load-node';
import { readDumpStream, DumpError, type DumpFrame } from '../io/dump-reader';
import { frameToParticleSet, range, UNIT_STYLES, type ParticleSet, type UnitStyle } from '../io/particle-set';
import { dumpFrameChunks } from '../io/dump-writer';
import { csvChunks } from '../io/csv-writer';
import { vtpText, readVtp } from '../io/vtp';
import { particleSetFromWorld } from '../io/world-particles';
import { liggghtsDeck } from '../io/liggghts-deck';
import { settledSolidFraction } from '../io/packing';

export const IO_USAGE = `  electrode-lab import <file.dump[.gz]|file.vtp> [--frame N|last|all] [--units si|micro] [--radius R] [--out F.vtp|F.csv|F.dump]
      Reads a LAMMPS/LIGGGHTS custom dump (text or gzip, any number of frames) or a .vtp and prints
      its frames, atom count, box, periodicity, columns and every field's min/max; --out converts the
      chosen frame (default last; 'all' for a multi-frame .dump) by extension. --units micro for
      dumps of decks in LIGGGHTS units micro (e.g. from 'deck'); --radius R (m) for dumps without radius.

  electrode-lab export <scene.json|preset> --format dump|vtp|csv --out F [--quiet]
      Runs the scene's protocol and writes its final particles (id type x y z radius v + contacts,
      force sum, Love–Weber pressure and von Mises stress) as a LIGGGHTS dump, VTK .vtp or CSV (SI).

  electrode-lab deck <scene.json|preset> --out <dir> [--bins 8] [--dump-every N]
      Writes a runnable LIGGGHTS-PUBLIC 3.8 deck (in.deck, platen.stl) for the scene: materials,
      PSD as particle templates, walls, fill/settle/tap/press/hold/release. Run it with
      'cd <dir> && liggghts -in in.deck' (or mpirun); differences from our run are listed in the deck.
`;

async function guarded(name: string, body: () => Promise<number>): Promise<number> {
  try { return await body(); } catch (e) {
    if (e instanceof UsageError) { console.error(`error: ${e.message}\n\nusage:\n${IO_USAGE}`); return 64; }
    console.error(`error: ${name}: ${(e as Error).message}`);
    return 1;
  }
}

// ---- formatting ----------------------------------------------------------------------------------

/** How a known SI unit is shown (ground rules: µm, MPa, g/cm³ in CLI output). */
const DISPLAY: Record<string, [string, number]> = { m: ['µm', 1e6], Pa: ['MPa', 1e-6], 'kg/m³': ['g/cm³', 1e-3] };
function show(v: number, unit: string): string {
  const [u, f] = DISPLAY[unit] ?? [unit === '?' ? '' : unit, 1];
  const x = v * f;
  const t = Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : x.toPrecision(5);
  return u ? `${t} ${u}` : t;
}

function describeSet(set: ParticleSet, unitNote: string): string[] {
  const lines: string[] = [];
  const b = set.box;
  lines.push(`  box ${[0, 1, 2].map((k) => `${'xyz'[k]} [${show(b.lo[k], 'm')}, ${show(b.hi[k], 'm')}]${b.periodic[k] ? ' periodic' : ''}`).join(', ')}${unitNote}`);
  const row = (name: string, a: ArrayLike<number>, unit: string, stride = 1, off = 0) => {
    const [lo, hi] = range(a, stride, off);
    lines.push(`  ${name.padEnd(14)} min ${show(lo, unit).padEnd(16)} max ${show(hi, unit)}${unit === '?' ? '   (unit unknown)' : ''}`);
  };
  for (let k = 0; k < 3; k++) row('xyz'[k], set.positions, 'm', 3, k);
  row('radius', set.radii, 'm');
  if (set.ids) row('id', set.ids, '');
  if (set.types) row('type', set.types, '');
  if (set.velocities) for (let k = 0; k < 3; k++) row(`v${'xyz'[k]}`, set.velocities, 'm/s', 3, k);
  for (const [name, f] of Object.entries(set.fields)) row(name, f.values, f.unit);
  return lines;
}

async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  mkdirSync(dirname(file) || '.', { recursive: true });
  const out = createWriteStream(file);
  for (const c of chunks) if (!out.write(c)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function formatOf(file: string, given?: string): 'dump' | 'vtp' | 'csv' {
  const f = given ?? ({ '.vtp': 'vtp', '.csv': 'csv', '.dump': 'dump', '.liggghts': 'dump', '.lammpstrj': 'dump' } as Record<string, string>)[extname(file).toLowerCase()];
  if (f !== 'dump' && f !== 'vtp' && f !== 'csv') throw new UsageError(`cannot tell the output format of '${file}': use the extension .vtp, .csv or .dump${given !== undefined ? ` (--format ${given} is not dump, vtp or csv)` : ''}.`);
  return f;
}

async function writeSet(file: string, format: 'dump' | 'vtp' | 'csv', sets: ParticleSet[]): Promise<void> {
  if (format === 'vtp') { mkdirSync(dirname(file) || '.', { recursive: true }); writeFileSync(file, vtpText(sets[0])); }
  else if (format === 'csv') await writeChunks(file, csvChunks(sets[0]));
  else await writeChunks(file, (function* () { for (const s of sets) yield* dumpFrameChunks(s); })());
}

// ---- import ----------------------------------------------------------------------------------------

export function cmdImport(args: string[]): Promise<number> {
  return guarded('import', async () => {
    const { pos, flags } = parseOptions(args, ['--out', '--frame', '--units', '--radius']);
    if (pos.length !== 1) throw new UsageError('import needs exactly one file.');
    const file = pos[0];
    if (!existsSync(file)) throw new UsageError(`file ${file} does not exist.`);
    const units = flags.get('--units') as string | undefined;
    if (units !== undefined && !(units in UNIT_STYLES)) throw new UsageError(`--units must be ${Object.keys(UNIT_STYLES).join(' or ')} (got '${units}').`);
    const radius = flags.has('--radius') ? Number(flags.get('--radius')) : undefined;
    if (radius !== undefined && !(radius > 0 && radius < 1)) throw new UsageError(`--radius must be a radius in metres in (0, 1) (got ${flags.get('--radius')}).`);
    const frameArg = String(flags.get('--frame') ?? 'last');
    if (!/^(last|all|\d+)$/.test(frameArg)) throw new UsageError(`--frame must be a frame number (0-based), 'last' or 'all' (got '${frameArg}').`);
    const out = flags.get('--out') as string | undefined;
    const outFormat = out ? formatOf(out) : null;
    if (frameArg === 'all' && outFormat && outFormat !== 'dump') throw new UsageError('--frame all can only be written to a .dump (one frame per .vtp/.csv).');
    const size = statSync(file).size;

    const t0 = performance.now();
    const isVtp = /\.vtp$/i.test(file) || /^\s*<(\?xml|VTKFile)/.test(readFileSync(file, { encoding: 'latin1' }).slice(0, 64));
    let sets: ParticleSet[] = [];
    if (isVtp) {
      const set = readVtp(readFileSync(file, 'utf8'));
      console.log(`${file}: VTK PolyData, ${set.count.toLocaleString('en-US')} particles${set.time !== undefined ? `, t = ${set.time} s` : ''}`);
      console.log(describeSet(set, '').join('\n'));
      sets = [set];
    } else {
      const kept: DumpFrame[] = [];
      const wanted = frameArg === 'last' || frameArg === 'all' ? null : Number(frameArg);
      let count = 0, lastPct = -10;
      const toSet = (f: DumpFrame) => frameToParticleSet(f, { units: units as UnitStyle | undefined, defaultRadius: radius });
      const r = await readDumpStream(createReadStream(file, { highWaterMark: 1 << 20 }), {
        totalBytes: size, keepFrames: false,
        onFrame: (f) => {
          count++;
          console.log(`frame ${f.index}: timestep ${f.timestep}${f.time !== null ? `, time ${f.time}` : ''}, ${f.count.toLocaleString('en-US')} atoms (line ${f.line})`);
          if (frameArg === 'all') kept.push(f);
          else if (wanted === null) kept[0] = f;
          else if (f.index === wanted) kept[0] = f;
        },
        onProgress: ({ bytesRead }) => {
          const pct = Math.floor((100 * bytesRead) / Math.max(1, size));
          if (size > 64 << 20 && pct >= lastPct + 10) { lastPct = pct; process.stderr.write(`  reading … ${pct} %\n`); }
        },
      });
      if (wanted !== null && !kept[0]) throw new UsageError(`--frame ${wanted}: the file holds frames 0 to ${count - 1}.`);
      const f = kept[kept.length - 1];
      console.log(`${file}: LAMMPS/LIGGGHTS custom dump${r.gzip ? ' (gzip)' : ''}, ${count} frame${count === 1 ? '' : 's'}, ${r.lines.toLocaleString('en-US')} lines, read in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
      console.log(`frame ${f.index} (timestep ${f.timestep}): ${f.count.toLocaleString('en-US')} atoms; columns: ${f.columns.join(' ')}; positions from ${f.coordinates}`);
      const style = units ?? f.units ?? 'si';
      sets = kept.map(toSet);
      console.log(describeSet(sets[sets.length - 1], style === 'si' ? '' : `   (converted from LAMMPS units ${style})`).join('\n'));
      if (!frameArg.match(/^\d+$/) && frameArg !== 'all') { /* last frame shown */ }
    }
    const phi = settledSolidFraction(sets[sets.length - 1]);
    if (phi.height > 0 && sets[sets.length - 1].box.periodic[0] && sets[sets.length - 1].box.periodic[1]) {
      console.log(`  bed surface ${show(phi.height, 'm')}, solid fraction below it ${phi.solidFraction.toFixed(4)} (World.metrics definition)`);
    }
    if (out && outFormat) {
      await writeSet(out, outFormat, sets);
      console.log(`wrote ${out} (${outFormat}, ${sets.length} frame${sets.length === 1 ? '' : 's'}, SI units)`);
    }
    return 0;
  });
}

// ---- export / deck -------------------------------------------------------------------------------

export function cmdExport(args: string[]): Promise<number> {
  return guarded('export', async () => {
    const { pos, flags } = parseOptions(args, ['--format', '--out'], ['--quiet']);
    if (pos.length !== 1) throw new UsageError('export needs exactly one scene file or preset name.');
    const out = flags.get('--out') as string | undefined;
    if (!out) throw new UsageError('export needs --out <file>.');
    const format = formatOf(out, flags.get('--format') as string | undefined);
    const scene = readScene(pos[0]);
    if (!scene) return 1;
    const run = await SceneRun.create(scene, await loadCoreModuleNode());
    const quiet = flags.has('--quiet');
    const t0 = performance.now();
    if (!quiet) console.error(`${scene.name}: ${run.world.capacity} particles, ${scene.protocol.length} protocol steps`);
    let shown = 0;
    run.runToEnd(() => {
      while (!quiet && shown < run.records.length) { const r = run.records[shown++]; console.error(`  [${r.index}] ${r.type}: ${r.outcome}; φ = ${r.end.solidFraction.toFixed(4)}`); }
    });
    const set = particleSetFromWorld(run.world, { zTop: run.world.metrics().platenZ });
    await writeSet(out, format, [set]);
    console.log(`wrote ${out}: ${set.count} particles (${format}, SI) at t = ${(run.world.time * 1e3).toFixed(3)} ms after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (run.error) { console.error(`error: the run stopped early: ${run.error} (the file holds the state where it stopped)`); return 2; }
    return 0;
  });
}

export function cmdDeck(args: string[]): Promise<number> {
  return guarded('deck', async () => {
    const { pos, flags } = parseOptions(args, ['--out', '--bins', '--dump-every']);
    if (pos.length !== 1) throw new UsageError('deck needs exactly one scene file or preset name.');
    const dir = flags.get('--out') as string | undefined;
    if (!dir) throw new UsageError('deck needs --out <directory>.');
    const bins = Number(flags.get('--bins') ?? 8), dumpEvery = Number(flags.get('--dump-every') ?? 0);
    if (!(Number.isInteger(bins) && bins >= 1 && bins <= 64)) throw new UsageError('--bins must be an integer from 1 to 64.');
    if (!(Number.isInteger(dumpEvery) && dumpEvery >= 0)) throw new UsageError('--dump-every must be a non-negative integer (steps).');
    const scene = readScene(pos[0]);
    if (!scene) return 1;
    const deck = liggghtsDeck(scene, { bins, dumpEvery });
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(deck.files)) writeFileSync(join(dir, name), text);
    console.log(`wrote ${Object.keys(deck.files).map((f) => join(dir, f)).join(', ')}: ${deck.count} particles in ${deck.templates.length} size class${deck.templates.length === 1 ? '' : 'es'}, dt = ${deck.timestep.toExponential(3)} s`);
    for (const n of deck.notes) console.log(`  note: ${n}`);
    console.log(`run: cd ${dir} && liggghts -in in.deck   (then: electrode-lab import ${join(dir, 'final.dump')} --units micro)`);
    return 0;
  });
}

export { DumpError };
