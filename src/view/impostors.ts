// OPTION (?spheres=impostor): sphere impostors, i.e. one camera-facing quad per particle (three's
// instanced SpriteNodeMaterial) whose fragments outside the disc are discarded, shaded with the
// sphere's normal under a headlight, and written at the sphere surface's depth (so overlapping
// spheres intersect along circles as real spheres do). Two triangles per particle instead of
// 80–180. Limits: the clipping plane cuts the quads (a cut shows discs cut straight, not the
// spheres' insides) and the shading is a plain headlight, not three's lights.
// Kept only to measure against the instanced low-poly spheres (src/view/particles.ts); see the
// numbers in the report of issue 4. Same interface as ParticleMesh.

import * as THREE from 'three/webgpu';
import { Discard, Fn, If, cameraFar, cameraNear, dot, float, instancedBufferAttribute, modelViewMatrix, select, sqrt, uniform, uv, varying, vec3, vec4, viewZToOrthographicDepth, viewZToPerspectiveDepth } from 'three/tsl';
import { VIEW_SCALE } from './particles';

const PLAIN = new THREE.Color(0xc9ccd3);

export class ImpostorMesh {
  readonly group = new THREE.Group();
  private sprite!: THREE.Sprite;
  private pos!: THREE.InstancedBufferAttribute;
  private size!: THREE.InstancedBufferAttribute;
  private color!: THREE.InstancedBufferAttribute;
  private radii = new Float32Array(0);
  private cap = 0;
  private count = 0;
  /** 1 while the camera is orthographic (the depth formula differs). */
  private readonly ortho = uniform(0);

  setOrthographic(on: boolean): void { this.ortho.value = on ? 1 : 0; }

  constructor(capacity: number) { this.build(Math.max(1, capacity)); }

  private build(capacity: number): void {
    if (this.sprite) { this.group.remove(this.sprite); this.sprite.material.dispose(); }
    this.cap = capacity;
    this.pos = new THREE.InstancedBufferAttribute(new Float32Array(3 * capacity), 3);
    this.size = new THREE.InstancedBufferAttribute(new Float32Array(capacity), 1);
    this.color = new THREE.InstancedBufferAttribute(new Float32Array(3 * capacity), 3);
    for (const a of [this.pos, this.size, this.color]) a.setUsage(THREE.DynamicDrawUsage);
    const m = new THREE.SpriteNodeMaterial();
    m.positionNode = instancedBufferAttribute(this.pos);
    m.scaleNode = instancedBufferAttribute(this.size);
    const colour = instancedBufferAttribute(this.color);
    m.colorNode = Fn(() => {
      const p = uv().mul(2).sub(1);
      const r2 = dot(p, p);
      If(r2.greaterThan(1), () => { Discard(); });
      const nz = sqrt(float(1).sub(r2).max(0));
      // headlight: the camera looks along the impostor's normal at its centre
      return vec3(colour as never).mul(nz.mul(0.75).add(0.25));
    })();
    // depth of the sphere's surface: the quad faces the camera, so the surface lies nz·r nearer
    // than the centre (view space looks down −z); window depth as three writes it for the camera
    const centreZ = varying(modelViewMatrix.mul(vec4(instancedBufferAttribute(this.pos) as never, 1)).z);
    const radius = varying(float(instancedBufferAttribute(this.size) as never).mul(0.5));
    const ortho = this.ortho;
    m.depthNode = Fn(() => {
      const p = uv().mul(2).sub(1);
      const nz = sqrt(float(1).sub(dot(p, p)).max(0));
      const z = float(centreZ as never).add(nz.mul(radius));
      return select(ortho.greaterThan(0.5), viewZToOrthographicDepth(z, cameraNear, cameraFar), viewZToPerspectiveDepth(z, cameraNear, cameraFar));
    })();
    m.transparent = false;
    this.sprite = new THREE.Sprite(m);
    this.sprite.count = 0;
    this.sprite.frustumCulled = false;
    this.group.add(this.sprite);
  }

  get capacity(): number { return this.cap; }
  get triangles(): number { return 2 * this.count; }
  get radiiArray(): Float32Array { return this.radii; }

  ensureCapacity(n: number): void { if (n > this.cap) this.build(n); }

  setRadii(radii: Float32Array): void {
    if (this.radii.length < radii.length) this.radii = new Float32Array(radii.length);
    this.radii.set(radii);
  }

  setPositions(p: Float32Array, n: number): void {
    this.ensureCapacity(n);
    const a = this.pos.array as Float32Array, s = this.size.array as Float32Array;
    for (let i = 0; i < 3 * n; i++) a[i] = p[i] * VIEW_SCALE;
    for (let i = 0; i < n; i++) s[i] = 2 * (this.radii[i] ?? 0) * VIEW_SCALE;
    this.count = n;
    this.sprite.count = n;
    this.pos.needsUpdate = true;
    this.size.needsUpdate = true;
  }

  setColors(values: Float32Array | null, n: number, lo: number, hi: number, linearLut: Float32Array): void {
    const c = this.color.array as Float32Array;
    if (!values) {
      const q = PLAIN.clone().convertSRGBToLinear();
      for (let i = 0; i < n; i++) { c[3 * i] = q.r; c[3 * i + 1] = q.g; c[3 * i + 2] = q.b; }
    } else {
      const inv = hi > lo ? 255 / (hi - lo) : 0;
      for (let i = 0; i < n; i++) {
        let j = Math.round((values[i] - lo) * inv);
        j = !(j >= 0) ? 0 : j > 255 ? 255 : j;
        c[3 * i] = linearLut[3 * j]; c[3 * i + 1] = linearLut[3 * j + 1]; c[3 * i + 2] = linearLut[3 * j + 2];
      }
    }
    this.color.needsUpdate = true;
  }

  setDoubleSided(_on: boolean): void { /* quads: nothing to do */ }
  setAppearance(mode: 'solid' | 'ghost' | 'hidden'): void { this.group.visible = mode !== 'hidden'; }
}
