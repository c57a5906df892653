// Farr–Groot random close packing against physics-reference §2.2–2.3 (their computed table, the
// equal-sphere calibration, log-normals) and the Furnas limit; friction scaling of §2.1.
import { describe, expect, it } from 'vitest';
import { farrGroot, jammingFraction, NO_TRUNCATION, type PsdSpec } from '../../src/psd';

const binary = (ratio: number, fines: number) => farrGroot([{ diameter: ratio, volumeFraction: 1 - fines }, { diameter: 1, volumeFraction: fines }]).phi;

describe('Farr–Groot', () => {
  it('gives 0.6435 ± 0.002 for equal spheres (the calibration of f = 0.7654)', () => {
    const r = farrGroot([{ diameter: 1e-5, numberFraction: 1 }]);
    console.log(`equal spheres: φ = ${r.phi.toFixed(5)}`);
    expect(Math.abs(r.phi - 0.6435)).toBeLessThan(0.002);
  });

  it('gives ≈ 0.73 ± 0.01 for size ratio 3 with 25 % fines by volume', () => {
    const phi = binary(3, 0.25);
    console.log(`ratio 3, 25 % fines: φ = ${phi.toFixed(4)}`);
    expect(Math.abs(phi - 0.73)).toBeLessThan(0.01);
  });

  it.each([[2, 0.682, 0.30], [3, 0.729, 0.25], [5, 0.787, 0.20], [10, 0.827, 0.25]])(
    'size ratio %s: maximum φ ≈ %s near %s fines (physics-reference §2.2)', (ratio, phiMax, at) => {
      let best = 0, bestAt = 0;
      for (let x = 0.05; x <= 0.501; x += 0.01) {
        const phi = binary(ratio, x);
        if (phi > best) { best = phi; bestAt = x; }
      }
      console.log(`ratio ${ratio}: max φ = ${best.toFixed(4)} at ${bestAt.toFixed(2)} fines`);
      expect(Math.abs(best - phiMax)).toBeLessThan(0.01);
      expect(Math.abs(bestAt - at)).toBeLessThan(0.06);
    });

  it('approaches the Furnas limit φ1 + (1 − φ1)φ1 ≈ 0.87 at very large size ratios', () => {
    const phi1 = 0.6435, furnas = phi1 + (1 - phi1) * phi1;
    const best = Math.max(...[0.22, 0.25, 0.27, 0.3].map((x) => binary(1000, x)));
    expect(best).toBeGreaterThan(furnas - 0.02);
    expect(best).toBeLessThan(furnas + 0.005);
  });

  it.each([[0.2, 0.657], [0.3, 0.671], [0.4, 0.688], [0.5, 0.706]])('log-normal σ = %s: φ ≈ %s (physics-reference §2.3 item 6)', (sigma, expected) => {
    const phi = farrGroot({ kind: 'lognormal', d50: 1e-5, sigmaLn: sigma }, { truncation: NO_TRUNCATION }).phi;
    console.log(`log-normal σ = ${sigma}: φ = ${phi.toFixed(4)}`);
    expect(Math.abs(phi - expected)).toBeLessThan(0.005);
  });

  it('gives ≈ 0.69 for the equal-volume blend of D50 = 11, 14, 19 µm (σ = 0.35 each), §2.3 item 6', () => {
    const blend: PsdSpec = { kind: 'blend', components: [11, 14, 19].map((d) => ({ volumeFraction: 1 / 3, psd: { kind: 'lognormal' as const, d50: d * 1e-6, sigmaLn: 0.35 } })) };
    expect(Math.abs(farrGroot(blend, { truncation: NO_TRUNCATION }).phi - 0.69)).toBeLessThan(0.01);
  });

  it('depends on size ratios only, and number and volume fractions describe the same mixture', () => {
    const a = farrGroot([{ diameter: 3, volumeFraction: 0.75 }, { diameter: 1, volumeFraction: 0.25 }]).phi;
    const b = farrGroot([{ diameter: 3e-6, volumeFraction: 0.75 }, { diameter: 1e-6, volumeFraction: 0.25 }]).phi;
    // 0.75/27 : 0.25/1 by number
    const c = farrGroot([{ diameter: 3, numberFraction: 0.75 / 27 }, { diameter: 1, numberFraction: 0.25 }]).phi;
    expect(b).toBeCloseTo(a, 12);
    expect(c).toBeCloseTo(a, 12);
    expect(() => farrGroot([{ diameter: -1, numberFraction: 1 }])).toThrow(/classes\[0\]\.diameter = -1/);
  });

  it('scales with φc(μ)/0.64, φc(μ) = 0.555 + 0.085/(1 + (μ/0.2)^1.3) (physics-reference §2.1)', () => {
    expect(jammingFraction(0)).toBeCloseTo(0.64, 15);
    expect(Math.abs(jammingFraction(0.3) - 0.59)).toBeLessThan(0.005);  // Silbert 2010: ~0.59
    expect(Math.abs(jammingFraction(1) - 0.56)).toBeLessThan(0.005);    // ~0.56
    expect(Math.abs(jammingFraction(10) - 0.555)).toBeLessThan(0.002);  // ~0.555
    const mu = 0.5;
    const r = farrGroot([{ diameter: 1, numberFraction: 1 }], { friction: mu });
    expect(r.phiC).toBeCloseTo(0.555 + 0.085 / (1 + Math.pow(mu / 0.2, 1.3)), 14);
    expect(r.phiFrictional).toBeCloseTo((r.phi * r.phiC) / 0.64, 14);
    expect(() => jammingFraction(-1)).toThrow(/friction = -1/);
  });
});
