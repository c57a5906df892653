// The lithiation schedule and material ladder (src/interlayer/lithiation.ts): Li15Si4 density from mass
// conservation (1.18 g/cm³, physics-reference §3.7), linear softening, the stage index, and the
// schedules (uniform; a front from the electrolyte side reaches the top first and the collector last).
import { describe, it, expect } from 'vitest';
import { lithiationState, volumeFactor, stageMaterial, stageOf } from '../../src/interlayer/lithiation';
import { resolveScaffoldParams, lithiatedSolidVolume, solidVolumes } from '../../src/interlayer/scaffold-params';

const p = resolveScaffoldParams();

describe('lithiation', () => {
  it('Li15Si4: V × 3.81, ρ = 2.33 × 1.9268 / 3.81 = 1.178 g/cm³; E and p_y fall linearly to the Li15Si4 values', () => {
    expect(volumeFactor(1, p)).toBe(3.81);
    expect(volumeFactor(0, p)).toBe(1);
    const full = stageMaterial(1, p), si = stageMaterial(0, p), half = stageMaterial(0.5, p);
    expect(full.density).toBeCloseTo(1178.3, 1);
    expect(si.density).toBe(2330);
    // mass of a particle follows 1 + 0.9268 x
    expect((half.density * volumeFactor(0.5, p)) / 2330).toBeCloseTo(1 + 0.9268 * 0.5, 10);
    expect(full.youngsModulus).toBe(p.lisiE);
    expect(half.youngsModulus).toBeCloseTo((p.siE + p.lisiE) / 2, 0);
    expect(full.yieldPressure).toBe(p.lisiYield);
  });

  it('stage index: 0 = Si … K = Li15Si4, the nearest stage', () => {
    expect(stageOf(0, 8)).toBe(0);
    expect(stageOf(0.062, 8)).toBe(0);
    expect(stageOf(0.0625, 8)).toBe(1);
    expect(stageOf(0.124, 8)).toBe(1);
    expect(stageOf(0.93, 8)).toBe(7);
    expect(stageOf(0.94, 8)).toBe(8);
    expect(stageOf(1, 8)).toBe(8);
  });

  it('uniform: x = t/T everywhere; front: the electrolyte side first, each particle within w·T', () => {
    const T = 1;
    expect(lithiationState(0.3, T, 0.1e-6, p)).toBeCloseTo(0.3, 12);
    expect(lithiationState(0.3, T, 1.9e-6, p)).toBeCloseTo(0.3, 12);
    const f = { ...p, lithiation: 'front' as const, frontWidth: 0.2 };
    const top = 1.9e-6, bottom = 0.1e-6;
    expect(lithiationState(0.1, T, top, f)).toBeGreaterThan(0);
    expect(lithiationState(0.1, T, bottom, f)).toBe(0);
    expect(lithiationState(0.999, T, bottom, f)).toBeGreaterThan(0.9);
    expect(lithiationState(1, T, bottom, f)).toBe(1);
    // a particle takes w·T: from its start to full
    const s = (1 - bottom / f.thickness0) * (1 - f.frontWidth);
    expect(lithiationState(s + 0.1, T, bottom, f)).toBeCloseTo(0.5, 10);
  });

  it('the paper\'s numbers: 58.5 % porosity at 2 µm swells to ≈ 2.89 µm of solid per area (Table S2 consistency)', () => {
    const area = p.lx * p.ly;
    const v = solidVolumes(p);
    expect(v.total / area).toBeCloseTo(2e-6 * 0.415, 12);
    // Si:CNT 90:10 by mass with ρ 2.33 / 2.1: Si is 89 % of the solid volume
    expect(v.si / v.total).toBeCloseTo(0.8903, 3);
    // lithiated solid per area; at 3.25 µm that is 10.6 % porosity (the paper computes 11.0 % with ρ = 1.22)
    const solid = lithiatedSolidVolume(p) / area;
    expect(solid).toBeCloseTo(2.906e-6, 8);
    expect(1 - solid / 3.25e-6).toBeCloseTo(0.106, 3);
  });
});
