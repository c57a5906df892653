// Plating/stripping cycles (issue #5, "a few plating/stripping cycles"): the kMC's stripping mode
// (assembly/kmc/engine.ts stripSource / contactDonor, docs/model.md §14.11) and the pipeline's cycles.
// Directions from Sung et al., Adv. Mater. 2023: Li in the Li3.75Si(-CNT) interlayer is stripped back
// through the MIEC (92 % initial and 99.9 % later Coulombic efficiency in the full cell; "Li3.75Si ... induced
// better plating and stripping"), while Li on bare steel or behind a CNT mat (electrons only) is not.
// The full presets plate into the scaffolds saved in public/scaffolds (no DEM in CI).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { ELEMENTARY_CHARGE } from '../../src/interlayer/constants';
import { KmcLattice } from '../../src/interlayer/kmc';
import { loadKmcModuleNode } from '../../src/interlayer/kmc-load-node';
import { lithiumInventory } from '../../src/interlayer/kmc-metrics';
import { kmcParams } from '../../src/interlayer/kmc-params';
import { runInterlayer, InterlayerRun, type InterlayerResult } from '../../src/interlayer/pipeline';
import { decodeScaffoldFile } from '../../src/interlayer/scaffold-file';
import { interlayerScaffold } from '../../src/interlayer/test-scaffolds';

const h = 20e-9; const N = 25;

/** Li clusters (face-connected, periodic in x and y) of a material grid, by flood fill: the reference for the core's count. */
function clustersOf(m: Uint8Array, nx: number, ny: number, nz: number): number {
  const seen = new Uint8Array(m.length); let count = 0;
  for (let v0 = 0; v0 < m.length; v0++) {
    if (m[v0] !== 5 || seen[v0]) continue;
    count++; seen[v0] = 1; const stack = [v0];
    while (stack.length) {
      const v = stack.pop()!; const i = v % nx, j = Math.floor(v / nx) % ny, k = Math.floor(v / (nx * ny));
      const nb = [[(i + 1) % nx, j, k], [(i + nx - 1) % nx, j, k], [i, (j + 1) % ny, k], [i, (j + ny - 1) % ny, k], [i, j, k + 1], [i, j, k - 1]];
      for (const [a, b, c] of nb) {
        if (c < 0 || c >= nz) continue;
        const u = a + nx * (b + ny * c);
        if (m[u] === 5 && !seen[u]) { seen[u] = 1; stack.push(u); }
      }
    }
  }
  return count;
}
const synthetic = (seed: number) => interlayerScaffold({ nx: N, ny: N, h, thickness: 1.5e-6, porosity: 0.2, sphereRadius: 100e-9, pores: 'tubes', poreDiameter: 100e-9, tubeLength: 0.4e-6, cntFraction: 0.05, seed, electrolyteLayers: 10 });

describe('kMC stripping: bookkeeping', () => {
  it('every packet is accounted for and charge = I·t through plate → strip → plate, split anywhere', async () => {
    const mod = await loadKmcModuleNode();
    const grid = synthetic(1);
    const a = await KmcLattice.create(mod, grid, kmcParams({ seed: 3 }));
    const b = await KmcLattice.create(mod, grid, kmcParams({ seed: 3 }));
    const check = (lat: KmcLattice) => {
      const c = lat.counters();
      // the core's cluster count stays true while stripping splits clusters (a flood fill while its union–find is stale)
      expect(c.clusters).toBe(clustersOf(lat.materials(), lat.nx, lat.ny, lat.nz));
      const inv = lithiumInventory(lat.grid(), grid, c.layerPackets, c.walkers);
      expect(inv.total + c.stranded).toBe(c.arrivals - c.departures);
      // packets pass at fixed times whatever their direction: n-th at n·Δt
      expect(c.time).toBeCloseTo((c.arrivals + c.departures) * lat.rates.arrivalInterval, 6);
      expect(lat.rates.current * c.time / ELEMENTARY_CHARGE / lat.rates.atomsPerPacket).toBeCloseTo(c.arrivals + c.departures, 6);
    };
    a.plate(0.05); check(a);
    a.strip(0.03); check(a);
    expect(a.counters().stripped).toBeCloseTo(0.03, 3);
    a.plate(0.02); check(a);
    // the same, in small uneven chunks
    for (const [mode, cap] of [['plate', 0.05], ['strip', 0.03], ['plate', 0.02]] as const) {
      b.setMode(mode);
      const count = () => (mode === 'plate' ? b.counters().arrivals : b.counters().departures);
      const target = count() + b.packetsFor(cap);
      while (count() < target) b.run(997, target);
    }
    expect(b.counters()).toEqual(a.counters());
    expect(Buffer.from(b.materials()).equals(Buffer.from(a.materials()))).toBe(true);
  });

  it('stripping everything from the interlayer leaves no Li; over-stripping stops with contact lost, not an error', async () => {
    const lat = await KmcLattice.create(await loadKmcModuleNode(), synthetic(2), kmcParams({ seed: 5 }));
    lat.plate(0.05);
    const c = lat.strip(0.2);      // four times what is there
    expect(lat.contactLost).toBe(true);
    expect(c.walkers).toBe(0);
    expect(c.layerPackets).toBe(0);
    expect(c.departures).toBe(c.arrivals);
    expect(Array.from(lat.materials()).filter((m) => m === 5)).toHaveLength(0);
    // the slot of the packet that found no Li has passed (walkers lived through it); the next plating takes it
    expect(c.time).toBeCloseTo((c.arrivals + c.departures + 1) * lat.rates.arrivalInterval, 6);
    lat.plate(0.01);               // plating resumes after the stop
    expect(lat.contactLost).toBe(false);
    expect(lat.counters().arrivals - lat.counters().departures).toBe(lat.packetsFor(0.01));
    expect(lat.counters().time).toBeCloseTo((lat.counters().arrivals + lat.counters().departures) * lat.rates.arrivalInterval, 6);
  });

  it('stack pressure pushes soft Li back into stripped contacts: without it, Li in a CNT mat loses contact sooner', async () => {
    // Li in ≤ 100 nm pores flows at ≪ 1 MPa (mechanism map), so any stack pressure refills the contact
    // voxel from the rest of its cluster; at 0 Pa every stripped contact voxel leaves a void.
    const mod = await loadKmcModuleNode();
    const out: number[] = [];
    for (const stackPressure of [65e6, 0]) {
      const mat = interlayerScaffold({ nx: N, ny: N, h, thickness: 1e-6, porosity: 0.6, sphereRadius: 10e-9, solid: 'cnt', cntLength: 0.5e-6, electrolyteLayers: 10, seed: 1 });
      const lat = await KmcLattice.create(mod, mat, kmcParams({ seed: 7, stackPressure }));
      lat.plate(0.1);
      const c = lat.strip(0.1);
      out.push(c.stripped);
      expect(lat.contactLost).toBe(true); // Li at the collector under the mat has no ionic route (CNT gives electrons only)
    }
    console.log(`CNT mat, 0.1 mAh/cm² plated: stripped ${out[0].toFixed(4)} at 65 MPa, ${out[1].toFixed(4)} at 0 Pa`);
    expect(out[1]).toBeLessThan(0.9 * out[0]);
  });
});

describe('cycles through the pipeline (full presets, seed 1, 0.3 mAh/cm² at 1 mA/cm², 2 cycles)', () => {
  const CAPACITY = 0.3;
  const results = new Map<string, InterlayerResult>();
  beforeAll(async () => {
    const kmc = await loadKmcModuleNode();
    for (const preset of ['interlayer-65MPa', 'lisi-no-cnt', 'bare-cell', 'cnt-only']) {
      const path = `public/scaffolds/${preset}-seed1.json`;
      const scaffoldFile = preset.startsWith('bare') || preset.startsWith('cnt') ? undefined : decodeScaffoldFile(readFileSync(path, 'utf8'), path);
      const run = await runInterlayer({ kmc }, { preset, seed: 1, capacity: CAPACITY, samples: 2, cycles: 2, scaffoldFile });
      results.set(preset, run.result());
    }
  }, 240_000);

  it('the MIEC interlayers strip back all they plated and plate again; bare steel and the CNT mat lose contact and leave dead Li', () => {
    const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
    for (const [name, r] of results) {
      console.log(`${name}: ${r.cycles.map((y) => `cycle ${y.cycle} CE ${pct(y.efficiency)}${y.contactLost ? ' (contact lost)' : ''}, left ${y.left.toFixed(4)} mAh/cm², contact after strip ${pct(y.contactAfterStrip)}, after re-plate ${pct(y.contactAfterPlate)}`).join('; ')}`);
      expect(r.cycles).toHaveLength(2);
      for (const y of r.cycles) expect(y.plated).toBeCloseTo(CAPACITY, 3);
      // samples: 2 per half-cycle after the first one at zero (a stripping that loses contact stops at its next sample); the run ends plated
      expect(r.plating.length).toBeLessThanOrEqual(1 + 2 * 5);
      expect(r.plating.filter((s) => s.phase === 'plate')).toHaveLength(1 + 2 * 3);
      expect(r.plating[r.plating.length - 1].phase).toBe('plate');
      expect(r.final.capacity).toBeCloseTo(CAPACITY + r.cycles.reduce((a, y) => a + y.plated - y.stripped, 0), 3);
    }
    for (const name of ['interlayer-65MPa', 'lisi-no-cnt']) {
      expect(results.get(name)!.plating).toHaveLength(1 + 2 * 5);
      for (const y of results.get(name)!.cycles) {
        expect(y.contactLost).toBe(false);
        expect(y.efficiency).toBeGreaterThan(0.999);
        expect(y.left).toBeLessThan(0.001 * CAPACITY);
      }
    }
    const best = (name: string) => Math.max(...results.get(name)!.cycles.map((y) => y.efficiency));
    for (const name of ['bare-cell', 'cnt-only']) {
      for (const y of results.get(name)!.cycles) expect(y.contactLost).toBe(true);
      expect(best(name)).toBeLessThan(Math.min(...results.get('interlayer-65MPa')!.cycles.map((y) => y.efficiency)));
      expect(results.get(name)!.cycles[1].left).toBeGreaterThan(0);
    }
    // behind the CNT mat the Li plated at the collector has no ionic route back (CNT carries electrons only)
    expect(best('cnt-only')).toBeLessThan(0.1);
  });

  it('refuses a bad cycle count, naming it and its range', async () => {
    const kmc = await loadKmcModuleNode();
    await expect(InterlayerRun.create({ kmc }, { preset: 'bare-cell', cycles: 21 })).rejects.toThrow(/cycles = 21 .*0 to 20/);
    await expect(InterlayerRun.create({ kmc }, { preset: 'bare-cell', cycles: 1.5 })).rejects.toThrow(/cycles/);
    await expect(InterlayerRun.create({ kmc }, { preset: 'bare-cell', kmc: { stackPressure: -1 } })).rejects.toThrow(/stackPressure/);
  });
});
