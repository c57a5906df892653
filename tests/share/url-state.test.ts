// Share links (src/share/url-state.ts): round trips of scene, seed, camera, colour and cut, and
// refusal (by parameter name, as text) of malformed values, in Node (same code as the page).
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, fromBase64Url, matchingPreset, toBase64Url, MAX_SCENE_JSON } from '../../src/share/url-state';
import { presets } from '../../src/scene/presets';
import { validateScene } from '../../src/scene/validate';
import type { Scene } from '../../src/scene/schema';

const opts = {
  preset: (name: string) => presets.get(name)?.build() ?? null,
  fields: ['none', 'height', 'pressure'],
  colormaps: ['viridis', 'magma'],
};
const valid = (s: Scene) => { const v = validateScene(s); if (!v.ok) throw new Error('preset invalid'); return v.scene; };
const presetList = () => [...presets.entries()].map(([k, p]) => [k, p.build] as [string, () => Scene]);

async function deflateText(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

describe('base64url', () => {
  it('round-trips every byte value and refuses other alphabets', () => {
    const bytes = Uint8Array.from({ length: 515 }, (_, i) => (i * 37) % 256);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(text)).toEqual(bytes);
    expect(() => fromBase64Url('ab+/')).toThrow(/alphabet/);
    expect(() => fromBase64Url('abcde')).toThrow(/length/);
  });
});

describe('share links', () => {
  it('a preset scene is shared by name; seed, camera, field, colormap and cut round-trip', async () => {
    const scene = { ...valid(presets.get('calendering-narrow')!.build()), seed: 42 };
    expect(matchingPreset(scene, presetList())).toBe('calendering-narrow');
    const camera = { projection: 'orthographic' as const, position: [10.5, -200, 80] as [number, number, number], target: [50, 50, 20] as [number, number, number], zoom: 1.75 };
    const clip = { enabled: true, axis: 'x' as const, position: 33.25, flip: false };
    const q = await encodeShare({ preset: 'calendering-narrow', scene, camera, field: 'height', colormap: 'magma', clip });
    expect(q.has('scene')).toBe(false);
    const d = await decodeShare(new URLSearchParams(q.toString()), opts);
    expect(d.errors).toEqual([]);
    expect(d.preset).toBe('calendering-narrow');
    expect(d.scene).toEqual(scene);
    expect(d.camera).toEqual(camera);
    expect(d.clip).toEqual(clip);
    expect([d.field, d.colormap]).toEqual(['height', 'magma']);
  });

  it('a modified scene travels compressed in the URL and decodes to the same validated scene', async () => {
    const base = valid(presets.get('pour-press-small')!.build());
    const scene: Scene = { ...base, seed: 7, materials: base.materials.map((m) => ({ ...m, friction: 0.3 })) };
    expect(matchingPreset(scene, presetList())).toBeNull();
    const q = await encodeShare({ preset: null, scene, camera: null, field: null, colormap: null, clip: null });
    const text = q.toString();
    console.log(`[share] pour-press-small (modified) link query: ${text.length} characters (scene JSON ${JSON.stringify(scene).length})`);
    expect(text.length).toBeLessThan(JSON.stringify(scene).length);
    const d = await decodeShare(new URLSearchParams(text), opts);
    expect(d.errors).toEqual([]);
    expect(d.preset).toBeNull();
    expect(d.scene).toEqual(scene);
  });

  it('names each malformed parameter, keeps the valid ones and never returns an invalid scene', async () => {
    const q = new URLSearchParams({
      scene: '%%%not-base64', seed: '1e3', cam: 'p,1,2,3', field: '<img src=x onerror=alert(1)>', cmap: 'jet', clip: 'w,5,1',
    });
    const d = await decodeShare(q, opts);
    expect(d.scene).toBeNull();
    const params = d.errors.map((e) => /^URL parameter '(\w+)'/.exec(e)?.[1]);
    expect(params).toEqual(['scene', 'seed', 'cam', 'field', 'cmap', 'clip']);
    expect(d.errors[0]).toMatch(/base64url.*default scene/);
    expect(d.errors[3]).toContain('"<img src=x onerror=alert(1)>"'); // quoted as data, shown as text by the page
  });

  it('refuses corrupt compressed data, non-objects, invalid scenes (with the validator reason) and bombs', async () => {
    const corrupt = await decodeShare(new URLSearchParams({ scene: 'AAAAAAAA' }), opts);
    expect(corrupt.errors[0]).toMatch(/'scene'.*(compressed|JSON)/);
    const list = await decodeShare(new URLSearchParams({ scene: await deflateText('[1,2]') }), opts);
    expect(list.errors[0]).toMatch(/JSON object/);
    const bad = { ...valid(presets.get('pour-small')!.build()) } as Scene;
    bad.materials = bad.materials.map((m) => ({ ...m, poissonRatio: 0.7 }));
    const inv = await decodeShare(new URLSearchParams({ scene: await deflateText(JSON.stringify(bad)) }), opts);
    expect(inv.scene).toBeNull();
    expect(inv.errors[0]).toMatch(/materials\[0\]\.poissonRatio/);
    const bomb = await decodeShare(new URLSearchParams({ scene: await deflateText(' '.repeat(MAX_SCENE_JSON + 10)) }), opts);
    expect(bomb.errors[0]).toMatch(/decompresses to more than/);
    const seed = await decodeShare(new URLSearchParams({ preset: 'pour-small', seed: '99999999999' }), opts);
    expect(seed.scene).toBeNull();
    expect(seed.errors[0]).toMatch(/'seed'.*seed/);
    const unknown = await decodeShare(new URLSearchParams({ preset: 'nope' }), opts);
    expect(unknown.errors[0]).toMatch(/unknown preset "nope"/);
  });
});
