// The scene-parameter editor's pure parts (src/ui/params.ts): display-unit conversion, validator
// paths, and the refusal of invalid edits with the validator's reason.
import { describe, expect, it } from 'vitest';
import { fromDisplay, pathText, toDisplay, tryEdit } from '../../src/ui/params';
import { materialDescriptor, solverDescriptor } from '../../src/scene/schema';
import { presets } from '../../src/scene/presets';
import { validateScene } from '../../src/scene/validate';
import type { Scene } from '../../src/scene/schema';

function preset(name: string): Scene {
  const v = validateScene(presets.get(name)!.build());
  if (!v.ok) throw new Error(`${name} invalid`);
  return v.scene;
}

describe('parameter editor', () => {
  it('converts between SI and display units both ways without float noise', () => {
    const E = materialDescriptor.fields.youngsModulus; // Pa shown in MPa
    expect(toDisplay(E, 5e7)).toBe(50);
    expect(fromDisplay(E, 50)).toBe(5e7);
    expect(fromDisplay(E, '0.1')).toBe(1e5);
    expect(fromDisplay(E, 'abc')).toBeNaN();
    const dt = solverDescriptor.fields.timestep; // nullable, s shown in ns
    expect(fromDisplay(dt, 'null')).toBeNull();
    expect(fromDisplay(dt, ' auto ')).toBeNull();
    expect(fromDisplay(dt, '25')).toBeCloseTo(2.5e-8, 20);
    expect(fromDisplay(E, '')).toBeNaN(); // not null-able: empty is not a value
  });

  it('writes paths as the validator does', () => {
    expect(pathText(['materials', 0, 'poissonRatio'])).toBe('materials[0].poissonRatio');
    expect(pathText(['protocol', 2, 'until', 'solidFraction'])).toBe('protocol[2].until.solidFraction');
  });

  it('accepts valid edits on a copy and refuses invalid ones with the validator reason', () => {
    const scene = preset('pour-press-small');
    const ok = tryEdit(scene, ['materials', 0, 'friction'], 0.3);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.scene.materials[0].friction).toBe(0.3);
    expect(scene.materials[0].friction).toBe(0.5); // the original is untouched
    const bad = tryEdit(scene, ['materials', 0, 'poissonRatio'], 0.7);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reasons.join(' ')).toMatch(/poissonRatio.*0\.7.*0\.5/);
    // a cross-field check: a timestep above the stability bound of the contact law
    const dt = tryEdit(scene, ['solver', 'timestep'], 1e-3);
    expect(dt.ok).toBe(false);
    if (!dt.ok) expect(dt.reasons.join(' ')).toMatch(/timestep/i);
    const nan = tryEdit(scene, ['gravity'], NaN);
    expect(nan.ok).toBe(false);
    if (!nan.ok) expect(nan.reasons[0]).toMatch(/gravity: not a number/);
  });
});
