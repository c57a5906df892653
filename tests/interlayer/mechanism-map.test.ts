import { describe, expect, it } from 'vitest';
import { DEFAULT_MECHANISM, cobleStress, crossoverSize, dislocationStress, flowStress, flowStressDetail, mechanismCurves, platingStrainRate, platingVelocity, validateMechanism } from '../../src/interlayer/mechanism-map';
import { DEFAULT_PENETRATION, criticalPressure, electrochemicalPressure, penetrates } from '../../src/interlayer/penetration';
import { loadKmcModuleNode } from '../../src/interlayer/kmc-load-node';
import { KmcLattice } from '../../src/interlayer/kmc';
import { kmcParams } from '../../src/interlayer/kmc-params';
import { createGrid } from '../../src/interlayer/voxel-grid';

describe('deformation-mechanism map (physics-reference §6.4–6.6)', () => {
  it('plating velocity is 1.35 nm/s per mA/cm² (§3.1)', () => {
    expect(platingVelocity(1)).toBeCloseTo(1.348e-9, 11);
  });
  it('Coble stress along the plating line reproduces the §6.6 table (A_C = 14, 1 mA/cm², 298 K)', () => {
    const v = platingVelocity(1);
    const at = (d: number, dd: number) => cobleStress(d, platingStrainRate(v, d), { ...DEFAULT_MECHANISM, interfaceDiffusivity: dd }) / 1e6;
    // table values are rounded to 2–3 digits
    expect(at(50e-9, 1e-22)).toBeCloseTo(0.46, 1);
    expect(at(100e-9, 1e-22)).toBeCloseTo(1.8, 1);
    expect(at(1e-6, 1e-21)).toBeCloseTo(18, 0);
    expect(at(3e-6, 1e-21) / 165).toBeCloseTo(1, 1);
  });
  it('Coble stress scales as d³ at a fixed strain rate and as 1/δD', () => {
    const s1 = cobleStress(40e-9, 1e-3); const s2 = cobleStress(80e-9, 1e-3);
    expect(s2 / s1).toBeCloseTo(8, 10);
    expect(cobleStress(40e-9, 1e-3, { ...DEFAULT_MECHANISM, interfaceDiffusivity: 1e-23 }) / s1).toBeCloseTo(10, 10);
  });
  it('dislocation strength follows Xu 2017 (105 MPa at 1 µm, d^−0.68) with the bulk floor and the cap', () => {
    expect(dislocationStress(1e-6)).toBeCloseTo(105e6, 0);
    expect(dislocationStress(10e-6) / 1e6).toBeCloseTo(105 * 10 ** -0.68, 6);
    expect(dislocationStress(1e-6 * 10 ** 6)).toBe(DEFAULT_MECHANISM.bulkYield);
    expect(dislocationStress(1e-10)).toBe(DEFAULT_MECHANISM.strengthCap);
  });
  it('flow stress is the softer mechanism; the crossover size is where both agree', () => {
    const v = platingVelocity(1);
    const dc = crossoverSize(v);
    const c = cobleStress(dc, platingStrainRate(v, dc)); const s = dislocationStress(dc);
    expect(c / s).toBeCloseTo(1, 10);
    expect(dc).toBeGreaterThan(0.6e-6); expect(dc).toBeLessThan(2e-6); // §6.6: d_c ≈ 0.6–2 µm
    expect(flowStressDetail(dc / 3, platingStrainRate(v, dc / 3)).mechanism).toBe('coble');
    expect(flowStressDetail(dc * 3, platingStrainRate(v, dc * 3)).mechanism).toBe('dislocation');
    const curves = mechanismCurves(v);
    curves.d.forEach((d, q) => expect(curves.flow[q]).toBe(Math.min(curves.coble[q], curves.dislocation[q])));
  });
  it('refuses out-of-range parameters with the parameter named', () => {
    expect(() => validateMechanism({ ...DEFAULT_MECHANISM, interfaceDiffusivity: -1 })).toThrow(/interfaceDiffusivity/);
    expect(() => validateMechanism({ ...DEFAULT_MECHANISM, temperature: NaN })).toThrow(/temperature/);
    expect(() => mechanismCurves(1e-9, DEFAULT_MECHANISM, 1e-6, 1e-7)).toThrow(/dMin < dMax/);
  });
});

describe('penetration criterion (§6.7)', () => {
  it('Griffith threshold K_IC/(Y√(πa)): ≈125 MPa at 1 µm and ≈400 MPa at 100 nm for 0.25 MPa√m', () => {
    expect(criticalPressure() / 1e6).toBeCloseTo(0.25e6 / (1.12 * Math.sqrt(Math.PI * 1e-6)) / 1e6, 10);
    expect(criticalPressure() / 1e6).toBeGreaterThan(120); expect(criticalPressure() / 1e6).toBeLessThan(130);
    const p100 = criticalPressure({ ...DEFAULT_PENETRATION, flawSize: 100e-9 }) / 1e6;
    expect(p100).toBeGreaterThan(390); expect(p100).toBeLessThan(405);
  });
  it('the electrochemical cap is 1.0 GPa at 135 mV (F·η/V_m)', () => {
    expect(electrochemicalPressure() / 1e9).toBeCloseTo(1.0, 2);
  });
  it('soft nanoconfined Li never penetrates, micron Li in a large flaw can', () => {
    const v = platingVelocity(1);
    expect(penetrates(flowStress(100e-9, platingStrainRate(v, 100e-9)))).toBe(false);
    const big = { ...DEFAULT_PENETRATION, flawSize: 5e-6 }; // p_crit ≈ 56 MPa
    expect(penetrates(flowStress(1e-6, platingStrainRate(v, 1e-6)), big)).toBe(true);
  });
  it('the wasm core computes the same flow stress and deposit pressure as the TS formulas', async () => {
    const lat = await KmcLattice.create(await loadKmcModuleNode(), createGrid(4, 4, 4, 20e-9), kmcParams());
    for (const d of [20e-9, 100e-9, 400e-9, 1e-6, 5e-6]) for (const rate of [1e-4, 1e-2, 1]) {
      const ts = flowStress(d, rate);
      expect(Math.abs(lat.exports.flowStress(d, rate) - ts) / ts).toBeLessThan(1e-12);
      expect(lat.exports.depositPressure(d, rate)).toBeCloseTo(Math.min(ts, electrochemicalPressure()), 0);
    }
  });
});
