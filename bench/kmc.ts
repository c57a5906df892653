// Benchmark of the lithium-deposition kMC core: prints events/s and the Node wall time to plate
// 1 mAh/cm² through a 0.5 × 0.5 µm interlayer slab (issue #5 speed target), and to strip it back. Not a test.
//   npx tsx bench/kmc.ts [--h 20e-9] [--capacity 1]
import { KmcLattice } from '../src/interlayer/kmc';
import { loadKmcModuleNode } from '../src/interlayer/kmc-load-node';
import { kmcParams } from '../src/interlayer/kmc-params';
import { bareCell, interlayerScaffold } from '../src/interlayer/test-scaffolds';
import { cpus, loadavg } from 'node:os';

const arg = (name: string, def: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const h = arg('h', 20e-9); const capacity = arg('capacity', 1);
const n = Math.round(0.5e-6 / h);
console.log(`kMC bench: voxel ${h * 1e9} nm, ${n}×${n} columns (0.5 µm), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} CPUs`);
const mod = await loadKmcModuleNode();

// 1) raw event rate: ad-atom walks in the 65 MPa stand-in with nucleation switched off for the first
//    packets (hops dominate), i.e. the core's hop/nucleate/attach loop
{
  const grid = interlayerScaffold({ nx: n, ny: n, h, thickness: 3.25e-6, porosity: 0.11, sphereRadius: 100e-9, pores: 'tubes', poreDiameter: 60e-9, tubeLength: 0.4e-6, cntFraction: 0.05, seed: 1, electrolyteLayers: 10 });
  const lat = await KmcLattice.create(mod, grid, kmcParams({ seed: 1, nucleationPrefactor: 1e-7 }));
  const t0 = performance.now();
  lat.run(2e7);
  const dt = (performance.now() - t0) / 1000;
  const c = lat.counters();
  console.log(`walk-dominated: ${c.events.toExponential(3)} events (${c.hops.toExponential(3)} hops, ${c.arrivals} arrivals) in ${dt.toFixed(2)} s = ${(c.events / dt / 1e6).toFixed(2)} M events/s`);
}

// 2) plating `capacity` mAh/cm² with the default parameters
for (const [name, grid] of [
  ['65 MPa stand-in', interlayerScaffold({ nx: n, ny: n, h, thickness: 3.25e-6, porosity: 0.11, sphereRadius: 100e-9, pores: 'tubes', poreDiameter: 60e-9, tubeLength: 0.4e-6, cntFraction: 0.05, seed: 1, electrolyteLayers: 10 })],
  ['5 MPa stand-in', interlayerScaffold({ nx: n, ny: n, h, thickness: 3.25e-6, porosity: 0.25, sphereRadius: 100e-9, pores: 'tubes', poreDiameter: 160e-9, tubeLength: 0.4e-6, cntFraction: 0.05, seed: 1, electrolyteLayers: 10 })],
  ['bare cell', bareCell({ nx: n, ny: n, h, gap: 100e-9, contacts: 3, contactRadius: 60e-9, seed: 1, electrolyteLayers: 10 }).grid],
] as const) {
  const t0 = performance.now();
  const lat = await KmcLattice.create(mod, grid, kmcParams({ seed: 1 }));
  const t1 = performance.now();
  const c = lat.plate(capacity);
  const dt = (performance.now() - t1) / 1000;
  console.log(`${name}: setup ${((t1 - t0) / 1000).toFixed(2)} s; plated ${c.capacity.toFixed(3)} mAh/cm² (${c.arrivals} packets, ${c.events.toExponential(3)} events) in ${dt.toFixed(2)} s = ${(c.events / dt / 1e6).toFixed(2)} M events/s; real time ${(c.time / 3600).toFixed(2)} h`);
  // 3) stripping it back (cycles: engine.ts stripSource)
  const t2 = performance.now();
  const s = lat.strip(capacity);
  const ds = (performance.now() - t2) / 1000;
  console.log(`  stripped ${s.stripped.toFixed(3)} mAh/cm² (${s.departures} packets${lat.contactLost ? ', then contact lost' : ''}) in ${ds.toFixed(2)} s = ${(s.departures / ds / 1e6).toFixed(2)} M packets/s`);
}
