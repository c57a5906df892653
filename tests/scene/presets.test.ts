import { describe, expect, it } from 'vitest';
import { benchScene, particleStats, presets, validateScene, type Material, type Scene } from '../../src/scene';

function material(scene: Scene, id: string): Material {
  const m = scene.materials.find((x) => x.id === id);
  if (!m) throw new Error(`no material ${id}`);
  return m;
}

describe('presets', () => {
  it('has the required presets', () => {
    expect([...presets.keys()]).toEqual(expect.arrayContaining(['pour-small', 'pour-press-small', 'bench-pour-compress']));
  });

  it.each([...presets])('%s passes the validator without warnings and is already complete', (_, preset) => {
    expect(preset.title).not.toBe('');
    expect(preset.description).not.toBe('');
    const scene = preset.build();
    const r = validateScene(scene);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    // the only warning a preset may carry is the report of a deliberate PSD size-ratio cut
    // (the calendering presets choose ratio 5, src/scene/calendering.ts)
    expect(r.warnings.filter((w) => !/^particles\.psd: The distribution is wider than the size-ratio limit/.test(w))).toEqual([]);
    expect(r.scene).toEqual(scene); // no default had to be filled in
  });

  it.each([...presets])('%s builds a fresh object each call', (_, preset) => {
    const a = preset.build();
    a.materials[0].density = 1;
    a.protocol.length = 0;
    const b = preset.build();
    expect(b.materials[0].density).toBe(2200);
    expect(b.protocol.length).toBeGreaterThan(0);
  });

  it.each([...presets])('%s: walls are at most 4 × as stiff as the particles', (_, preset) => {
    const s = preset.build();
    const particleE = Math.min(...[...particleStats(s.particles).minRadiusByMaterial.keys()].map((id) => material(s, id).youngsModulus));
    for (const w of [s.walls.collector.material, s.walls.platen.material]) {
      expect(material(s, w).youngsModulus).toBeLessThanOrEqual(4 * particleE);
    }
  });

  it('pour-small: 1,500 softened graphite spheres, fill then settle', () => {
    const s = presets.get('pour-small')!.build();
    expect(s.particles).toEqual({ kind: 'monodisperse', count: 1500, radius: 5e-6, material: 'graphite' });
    expect(material(s, 'graphite')).toMatchObject({ youngsModulus: 5e7, poissonRatio: 0.3, density: 2200, restitution: 0.5, friction: 0.5 });
    expect(s.protocol.map((p) => p.type)).toEqual(['fill', 'settle']);
  });

  it('pour-press-small: presses to solid fraction 0.62 at 0.05 m/s, then releases', () => {
    const s = presets.get('pour-press-small')!.build();
    expect(s.protocol.map((p) => p.type)).toEqual(['fill', 'settle', 'press', 'release']);
    expect(s.protocol[2]).toMatchObject({ velocity: 0.05, until: { solidFraction: 0.62 } });
  });
});

describe('benchScene', () => {
  it.each([1, 10, 2000, 20_000, 1_000_000])('is valid for n = %i', (n) => {
    const s = benchScene(n);
    const r = validateScene(s);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    expect(r.warnings).toEqual([]);
    expect(s.particles).toMatchObject({ kind: 'monodisperse', count: n, radius: 5e-6 });
    expect(material(s, 'graphite').youngsModulus).toBe(1e8);
    expect(s.protocol.map((p) => p.type)).toEqual(['fill', 'press', 'servo']);
    expect(s.protocol[2]).toMatchObject({ pressure: 1e6 });
  });

  it.each([2000, 20_000, 1_000_000])('sizes the box for ≈ 20 layers (n = %i)', (n) => {
    const s = benchScene(n);
    const packedHeight = particleStats(s.particles).totalVolume / (0.6 * s.domain.lx * s.domain.ly);
    expect(packedHeight / 1e-5).toBeGreaterThan(19.5);
    expect(packedHeight / 1e-5).toBeLessThan(20.5);
  });

  it('rejects impossible particle counts', () => {
    for (const n of [0, -1, 1.5, 2_000_000, NaN]) expect(() => benchScene(n)).toThrow(RangeError);
  });
});
