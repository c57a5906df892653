// Shareable links: the scene, its seed, the camera, the colour field/colormap and the clipping
// plane, encoded in URL query parameters, and decoded + validated on load. Pure (no DOM, no
// three.js), so the same code is unit-tested in Node.
//
// Parameters (all optional; anything malformed is reported by name and ignored, and a malformed
// scene falls back to the default preset):
//   preset=NAME        a registry preset (src/scene/presets.ts), unchanged
//   scene=B64          the full scene (when it differs from every preset): JSON, deflate-raw
//                      compressed (CompressionStream, RFC 1951), base64url (RFC 4648 §5)
//   seed=N             integer 0 … 2^32−1, replaces scene.seed (checked by the scene validator)
//   cam=P,px,py,pz,tx,ty,tz,zoom   P = p (perspective) | o (orthographic); camera position and
//                      orbit target in µm (the view's unit); zoom (orthographic) > 0
//   field=NAME  cmap=NAME          colour field (COLOR_FIELDS) and colormap (COLORMAPS)
//   clip=A,POS,K       axis x|y|z, plane position in µm, K = 1 keeps the + side, 0 the − side
// Nothing from a URL is ever executed or put into HTML: values are parsed as numbers, looked up in
// fixed tables, or JSON-parsed and validated by validateScene; error texts go into textContent.

import { validateScene } from '../scene/validate';
import type { Scene } from '../scene/schema';
import { encodeBase64 } from '../io/base64';

/** The camera as the view reports it (view units: µm). */
export interface CameraState {
  projection: 'perspective' | 'orthographic';
  position: [number, number, number];
  target: [number, number, number];
  zoom: number;
}

export interface ClipState {
  enabled: boolean;
  axis: 'x' | 'y' | 'z';
  position: number;
  flip: boolean;
}

export interface ShareState {
  /** Registry name when the scene equals that preset (apart from the seed), else null. */
  preset: string | null;
  scene: Scene;
  camera: CameraState | null;
  field: string | null;
  colormap: string | null;
  clip: ClipState | null;
}

export interface DecodeOptions {
  /** Builds a preset by name (null when unknown). */
  preset(name: string): Scene | null;
  /** Names the decoder accepts for field= and cmap=. */
  fields: readonly string[];
  colormaps: readonly string[];
}

export interface Decoded {
  /** Null when the URL names no scene, or its scene was malformed (then `errors` says why). */
  scene: Scene | null;
  preset: string | null;
  camera: CameraState | null;
  field: string | null;
  colormap: string | null;
  clip: ClipState | null;
  /** One message per malformed parameter, naming it; plain text. */
  errors: string[];
}

/** Longest scene= value accepted (characters); a 1,500-sphere preset takes ~700. */
export const MAX_SCENE_PARAM = 200_000;
/** Largest decompressed scene JSON accepted, bytes (guards against decompression bombs). */
export const MAX_SCENE_JSON = 4_000_000;
/** Camera coordinates beyond this many µm (1 m) are refused. */
const MAX_COORD = 1e6;

// ---- bytes <-> base64url ------------------------------------------------------------------------

export function toBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it contains characters outside the base64url alphabet (A–Z a–z 0–9 - _)');
  if (text.length % 4 === 1) throw new Error('its length is not a valid base64url length (truncated link?)');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates at most `limit` bytes; throws when the data is corrupt or longer. */
async function inflate(bytes: Uint8Array, limit: number): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error(`it decompresses to more than ${limit.toLocaleString('en-US')} bytes`);
    }
    parts.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}

// ---- encode -------------------------------------------------------------------------------------

const round = (x: number) => Number(x.toPrecision(7));

/** Query parameters (without '?') for `state`; `extra` (e.g. autoplay) is appended. */
export async function encodeShare(state: ShareState): Promise<URLSearchParams> {
  const q = new URLSearchParams();
  if (state.preset) q.set('preset', state.preset);
  else q.set('scene', toBase64Url(await deflate(JSON.stringify({ ...state.scene, seed: undefined }))));
  q.set('seed', String(state.scene.seed));
  if (state.camera) {
    const c = state.camera;
    q.set('cam', [c.projection === 'orthographic' ? 'o' : 'p', ...c.position, ...c.target, c.zoom].map((v) => (typeof v === 'number' ? round(v) : v)).join(','));
  }
  if (state.field) q.set('field', state.field);
  if (state.colormap) q.set('cmap', state.colormap);
  if (state.clip?.enabled) q.set('clip', `${state.clip.axis},${round(state.clip.position)},${state.clip.flip ? 1 : 0}`);
  return q;
}

/** The registry preset that `scene` equals except for its seed, or null. */
export function matchingPreset(scene: Scene, presets: Iterable<[string, () => Scene]>): string | null {
  const key = JSON.stringify({ ...scene, seed: 0 });
  for (const [name, build] of presets) {
    const v = validateScene(build());
    if (v.ok && JSON.stringify({ ...v.scene, seed: 0 }) === key) return name;
  }
  return null;
}

// ---- decode -------------------------------------------------------------------------------------

/** Shortens a user-supplied value for an error message (it is shown as text, never as HTML). */
function quote(v: string): string {
  return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v);
}

function finite(parts: string[], what: string): number[] {
  return parts.map((p, k) => {
    const x = p.trim() === '' ? NaN : Number(p);
    if (!Number.isFinite(x)) throw new Error(`${what} value ${k + 1} is ${quote(p)}, not a finite number`);
    return x;
  });
}

function decodeCamera(v: string): CameraState {
  const parts = v.split(',');
  if (parts.length !== 8) throw new Error(`expected 8 comma-separated values (p|o, position x,y,z, target x,y,z in µm, zoom), got ${parts.length}`);
  if (parts[0] !== 'p' && parts[0] !== 'o') throw new Error(`the projection must be p (perspective) or o (orthographic), got ${quote(parts[0])}`);
  const n = finite(parts.slice(1), 'camera');
  if (n.slice(0, 6).some((x) => Math.abs(x) > MAX_COORD)) throw new Error(`camera coordinates must lie within ±${MAX_COORD} µm`);
  if (!(n[6] > 0 && n[6] <= 1e4)) throw new Error(`zoom must be in (0, 10000], got ${n[6]}`);
  const [px, py, pz, tx, ty, tz] = n;
  if (px === tx && py === ty && pz === tz) throw new Error('the camera position equals its target');
  return { projection: parts[0] === 'o' ? 'orthographic' : 'perspective', position: [px, py, pz], target: [tx, ty, tz], zoom: n[6] };
}

function decodeClip(v: string): ClipState {
  const parts = v.split(',');
  if (parts.length !== 3) throw new Error(`expected axis,position,side (e.g. y,50,1), got ${parts.length} values`);
  const axis = parts[0];
  if (axis !== 'x' && axis !== 'y' && axis !== 'z') throw new Error(`the axis must be x, y or z, got ${quote(axis)}`);
  const [pos] = finite([parts[1]], 'clip position');
  if (Math.abs(pos) > MAX_COORD) throw new Error(`the position must lie within ±${MAX_COORD} µm, got ${pos}`);
  if (parts[2] !== '0' && parts[2] !== '1') throw new Error(`the side must be 1 (keep +) or 0 (keep −), got ${quote(parts[2])}`);
  return { enabled: true, axis, position: pos, flip: parts[2] === '1' };
}

/**
 * Reads the share parameters of `q`. Every problem becomes one message naming the parameter;
 * whatever is valid is returned. The scene is validated with validateScene (seed included).
 */
export async function decodeShare(q: URLSearchParams, opts: DecodeOptions): Promise<Decoded> {
  const out: Decoded = { scene: null, preset: null, camera: null, field: null, colormap: null, clip: null, errors: [] };
  const err = (param: string, message: string) => out.errors.push(`URL parameter '${param}': ${message}.`);

  let raw: Record<string, unknown> | null = null;
  const sceneParam = q.get('scene');
  const presetParam = q.get('preset');
  if (sceneParam !== null) {
    if (presetParam !== null) err('preset', 'ignored, because the link also carries a scene');
    try {
      if (sceneParam.length > MAX_SCENE_PARAM) throw new Error(`it is ${sceneParam.length.toLocaleString('en-US')} characters long (at most ${MAX_SCENE_PARAM.toLocaleString('en-US')})`);
      let json: string;
      try {
        json = await inflate(fromBase64Url(sceneParam), MAX_SCENE_JSON);
      } catch (e) {
        const m = (e as Error).message;
        throw new Error(/base64url|decompresses/.test(m) ? m : 'it is not a compressed scene (corrupt or truncated link)');
      }
      let value: unknown;
      try { value = JSON.parse(json); } catch { throw new Error('it does not hold valid JSON'); }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('it does not hold a JSON object');
      raw = value as Record<string, unknown>;
    } catch (e) {
      err('scene', `${(e as Error).message}; the default scene is loaded instead`);
    }
  } else if (presetParam !== null) {
    const built = opts.preset(presetParam);
    if (built) { raw = built as unknown as Record<string, unknown>; out.preset = presetParam; }
    else err('preset', `unknown preset ${quote(presetParam)}; the default scene is loaded instead`);
  }

  const seedParam = q.get('seed');
  let seed: number | undefined;
  if (seedParam !== null) {
    const s = /^\s*\d+\s*$/.test(seedParam) ? Number(seedParam) : NaN;
    if (!Number.isSafeInteger(s)) err('seed', `${quote(seedParam)} is not a whole number (use an integer from 0 to 4294967295)`);
    else seed = s;
  }

  if (raw) {
    const candidate = seed === undefined ? raw : { ...raw, seed };
    const v = validateScene(candidate);
    if (v.ok) out.scene = v.scene;
    else {
      const which = sceneParam !== null ? 'scene' : 'seed';
      const list = v.errors.slice(0, 8).map((e) => `${e.path || '(scene)'}: ${e.message}`).join('; ');
      err(which, `the scene is invalid (${list}${v.errors.length > 8 ? `; and ${v.errors.length - 8} more` : ''}); the default scene is loaded instead`);
      out.preset = null;
    }
  }

  const cam = q.get('cam');
  if (cam !== null) {
    try { out.camera = decodeCamera(cam); } catch (e) { err('cam', (e as Error).message); }
  }
  const field = q.get('field');
  if (field !== null) {
    if (opts.fields.includes(field)) out.field = field;
    else err('field', `unknown colour field ${quote(field)} (known: ${opts.fields.join(', ')})`);
  }
  const cmap = q.get('cmap');
  if (cmap !== null) {
    if (opts.colormaps.includes(cmap)) out.colormap = cmap;
    else err('cmap', `unknown colormap ${quote(cmap)} (known: ${opts.colormaps.join(', ')})`);
  }
  const clip = q.get('clip');
  if (clip !== null) {
    try { out.clip = decodeClip(clip); } catch (e) { err('clip', (e as Error).message); }
  }
  return out;
}
