// electrode-lab CLI: run scenes headless and benchmark the core, on the same code the browser runs.
//   electrode-lab run <scene.json> [--out result.json] [--dump <dir>]
//   electrode-lab sweep <scene.json> [--step 0.1] [--threads N] [--out <dir>] [--no-cache]
//   electrode-lab compare [--psds a,b] [--seeds 1,2,3] [--count 2000] [--densities 1.3,1.75] [--out <dir>]
//   electrode-lab psd <preset | table.csv> [--out curves.csv]
//   electrode-lab bench [--json] [--sizes 5000,20000] [--seconds 10] [--liggghts]
//   electrode-lab interlayer <preset> [--seed N] [--capacity 1] [--current 1] [--small] [--out <dir>]
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { UsageError, readScene } from './args';
import { SceneRun } from '../scene/runner';
import { benchScene, presets } from '../scene/presets';
import { heckelFit } from '../scene/analysis';
import { loadCoreModuleNode } from '../core/load-node';
import { liggghtsDumpFrame, lammpsDataFile } from '../io/liggghts-dump';
import { runScenesInParallel } from '../sweep/node-pool';
import { blendScenes, sweepCsv, sweepGrades, seedMeans } from '../sweep/ternary-sweep';
import { ternarySvg } from '../sweep/ternary-svg';
import { cmdImport, cmdExport, cmdDeck, IO_USAGE } from './io-commands';
import { cmdInterlayer, INTERLAYER_USAGE } from './interlayer-command';
import { svgsToPng } from './svg-png';
import { compareScenes, compareRow, compareTable, compareMarkdown, compactionCsv, histogramCsv, equivalentDensity } from '../scene/calendering-compare';
import { psdPresets, psdStats, psdCurves, parsePsdCsv } from '../psd';

const USAGE = `Electrode Lab command line

  electrode-lab run <scene.json | preset> [--out result.json] [--dump <dir>]
      Runs the scene's protocol headless. Prints progress to stderr and a summary to stdout;
      --out writes metrics (per protocol step, samples, final state, snapshot hash) as JSON;
      --dump writes a LIGGGHTS/LAMMPS dump of the particles at the end of every protocol step.

  electrode-lab sweep <scene.json> [--step 0.1] [--seeds 1,2,3] [--threads N] [--out <dir>] [--no-cache] [--png]
      Ternary blend map: the scene's particles must be a PSD blend of three grades; every blend on
      the simplex (step 0.1 → 66) is run on worker threads (one per core), cached by scene + core;
      writes <out>/ternary.csv and contour maps <out>/ternary.svg and ternary-farr-groot.svg (the
      Farr–Groot estimate beside the DEM); --png also renders both as PNG (2×) with the system Chromium;
      --seeds runs every blend once per seed and maps the mean (the CSV adds the sd between seeds).

  electrode-lab compare [--psds small-graphite-narrow,wd-sig-wide] [--seeds 1,2,3] [--count 2000]
                        [--densities 1.3,1.75] [--model-densities] [--threads N] [--out <dir>] [--no-cache]
      Presses each PSD preset (one calendering scene per PSD and seed) to the same electrode densities
      and prints a table (mean ± sd over seeds): pressure (MPa), contact forces (mN), particle loads,
      overlaps, springback. Paper densities below 1.75 g/cm³ map to the equivalent state of the sphere
      model (docs/model.md §10) unless --model-densities. Writes compare.md/.json, compaction.csv and
      force-histograms.csv to <out> (default compare-out).

  electrode-lab psd <preset | table.csv> [--max-size-ratio 10] [--out curves.csv]
      D10/D50/D90 and span (volume- and number-weighted, after truncation and as specified), the
      truncated range; --out writes the q3/Q3 and q0/Q0 curves (per ln D) as CSV.

  electrode-lab bench [--json] [--sizes 5000,20000] [--seconds 10] [--liggghts]
      Pour-then-compress benchmark: particle-steps per second of the whole protocol and of the
      dense compressed packing. Writes bench/out/bench-<N>.data/.json for the LIGGGHTS deck in
      bench/liggghts/; --liggghts also runs that deck (one core) and prints the ratio.

${IO_USAGE}
${INTERLAYER_USAGE}`;


function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const valued = new Set(['--max-size-ratio', '--out', '--dump', '--sizes', '--seconds', '--step', '--threads', '--psds', '--seeds', '--count', '--densities']);
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a.startsWith('--')) {
      if (valued.has(a)) {
        const v = argv[++k];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value.`);
        flags.set(a, v);
      } else flags.set(a, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

function checkFlags(flags: Map<string, unknown>, allowed: string[]): void {
  for (const f of flags.keys()) if (!allowed.includes(f)) throw new UsageError(`unknown option ${f} (allowed: ${allowed.join(', ')}).`);
}

async function cmdRun(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args);
  checkFlags(flags, ['--out', '--dump', '--quiet']);
  if (positional.length !== 1) throw new UsageError('run needs exactly one scene file.');
  const scene = readScene(positional[0]);
  if (!scene) return 1;
  const run = await SceneRun.create(scene, await loadCoreModuleNode());
  const quiet = flags.has('--quiet');
  const dumpDir = flags.get('--dump');
  if (typeof dumpDir === 'string') mkdirSync(dumpDir, { recursive: true });
  const t0 = performance.now();
  let lastPrint = 0, dumped = 0;
  const w = run.world;
  console.error(`${run.scene.name}: ${w.capacity} particles, dt = ${w.timestep.toExponential(3)} s, ${run.scene.protocol.length} protocol steps`);
  while (!run.done) {
    run.advance(2000);
    const now = performance.now();
    while (dumped < run.records.length) {
      const rec = run.records[dumped];
      if (!quiet) {
        console.error(`  [${rec.index}] ${rec.type}: ${rec.outcome} at t = ${(rec.endTime * 1e3).toFixed(3)} ms after ${rec.steps} steps; φ = ${rec.end.solidFraction.toFixed(4)}, ρ = ${(rec.end.density / 1000).toFixed(4)} g/cm³, platen ${(rec.end.platenPressure / 1e6).toFixed(4)} MPa${rec.note ? '; ' + rec.note : ''}`);
        const f = rec.forces;
        if (f.contacts > 0) console.error(`       contacts ${f.contacts}, Z = ${rec.end.coordination.toFixed(2)}; force mean ${(f.mean * 1e3).toPrecision(3)} mN, max ${(f.max * 1e3).toPrecision(3)} mN, p99 ${(f.p99 * 1e3).toPrecision(3)} mN, tail β ${f.tailBeta.toFixed(2)}; particle load Σ|F|/πr² mean ${(rec.particleLoad.mean / 1e6).toPrecision(3)} MPa, max ${(rec.particleLoad.max / 1e6).toPrecision(3)} MPa; particle pressure collector side ${(rec.stressBottom / 1e6).toPrecision(3)} MPa, platen side ${(rec.stressTop / 1e6).toPrecision(3)} MPa; overlap/r mean ${rec.end.meanOverlapRatio.toFixed(4)}, max ${rec.end.maxOverlapRatio.toFixed(4)}`);
      }
      if (typeof dumpDir === 'string') writeFileSync(join(dumpDir, `step${rec.index}-${rec.type}.dump`), liggghtsDumpFrame(w, rec.end.platenZ));
      dumped++;
    }
    if (!quiet && now - lastPrint > 2000 && !run.done) {
      lastPrint = now;
      console.error(`  … ${run.scene.protocol[run.protocolIndex].type}: t = ${(w.time * 1e3).toFixed(3)} ms, ${w.stepCount} steps, ${(w.stepCount / ((now - t0) / 1000)).toFixed(0)} steps/s`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const heckel = run.compaction.length > 2 ? heckelFit(run.compaction) : null;
  if (heckel && Number.isFinite(heckel.K) && !quiet) {
    console.error(`  compaction: ${run.compaction.length} points; Heckel ln(1/(1−φ)) = K·p + A over p ≥ 0.2 p_max: K = ${(heckel.K * 1e6).toPrecision(4)} 1/MPa, A = ${heckel.A.toFixed(4)}, apparent yield pressure 1/(3K) = ${(heckel.yieldPressure / 1e6).toPrecision(4)} MPa`);
  }
  const final = w.metrics();
  const result = {
    scene: run.scene.name, seed: run.scene.seed, hash: w.hash(), error: run.error ?? null,
    wallSeconds: seconds, steps: w.stepCount, particleStepsPerSecond: (w.stepCount * w.count) / seconds,
    units: { time: 's', platenZ: 'm', pressure: 'Pa', kineticEnergy: 'J' },
    protocol: run.records, final, samples: run.samples, warnings: run.warnings,
    compaction: run.compaction, heckel: heckel && Number.isFinite(heckel.K) ? { K: heckel.K, A: heckel.A, yieldPressure: heckel.yieldPressure } : null,
  };
  const out = flags.get('--out');
  if (typeof out === 'string') { mkdirSync(dirname(out) || '.', { recursive: true }); writeFileSync(out, JSON.stringify(result, null, 1)); }
  if (run.error) { console.error(`error: ${run.error}`); return 2; }
  console.log(`done: ${w.stepCount} steps in ${seconds.toFixed(1)} s (${(result.particleStepsPerSecond / 1e6).toFixed(2)} M particle-steps/s); solid fraction ${final.solidFraction.toFixed(4)}; hash ${result.hash}`);
  return 0;
}

interface BenchRow { N: number; prepareSeconds: number; prepareSteps: number; prepareParticleStepsPerSecond: number; denseSteps: number; denseSeconds: number; denseParticleStepsPerSecond: number; coordination: number; solidFraction: number; liggghts?: { particleStepsPerSecond: number; seconds: number; steps: number }; ratio?: number }

async function cmdBench(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args);
  checkFlags(flags, ['--json', '--sizes', '--seconds', '--liggghts']);
  if (positional.length) throw new UsageError(`bench takes no file arguments (got ${positional.join(' ')}).`);
  const sizes = String(flags.get('--sizes') ?? '5000,20000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 1_000_000)) throw new UsageError('--sizes must be integers from 100 to 1,000,000, comma-separated.');
  const seconds = Number(flags.get('--seconds') ?? 10);
  if (!(seconds > 0 && seconds <= 3600)) throw new UsageError('--seconds must be in (0, 3600].');
  const json = flags.has('--json');
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const outDir = join(root, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  const module = await loadCoreModuleNode();
  const rows: BenchRow[] = [];
  for (const N of sizes) {
    const scene = benchScene(N);
    const run = await SceneRun.create(scene, module);
    const w = run.world;
    // the prepared (poured + compressed) state is cached by scene, so repeated benches skip it
    const cacheFile = join(outDir, `bench-${N}.state`), cacheKey = join(outDir, `bench-${N}.scene.json`);
    const sceneText = JSON.stringify(scene);
    let t0 = performance.now();
    let prepareSeconds: number, prepareSteps: number;
    if (existsSync(cacheFile) && existsSync(cacheKey) && readFileSync(cacheKey, 'utf8') === sceneText) {
      const cached = JSON.parse(readFileSync(cacheFile + '.json', 'utf8'));
      w.restore(new Uint8Array(readFileSync(cacheFile)));
      prepareSeconds = cached.prepareSeconds; prepareSteps = cached.prepareSteps;
      if (!json) console.log(`N = ${N}: prepared state from ${cacheFile} (delete it to re-run the pour)`);
    } else {
      run.runToEnd();
      if (run.error) throw new Error(`bench N = ${N}: ${run.error}`);
      prepareSeconds = (performance.now() - t0) / 1000;
      prepareSteps = w.stepCount;
      writeFileSync(cacheFile, w.snapshot());
      writeFileSync(cacheFile + '.json', JSON.stringify({ prepareSeconds, prepareSteps }));
      writeFileSync(cacheKey, sceneText);
    }
    // dense phase: platen fixed where the servo left it, timed in chunks until `seconds` pass
    w.setPlatenFixed();
    w.step(1, true);
    const m = w.metrics();
    const zTop = w.platenZ;
    const startState = w.snapshot();
    let denseSteps = 0;
    t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) { w.step(200); denseSteps += 200; }
    const denseSeconds = (performance.now() - t0) / 1000;
    const row: BenchRow = {
      N, prepareSeconds, prepareSteps, prepareParticleStepsPerSecond: (N * prepareSteps) / prepareSeconds,
      denseSteps, denseSeconds, denseParticleStepsPerSecond: (N * denseSteps) / denseSeconds,
      coordination: m.coordination, solidFraction: m.solidFraction,
    };
    // hand the same dense state to LIGGGHTS
    w.restore(startState);
    const mat = scene.materials[0];
    const dataFile = join(outDir, `bench-${N}.data`), paramFile = join(outDir, `bench-${N}.json`);
    writeFileSync(dataFile, lammpsDataFile(w, zTop, scene.materials.map((x) => x.density)));
    writeFileSync(paramFile, JSON.stringify({
      youngsModulus: mat.youngsModulus, poissonRatio: mat.poissonRatio, restitution: mat.restitution, friction: mat.friction,
      density: mat.density, timestep: w.timestep, skin: scene.solver.skin * 2 * (scene.particles.kind === 'monodisperse' ? scene.particles.radius : 0),
      steps: denseSteps, platenZ: zTop, gravity: scene.gravity,
    }, null, 1));
    if (flags.has('--liggghts')) {
      const out = execFileSync('bash', [join(root, 'bench', 'liggghts', 'run.sh'), dataFile, paramFile, String(denseSteps)], { encoding: 'utf8' });
      const lig = JSON.parse(out.trim().split('\n').pop()!);
      row.liggghts = { particleStepsPerSecond: lig.particleStepsPerSecond, seconds: lig.seconds, steps: lig.steps };
      row.ratio = row.denseParticleStepsPerSecond / lig.particleStepsPerSecond;
    }
    rows.push(row);
    if (!json) {
      console.log(`N = ${N}: pour-then-compress ${prepareSteps} steps in ${prepareSeconds.toFixed(1)} s = ${(row.prepareParticleStepsPerSecond / 1e6).toFixed(2)} M particle-steps/s; ` +
        `dense packing (φ = ${m.solidFraction.toFixed(3)}, Z = ${m.coordination.toFixed(2)}) ${(row.denseParticleStepsPerSecond / 1e6).toFixed(2)} M particle-steps/s` +
        (row.liggghts ? `; LIGGGHTS ${(row.liggghts.particleStepsPerSecond / 1e6).toFixed(2)} M → ratio ${row.ratio!.toFixed(2)}` : ''));
    }
  }
  if (json) console.log(JSON.stringify({ engine: 'electrode-lab core (AssemblyScript/WASM, Node ' + process.version + ')', rows }, null, 1));
  return 0;
}

async function cmdSweep(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args);
  checkFlags(flags, ['--step', '--threads', '--out', '--no-cache', '--png', '--seeds']);
  if (positional.length !== 1) throw new UsageError('sweep needs exactly one scene file.');
  const scene = readScene(positional[0]);
  if (!scene) return 1;
  const step = Number(flags.get('--step') ?? 0.1);
  const threads = flags.has('--threads') ? Number(flags.get('--threads')) : undefined;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new UsageError('--threads must be an integer from 1 to 64.');
  const seeds = flags.has('--seeds') ? String(flags.get('--seeds')).split(',').map(Number) : [scene.seed];
  if (seeds.some((x) => !(Number.isInteger(x) && x >= 0 && x < 2 ** 32))) throw new UsageError('--seeds: comma-separated integers from 0 to 2^32−1.');
  const outDir = String(flags.get('--out') ?? 'sweep-out');
  let rowsBySeed;
  try { rowsBySeed = seeds.map((seed) => blendScenes({ ...scene, seed }, step)); } catch (e) { console.error(`error: ${(e as Error).message}`); return 1; }
  const rows = rowsBySeed[0];
  const nb = rows.length;
  mkdirSync(outDir, { recursive: true });
  const t0 = performance.now();
  console.error(`sweep: ${nb} blends of ${scene.name} × ${seeds.length} seed(s), ${threads ?? 'one per core'} threads`);
  const flat = await runScenesInParallel(rowsBySeed.flat().map((r) => r.scene), {
    threads, cacheDir: flags.has('--no-cache') ? null : join(outDir, 'cache'),
    onResult: (k, r, cached, done, total) => {
      const el = (performance.now() - t0) / 1000;
      const eta = done < total ? ` ETA ${((el / done) * (total - done)).toFixed(0)} s` : '';
      const row = rows[k % nb];
      console.error(`  [${done}/${total}] A ${row.a.toFixed(2)} B ${row.b.toFixed(2)} C ${row.c.toFixed(2)} seed ${seeds[Math.floor(k / nb)]}: φ_bulk ${r.bulkSolidFraction.toFixed(4)} (Farr–Groot ${row.farrGrootFrictional.toFixed(4)})${cached ? ' [cached]' : ''}${r.error ? ' ERROR ' + r.error : ''}${eta}`);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const bySeed = seeds.map((_, s) => flat.slice(s * nb, (s + 1) * nb));
  const phi = seedMeans(bySeed);
  writeFileSync(join(outDir, 'ternary.csv'), sweepCsv(rows, bySeed));
  const grades = sweepGrades(scene).map((g, k) => `${'ABC'[k]}: ${g.kind === 'lognormal' ? `D50 ${(g.d50 * 1e6).toPrecision(3)} µm` : g.kind}`) as [string, string, string];
  const pts = rows.map((r) => ({ a: r.a, b: r.b, c: r.c }));
  const demSvg = ternarySvg(pts, phi, step, { title: `DEM bulk solid fraction, ${scene.name}${seeds.length > 1 ? ` (mean of ${seeds.length} seeds)` : ''}`, labels: grades, unit: 'φ' });
  const fgSvg = ternarySvg(pts, rows.map((r) => r.farrGrootFrictional), step, { title: 'Farr–Groot estimate × φc(μ)/0.64', labels: grades, unit: 'φ' });
  writeFileSync(join(outDir, 'ternary.svg'), demSvg);
  writeFileSync(join(outDir, 'ternary-farr-groot.svg'), fgSvg);
  if (flags.has('--png')) {
    try {
      const [a, b] = await svgsToPng([demSvg, fgSvg], 2);
      writeFileSync(join(outDir, 'ternary.png'), a);
      writeFileSync(join(outDir, 'ternary-farr-groot.png'), b);
    } catch (e) { console.error(`warning: ${(e as Error).message}`); }
  }
  const best = phi.reduce((b, v, k) => (v > phi[b] ? k : b), 0);
  console.log(`sweep done: ${nb} blends × ${seeds.length} seed(s) in ${seconds.toFixed(1)} s; densest A ${rows[best].a} B ${rows[best].b} C ${rows[best].c} at φ_bulk = ${phi[best].toFixed(4)}; wrote ${join(outDir, 'ternary.csv')}, ternary.svg, ternary-farr-groot.svg`);
  return flat.some((r) => r.error) ? 2 : 0;
}

async function cmdCompare(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args);
  checkFlags(flags, ['--psds', '--seeds', '--count', '--densities', '--model-densities', '--threads', '--out', '--no-cache']);
  if (positional.length) throw new UsageError('compare takes no positional arguments (PSDs are given with --psds).');
  const list = (f: string, d: string) => String(flags.get(f) ?? d).split(',').map((x) => x.trim()).filter(Boolean);
  const psdNames = list('--psds', 'small-graphite-narrow,wd-sig-wide');
  const known = [...psdPresets.keys()];
  for (const n of psdNames) if (!psdPresets.has(n)) throw new UsageError(`--psds: unknown PSD preset '${n}' (known: ${known.join(', ')}).`);
  const seeds = list('--seeds', '1,2,3').map(Number);
  if (seeds.some((s) => !(Number.isInteger(s) && s >= 0 && s < 2 ** 32))) throw new UsageError('--seeds: comma-separated integers from 0 to 2^32−1.');
  const count = Number(flags.get('--count') ?? 2000);
  if (!(Number.isInteger(count) && count >= 200 && count <= 200000)) throw new UsageError('--count: an integer from 200 to 200,000 particles per bed.');
  const given = list('--densities', '1.3,1.75').map(Number);
  if (given.some((d) => !(d >= 1.0 && d <= 1.9))) throw new UsageError('--densities: electrode densities in g/cm³, each from 1.0 to 1.9.');
  const threads = flags.has('--threads') ? Number(flags.get('--threads')) : undefined;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new UsageError('--threads must be an integer from 1 to 64.');
  const modelDensities = flags.has('--model-densities');
  // the paper's densities below 1.75 g/cm³ map to the equivalent state of our sphere packing (calendering-compare.ts)
  const targets = given.map((d) => Math.round(modelDensities ? d * 1000 : equivalentDensity(d * 1000)));
  const paperLabels: Record<number, string> = {};
  given.forEach((d, k) => { if (targets[k] !== Math.round(d * 1000)) paperLabels[targets[k]] = `≙ paper ${d} g/cm³`; });
  const outDir = String(flags.get('--out') ?? 'compare-out');
  const runs = compareScenes({ psds: psdNames.map((n) => ({ label: n, psd: psdPresets.get(n)!.spec })), seeds, densities: targets, count });
  mkdirSync(outDir, { recursive: true });
  console.error(`compare: ${psdNames.join(' vs ')}, seeds ${seeds.join(',')}, ${count} particles, targets ${targets.map((t) => (t / 1000).toFixed(3)).join(', ')} g/cm³ (${runs.length} runs, ${threads ?? 'one per core'} threads)`);
  const t0 = performance.now();
  const results = await runScenesInParallel(runs.map((r) => r.scene), {
    threads, cacheDir: flags.has('--no-cache') ? null : join(outDir, 'cache'),
    onResult: (k, r, cached, done, total) => {
      const el = (performance.now() - t0) / 1000;
      console.error(`  [${done}/${total}] ${runs[k].label} seed ${runs[k].seed}: ${r.error ? 'ERROR ' + r.error : `${r.steps} steps`}${cached ? ' [cached]' : ''}${done < total ? ` ETA ${((el / done) * (total - done)).toFixed(0)} s` : ''}`);
    },
  });
  const rows = runs.map((r, k) => compareRow(r.label, r.seed, r.scene, results[k].protocol, results[k].compaction, results[k].error));
  const table = compareTable(rows);
  const md = compareMarkdown(table, paperLabels);
  writeFileSync(join(outDir, 'compare.md'), md);
  writeFileSync(join(outDir, 'compare.json'), JSON.stringify({ units: 'SI (Pa, N, kg/m³); springback as a fraction', targets, paperDensities: given, table, rows }, null, 1));
  writeFileSync(join(outDir, 'compaction.csv'), compactionCsv(rows));
  writeFileSync(join(outDir, 'force-histograms.csv'), histogramCsv(rows));
  console.log(md);
  console.log(`compare done in ${((performance.now() - t0) / 1000).toFixed(1)} s; wrote ${outDir}/compare.md, compare.json, compaction.csv, force-histograms.csv`);
  return rows.some((r) => r.error) ? 2 : 0;
}

async function cmdPsd(args: string[]): Promise<number> {
  const { positional, flags } = parseArgs(args);
  checkFlags(flags, ['--out', '--max-size-ratio']);
  const ratio = flags.has('--max-size-ratio') ? Number(flags.get('--max-size-ratio')) : undefined;
  if (ratio !== undefined && !(ratio >= 1.5 && ratio <= 100)) throw new UsageError('--max-size-ratio: largest/smallest diameter after truncation, from 1.5 to 100 (default 10; the calendering presets use 5).');
  const opts = ratio === undefined ? undefined : { truncation: { lower: 0.005, upper: 0.995, maxSizeRatio: ratio } };
  if (positional.length !== 1) throw new UsageError(`psd needs one PSD: a preset name (${[...psdPresets.keys()].join(', ')}) or a laser-diffraction CSV file.`);
  const what = positional[0];
  let spec;
  if (psdPresets.has(what)) spec = psdPresets.get(what)!.spec;
  else if (existsSync(what)) {
    const parsed = parsePsdCsv(readFileSync(what, 'utf8'));
    if (!parsed.ok) { console.error(`${what}: not a usable PSD table:\n${parsed.errors.map((e) => `  - ${e.message}`).join('\n')}`); return 1; }
    for (const w of parsed.warnings) console.error(`warning: ${w}`);
    spec = parsed.psd;
  } else throw new UsageError(`psd: '${what}' is neither a PSD preset (${[...psdPresets.keys()].join(', ')}) nor a file.`);
  const st = psdStats(spec, opts);
  const um = (m: number) => (m * 1e6).toPrecision(4);
  const line = (name: string, p: { d10: number; d50: number; d90: number; span: number }) => `  ${name.padEnd(26)} D10 ${um(p.d10)} µm  D50 ${um(p.d50)} µm  D90 ${um(p.d90)} µm  span ${p.span.toFixed(3)}`;
  console.log(`PSD ${what}`);
  console.log(line('volume-weighted (sampled)', st.volume));
  console.log(line('number-weighted', st.number));
  console.log(line('as specified (untruncated)', st.nominal));
  console.log(`  truncated to ${um(st.dMin)}–${um(st.dMax)} µm (ratio ${(st.dMax / st.dMin).toFixed(2)}); D[1,0] ${um(st.numberMeanDiameter)} µm, D[3,2] ${um(st.sauterDiameter)} µm`);
  const out = flags.get('--out');
  if (typeof out === 'string') {
    const c = psdCurves(spec, 200, opts);
    let csv = 'diameter_um,q3_per_lnD,Q3,q0_per_lnD,Q0\n';
    for (let k = 0; k < c.diameter.length; k++) csv += `${um(c.diameter[k])},${c.q3[k].toPrecision(5)},${c.Q3[k].toPrecision(5)},${c.q0[k].toPrecision(5)},${c.Q0[k].toPrecision(5)}\n`;
    mkdirSync(dirname(out) || '.', { recursive: true });
    writeFileSync(out, csv);
    console.log(`wrote number- and volume-weighted curves to ${out}`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === 'run') return await cmdRun(rest);
    if (cmd === 'bench') return await cmdBench(rest);
    if (cmd === 'sweep') return await cmdSweep(rest);
    if (cmd === 'import') return await cmdImport(rest);
    if (cmd === 'export') return await cmdExport(rest);
    if (cmd === 'deck') return await cmdDeck(rest);
    if (cmd === 'compare') return await cmdCompare(rest);
    if (cmd === 'psd') return await cmdPsd(rest);
    if (cmd === 'interlayer') return await cmdInterlayer(rest);
    if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') { console.log(USAGE); return cmd ? 0 : 1; }
    throw new UsageError(`unknown command '${cmd}'.`);
  } catch (e) {
    if (e instanceof UsageError) { console.error(`error: ${e.message}\n\n${USAGE}`); return 64; }
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
