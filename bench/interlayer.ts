// Benchmark of the interlayer pipeline (src/interlayer/pipeline.ts): wall time of each stage — DEM scaffold,
// hand-over (voxelize, pore sizes, kMC setup), plating — per preset in Node. Prints numbers; not a test.
//   npx tsx bench/interlayer.ts [--presets interlayer-65MPa,bare-cell] [--small] [--seeds 1] [--capacity 1] [--current 1]
import { cpus, loadavg } from 'node:os';
import { loadCoreModuleNode } from '../src/core/load-node';
import { loadKmcModuleNode } from '../src/interlayer/kmc-load-node';
import { InterlayerRun } from '../src/interlayer/pipeline';
import { INTERLAYER_PRESET_NAMES } from '../src/interlayer/presets';

const arg = (name: string, def: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const presets = arg('presets', INTERLAYER_PRESET_NAMES.join(',')).split(',');
const small = process.argv.includes('--small');
const seeds = arg('seeds', '1').split(',').map(Number);
const capacity = Number(arg('capacity', '1'));
const current = Number(arg('current', '1'));
console.log(`interlayer bench: ${small ? 'small' : 'full'} presets, ${capacity} mAh/cm² at ${current} mA/cm²; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} CPUs`);
const modules = { core: await loadCoreModuleNode(), kmc: await loadKmcModuleNode() };
for (const name of presets) for (const seed of seeds) {
  const t0 = performance.now();
  const run = await InterlayerRun.create(modules, { preset: name, small, seed, capacity, currentDensity: current, samples: 20 });
  let tDem = t0; let tHand = 0;
  while (!run.done) {
    const before = run.stage;
    await run.advance({ demSteps: 5000, kmcEvents: 1e7 });
    if (before === 'scaffold' && run.stage !== 'scaffold') tDem = performance.now();
    if (before === 'handover') tHand = performance.now();
  }
  const t1 = performance.now();
  const r = run.result(); const f = r.final;
  const steps = r.scaffold?.as.steps ?? 0;
  const grid = r.cell.grid;
  console.log(`${r.preset} seed ${seed}: `
    + (r.scaffold ? `DEM ${((tDem - t0) / 1000).toFixed(1)} s (${r.scaffold.as.particles ?? ''} particles, ${steps} steps), ` : '')
    + `hand-over ${((tHand - tDem) / 1000).toFixed(1)} s (${grid.nx}×${grid.ny}×${grid.nz} voxels of ${(grid.h * 1e9).toFixed(0)} nm), `
    + `plating ${((t1 - tHand) / 1000).toFixed(1)} s (${f.events.toExponential(3)} events = ${(f.events / ((t1 - tHand) / 1000) / 1e6).toFixed(2)} M events/s; `
    + `${run.kmc!.counters().arrivals} packets, real time ${(f.time / 3600).toFixed(2)} h); `
    + `thickness ${(r.cell.thickness * 1e6).toFixed(3)} µm, porosity ${r.cell.porosity.toFixed(3)}, d50 ${(r.poreSizes.d50 * 1e9).toFixed(1)} nm; `
    + `at collector ${(f.atCollectorShare * 100).toFixed(1)} %, contact ${(f.contactFraction * 100).toFixed(1)} %, penetrations ${f.penetrations}`);
}
