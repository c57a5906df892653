import { expect } from 'vitest';
import { validateScene, type SceneError } from '../../src/scene';

/** A small valid scene with only the required fields (independent of the presets). */
export function minimal(): Record<string, any> {
  return {
    schema: 'electrode-lab/scene',
    version: 1,
    name: 'minimal',
    materials: [{ id: 'g', youngsModulus: 5e7, poissonRatio: 0.3, density: 2200, restitution: 0.5, friction: 0.5 }],
    particles: { kind: 'monodisperse', count: 100, radius: 5e-6, material: 'g' },
    domain: { lx: 1e-4, ly: 1e-4, height: 1e-4 },
    walls: { collector: { material: 'g' }, platen: { material: 'g' } },
    protocol: [{ type: 'fill' }],
  };
}

/** Validates `scene` after `edit`, expecting failure; returns the errors. */
export function errorsOf(scene: unknown): SceneError[] {
  const r = validateScene(scene);
  if (r.ok) throw new Error(`expected validation to fail, got a valid scene (warnings: ${r.warnings.join('; ')})`);
  return r.errors;
}

/** The one error at `path` (fails if there is none or more than one). */
export function errorAt(scene: unknown, path: string): SceneError {
  const errors = errorsOf(scene);
  const at = errors.filter((e) => e.path === path);
  expect(at, `errors at ${path} among: ${errors.map((e) => e.path).join(', ')}`).toHaveLength(1);
  return at[0];
}

export function edit(f: (s: Record<string, any>) => void): Record<string, any> {
  const s = minimal();
  f(s);
  return s;
}
