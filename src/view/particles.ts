// Instanced low-poly spheres, one instance per particle: scale = radius, translation = position,
// both converted from metres to µm (the view's length unit, so camera and clipping numbers are
// of order 1–1000). Per-instance colours come from the colour field through a colormap LUT.

import * as THREE from 'three/webgpu';

export const VIEW_SCALE = 1e6; // view units (µm) per metre

/** Uniform colour when no field is shown (light graphite grey), sRGB. */
const PLAIN = new THREE.Color(0xc9ccd3);
/** Colour of non-finite values (NaN), sRGB. */
const INVALID = new THREE.Color(0xff00ff);

export class ParticleMesh {
  readonly group = new THREE.Group();
  mesh: THREE.InstancedMesh;
  private material: THREE.MeshPhongMaterial;
  private radii: Float32Array = new Float32Array(0);
  private count = 0;
  private detail = -1;

  /** coarse: 80-triangle spheres always (software rasterisers). */
  constructor(capacity: number, private readonly coarse = false) {
    this.material = new THREE.MeshPhongMaterial({ color: 0xffffff, shininess: 40, specular: 0x222222 });
    this.mesh = this.build(Math.max(1, capacity));
  }

  /** Icosphere detail: 2 (180 triangles) up to 5,000 particles, else 1 (80). */
  private detailFor(capacity: number): number { return !this.coarse && capacity <= 5000 ? 2 : 1; }

  private build(capacity: number): THREE.InstancedMesh {
    this.detail = this.detailFor(capacity);
    const geometry = new THREE.IcosahedronGeometry(1, this.detail);
    const mesh = new THREE.InstancedMesh(geometry, this.material, capacity);
    mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(capacity * 3), 3);
    mesh.instanceColor.setUsage(THREE.DynamicDrawUsage);
    mesh.count = 0;
    // instances move every frame: the bounding sphere of the first frame would be wrong later
    mesh.frustumCulled = false;
    this.group.add(mesh);
    return mesh;
  }

  get capacity(): number { return this.mesh.instanceMatrix.count; }
  get triangles(): number { return this.count * (this.mesh.geometry.index ? this.mesh.geometry.index.count : this.mesh.geometry.attributes.position.count) / 3; }

  /** Makes room for n particles (rebuilds the mesh when it is too small). */
  ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    this.group.remove(this.mesh);
    this.mesh.geometry.dispose();
    this.mesh.dispose();
    this.mesh = this.build(n);
  }

  /** Radii (m, storage-slot order), kept until the next layout change. */
  setRadii(radii: Float32Array): void {
    if (this.radii.length < radii.length) this.radii = new Float32Array(radii.length);
    this.radii.set(radii);
  }

  /** Positions (3·n f32, m) → instance matrices. Call setRadii first when the layout changed. */
  setPositions(pos: Float32Array, n: number): void {
    this.ensureCapacity(n);
    const m = this.mesh.instanceMatrix.array as Float32Array;
    const r = this.radii;
    const k = VIEW_SCALE;
    for (let i = 0; i < n; i++) {
      const s = (r[i] ?? 0) * k, o = 16 * i;
      m[o] = s; m[o + 1] = 0; m[o + 2] = 0; m[o + 3] = 0;
      m[o + 4] = 0; m[o + 5] = s; m[o + 6] = 0; m[o + 7] = 0;
      m[o + 8] = 0; m[o + 9] = 0; m[o + 10] = s; m[o + 11] = 0;
      m[o + 12] = pos[3 * i] * k; m[o + 13] = pos[3 * i + 1] * k; m[o + 14] = pos[3 * i + 2] * k; m[o + 15] = 1;
    }
    this.count = n;
    this.mesh.count = n;
    this.mesh.instanceMatrix.clearUpdateRanges();
    this.mesh.instanceMatrix.addUpdateRange(0, 16 * n);
    this.mesh.instanceMatrix.needsUpdate = true;
  }

  /**
   * Colours from values through a linear-light LUT (256 × rgb): t = (v − lo)/(hi − lo), clamped.
   * values null = uniform colour.
   */
  setColors(values: Float32Array | null, n: number, lo: number, hi: number, linearLut: Float32Array): void {
    const c = this.mesh.instanceColor!.array as Float32Array;
    if (!values) {
      const p = PLAIN.clone().convertSRGBToLinear();
      for (let i = 0; i < n; i++) { c[3 * i] = p.r; c[3 * i + 1] = p.g; c[3 * i + 2] = p.b; }
    } else {
      const inv = hi > lo ? 255 / (hi - lo) : 0;
      const bad = INVALID.clone().convertSRGBToLinear();
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (!Number.isFinite(v)) { c[3 * i] = bad.r; c[3 * i + 1] = bad.g; c[3 * i + 2] = bad.b; continue; }
        let j = Math.round((v - lo) * inv);
        j = j < 0 ? 0 : j > 255 ? 255 : j;
        c[3 * i] = linearLut[3 * j]; c[3 * i + 1] = linearLut[3 * j + 1]; c[3 * i + 2] = linearLut[3 * j + 2];
      }
    }
    const attr = this.mesh.instanceColor!;
    attr.clearUpdateRanges();
    attr.addUpdateRange(0, 3 * n);
    attr.needsUpdate = true;
  }

  /** Radii of the current slot order (m); valid for the first `count` entries. */
  get radiiArray(): Float32Array { return this.radii; }

  /** Solid, ghost (faint, see-through: for the force network) or hidden. */
  setAppearance(mode: 'solid' | 'ghost' | 'hidden'): void {
    this.group.visible = mode !== 'hidden';
    const ghost = mode === 'ghost';
    if (this.material.transparent !== ghost) {
      this.material.transparent = ghost;
      this.material.opacity = ghost ? 0.12 : 1;
      this.material.depthWrite = !ghost;
      this.material.needsUpdate = true;
    }
  }

  /** Cut spheres show their inside when a clipping plane is on (DoubleSide). */
  setDoubleSided(on: boolean): void {
    const side = on ? THREE.DoubleSide : THREE.FrontSide;
    if (this.material.side !== side) { this.material.side = side; this.material.needsUpdate = true; }
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    this.material.dispose();
    this.mesh.dispose();
  }
}
