// The 'psd' particle kind: validation (errors name the path), the cross-checks that use the
// truncated size range (box size, timestep), and particleList / SceneRun sampling with the scene seed.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRUNCATION, psdPresets, psdStats, sampleDiameters } from '../../src/psd';
import { rayleighTime, stableTimestepBound, validateScene, type Scene } from '../../src/scene';
import { particleList, SceneRun } from '../../src/scene/runner';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { edit, errorAt } from './helpers';

const LN = { kind: 'lognormal', d50: 14e-6, span: 1.1 };
const psdScene = (f: (s: Record<string, any>) => void = () => {}) => edit((s) => {
  s.particles = { kind: 'psd', psd: structuredClone(LN), count: 300, material: 'g' };
  s.domain = { lx: 2.5e-4, ly: 2.5e-4, height: 4e-4 };
  f(s);
});
function valid(scene: unknown): { scene: Scene; warnings: string[] } {
  const r = validateScene(scene);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
}

describe("particles.kind = 'psd': validation", () => {
  it('accepts a log-normal, a table and a blend and fills the truncation defaults', () => {
    const { scene, warnings } = valid(psdScene());
    expect(warnings).toEqual([]);
    expect(scene.particles).toMatchObject({ kind: 'psd', count: 300, material: 'g', truncation: { ...DEFAULT_TRUNCATION } });
    expect(scene.particles.kind === 'psd' && scene.particles.psd).toEqual({ kind: 'lognormal', d50: 14e-6, span: 1.1, sigmaLn: null, d10: null, d90: null });
    valid(psdScene((s) => { s.particles.psd = { kind: 'table', bins: [{ dLow: 8e-6, dHigh: 12e-6, volumePercent: 40 }, { dLow: 12e-6, dHigh: 20e-6, volumePercent: 60 }] }; }));
    const wd = valid(psdScene((s) => { s.particles.psd = structuredClone(psdPresets.get('wd-sig-wide')!.spec); s.domain.lx = s.domain.ly = 3e-4; }));
    expect(wd.warnings.join(' ')).toMatch(/particles\.psd: The distribution is wider than the size-ratio limit 10/);
  });

  it('names the path of descriptor errors', () => {
    expect(errorAt(psdScene((s) => { s.particles.psd.d50 = -1; }), 'particles.psd.d50').message).toMatch(/out of range/);
    expect(errorAt(psdScene((s) => { delete s.particles.count; }), 'particles.count').message).toMatch(/missing/);
    expect(errorAt(psdScene((s) => { s.particles.psd.kind = 'lognorm'; }), 'particles.psd.kind').message).toMatch(/Did you mean "lognormal"/);
    expect(errorAt(psdScene((s) => { s.particles.truncation = { maxSizeRatio: 20 }; }), 'particles.truncation.maxSizeRatio').message).toMatch(/≤ 10/);
    expect(errorAt(psdScene((s) => { s.particles.psd = { kind: 'blend', components: [{ volumeFraction: 1, psd: { kind: 'blend', components: [] } }] }; }), 'particles.psd.components[0].psd.kind').message).toMatch(/must be one of "lognormal", "table"/);
  });

  it('names the path of the PSD cross-checks (one spread, order, sums, overlapping bins)', () => {
    expect(errorAt(psdScene((s) => { s.particles.psd = { kind: 'lognormal', d50: 14e-6 }; }), 'particles.psd.sigmaLn').message).toMatch(/exactly one spread/);
    expect(errorAt(psdScene((s) => { s.particles.psd = { kind: 'lognormal', d50: 14e-6, d10: 15e-6, d90: 30e-6 }; }), 'particles.psd.d10').message).toMatch(/must be < d50/);
    const blend = { kind: 'blend', components: [{ volumeFraction: 0.6, psd: LN }, { volumeFraction: 0.6, psd: LN }] };
    expect(errorAt(psdScene((s) => { s.particles.psd = blend; }), 'particles.psd.components').message).toMatch(/sum to 1\.2: must be 1 ± 0\.01/);
    const bins = [{ dLow: 8e-6, dHigh: 14e-6, volumePercent: 50 }, { dLow: 12e-6, dHigh: 20e-6, volumePercent: 50 }];
    expect(errorAt(psdScene((s) => { s.particles.psd = { kind: 'table', bins }; }), 'particles.psd.bins[1].dLow').message).toMatch(/overlaps/);
  });

  it('checks the box against the truncated dMax and the timestep against dMin', () => {
    const stats = psdStats(LN as any);
    const e = errorAt(psdScene((s) => { s.domain.lx = 1.5 * stats.dMax; }), 'domain.lx');
    expect(e.message).toMatch(/too small for the periodic box/);
    expect(e.message).toContain(`largest diameter ${Number(stats.dMax.toPrecision(12)).toExponential().replace('e+', 'e')} m (${Number((stats.dMax * 1e6).toPrecision(12))} µm)`);
    const { warnings } = valid(psdScene((s) => { s.domain.lx = 4 * stats.dMax; }));
    expect(warnings.join(' ')).toMatch(/domain\.lx = .* is less than 5 largest particle diameters/);
    const { scene } = valid(psdScene());
    expect(stableTimestepBound(scene)).toBeCloseTo(0.5 * rayleighTime(scene.materials[0], stats.dMin / 2), 20);
  });
});

describe("particles.kind = 'psd': sampling", () => {
  it('particleList samples count radii with the seed, largest first, within [dMin, dMax]/2', () => {
    const { scene } = valid(psdScene((s) => { s.particles.count = 2000; }));
    const spec = scene.particles;
    if (spec.kind !== 'psd') throw new Error('unreachable');
    const a = particleList(spec, 7);
    expect(a.radius).toHaveLength(2000);
    expect(a.material.every((m) => m === 'g')).toBe(true);
    const s = psdStats(spec.psd, { truncation: spec.truncation });
    for (let i = 0; i < a.radius.length; i++) {
      if (i > 0) expect(a.radius[i]).toBeLessThanOrEqual(a.radius[i - 1]);
      expect(2 * a.radius[i]).toBeGreaterThanOrEqual(s.dMin);
      expect(2 * a.radius[i]).toBeLessThanOrEqual(s.dMax);
    }
    // exactly the sampled diameters / 2
    expect(a.radius).toEqual(Array.from(sampleDiameters(spec.psd, 2000, 7, { truncation: spec.truncation })).sort((x, y) => y - x).map((d) => d / 2));
    expect(particleList(spec, 7).radius).toEqual(a.radius);
    expect(particleList(spec, 8).radius).not.toEqual(a.radius);
  });

  it('SceneRun inserts count particles of the right size range, sampled with the scene seed', async () => {
    const mod = await loadCoreModuleNode();
    const make = async (seed: number) => {
      const run = await SceneRun.create(psdScene((s) => { s.seed = seed; s.protocol = [{ type: 'fill', maxTime: 1e-3 }]; }), mod);
      run.advance(1); // enters fill: inserts the particles
      return run;
    };
    const run = await make(3);
    expect(run.error).toBeUndefined();
    expect(run.world.count).toBe(300);
    const r = Array.from(run.world.field('radius').subarray(0, 300));
    const s = psdStats(LN as any);
    expect(2 * Math.min(...r)).toBeGreaterThanOrEqual(s.dMin);
    expect(2 * Math.max(...r)).toBeLessThanOrEqual(s.dMax);
    const sorted = (x: number[]) => [...x].sort((p, q) => p - q);
    const expected = Array.from(sampleDiameters(LN as any, 300, 3)).map((d) => d / 2);
    expect(sorted(r)).toEqual(sorted(expected));
    const other = await make(4);
    expect(sorted(Array.from(other.world.field('radius').subarray(0, 300)))).not.toEqual(sorted(r));
  });
});
