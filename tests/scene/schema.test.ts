import { describe, expect, it } from 'vitest';
import { particleKinds, particlesDescriptor, sceneDescriptor, validateScene, type Descriptor } from '../../src/scene';
import { minimal } from './helpers';

/** Every descriptor in the tree with its path (a GUI walks it the same way). */
function* walk(d: Descriptor, path: string): Generator<[string, Descriptor]> {
  yield [path, d];
  if (d.kind === 'object') for (const [k, f] of Object.entries(d.fields)) yield* walk(f, `${path}.${k}`);
  if (d.kind === 'array') yield* walk(d.items, `${path}[]`);
  if (d.kind === 'union') for (const [k, v] of Object.entries(d.variants)) yield* walk(v, `${path}<${k}>`);
  if (d.kind === 'choice') for (const [k, o] of Object.entries(d.options)) yield* walk(o, `${path}.${k}`);
}
const all = [...walk(sceneDescriptor, 'scene')];

describe('descriptor tree', () => {
  it('describes every numeric leaf completely', () => {
    const numbers = all.filter(([, d]) => d.kind === 'number');
    expect(numbers.length).toBeGreaterThan(30);
    for (const [path, d] of numbers) {
      if (d.kind !== 'number') continue;
      expect(typeof d.unit, path).toBe('string');
      expect(d.display.unit, path).toEqual(expect.any(String));
      expect(d.display.factor, path).toBeGreaterThan(0);
      expect(d.min, path).toBeLessThan(d.max);
      expect(d.doc.length, path).toBeGreaterThan(10);
      if (d.default === null) {
        expect(d.nullable, `${path}: a null default must be allowed`).toBe(true);
      } else {
        const inRange = (d.minExclusive ? d.default > d.min : d.default >= d.min) && (d.maxExclusive ? d.default < d.max : d.default <= d.max);
        expect(inRange, `${path}: default ${d.default} outside its own range`).toBe(true);
        if (d.integer) expect(Number.isInteger(d.default), path).toBe(true);
      }
    }
  });

  it('shows SI units in sensible display units', () => {
    const display = (path: string) => {
      const d = all.find(([p]) => p === path)?.[1];
      return d?.kind === 'number' ? [d.unit, d.display.unit, d.display.factor] : undefined;
    };
    expect(display('scene.materials[].youngsModulus')).toEqual(['Pa', 'MPa', 1e-6]);
    expect(display('scene.materials[].density')).toEqual(['kg/m³', 'g/cm³', 1e-3]);
    expect(display('scene.particles<monodisperse>.radius')).toEqual(['m', 'µm', 1e6]);
    expect(display('scene.protocol[]<press>.velocity')).toEqual(['m/s', 'mm/s', 1e3]);
  });

  it('gives enums valid defaults, arrays sane lengths and every node a doc', () => {
    for (const [path, d] of all) {
      expect(d.doc, path).not.toBe('');
      if (d.kind === 'enum') expect(d.values, path).toContain(d.default);
      if (d.kind === 'array') expect(d.minLength, path).toBeLessThanOrEqual(d.maxLength);
    }
  });

  it('has one particles variant per registered particle kind', () => {
    expect(Object.keys(particlesDescriptor.variants).sort()).toEqual(Object.keys(particleKinds).sort());
  });

  it('matches the validated scene field for field (no field outside the descriptors)', () => {
    const r = validateScene(minimal());
    if (!r.ok) throw new Error(r.errors[0].message);
    const keysOf = (d: Descriptor, v: unknown): void => {
      if (d.kind === 'object') {
        expect(Object.keys(v as object).sort()).toEqual(Object.keys(d.fields).sort());
        for (const [k, f] of Object.entries(d.fields)) keysOf(f, (v as Record<string, unknown>)[k]);
      }
      if (d.kind === 'union') {
        const variant = d.variants[(v as Record<string, string>)[d.tag]];
        expect(Object.keys(v as object).sort()).toEqual([d.tag, ...Object.keys(variant.fields)].sort());
      }
      if (d.kind === 'array') for (const item of v as unknown[]) keysOf(d.items, item);
    };
    keysOf(sceneDescriptor, r.scene);
  });
});
