// The contact-force network: one thin cylinder per particle–particle contact whose force is at
// least `threshold` × the mean contact force, from centre to centre (minimum image across the
// periodic x/y faces), radius proportional to |F| (the strongest drawn contact gets `maxWidth` ×
// the mean particle radius). "Strong" contacts above the mean force carry the load in granular
// packings (Radjai et al., Phys. Rev. Lett. 80 (1998) 61), hence a default threshold of 1 × ⟨F⟩.

import * as THREE from 'three/webgpu';
import { VIEW_SCALE } from './particles';

export interface NetworkSettings {
  enabled: boolean;
  /** Contacts with |F| ≥ threshold × ⟨|F|⟩ are drawn. */
  threshold: number;
  /** Radius of the strongest drawn contact, in mean particle radii. */
  maxWidth: number;
  /** How the particles are drawn while the network shows. */
  particles: 'solid' | 'ghost' | 'hidden';
}

export interface NetworkStats {
  contacts: number;
  drawn: number;
  /** N */
  mean: number;
  max: number;
  step: number | null;
}

const UP = new THREE.Vector3(0, 1, 0);

export class ForceNetwork {
  readonly group = new THREE.Group();
  private mesh: THREE.InstancedMesh;
  private readonly material = new THREE.MeshPhongMaterial({ color: 0xe4572e, shininess: 20 });
  stats: NetworkStats = { contacts: 0, drawn: 0, mean: 0, max: 0, step: null };

  constructor() {
    this.mesh = this.build(1024);
  }

  private build(capacity: number): THREE.InstancedMesh {
    const geometry = new THREE.CylinderGeometry(1, 1, 1, 8, 1, false); // along y, height 1
    const mesh = new THREE.InstancedMesh(geometry, this.material, capacity);
    mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    mesh.count = 0;
    mesh.frustumCulled = false;
    this.group.add(mesh);
    return mesh;
  }

  setColor(hex: number): void { this.material.color.setHex(hex); }

  clear(): void {
    this.mesh.count = 0;
    this.stats = { contacts: 0, drawn: 0, mean: 0, max: 0, step: null };
  }

  /**
   * Rebuilds the cylinders from a frame: positions (3·N f32, m), radii (N f32, m), pairs (2·M u32
   * slots), forces (M f32, N), the periodic box (m).
   */
  update(positions: Float32Array, radii: Float32Array, n: number, pairs: Uint32Array, forces: Float32Array, m: number,
    box: { x: number; y: number }, s: NetworkSettings, step: number | null): void {
    let sum = 0, max = 0;
    for (let k = 0; k < m; k++) { sum += forces[k]; if (forces[k] > max) max = forces[k]; }
    const mean = m > 0 ? sum / m : 0;
    const cut = s.threshold * mean;
    let drawn = 0, maxDrawn = 0;
    for (let k = 0; k < m; k++) if (forces[k] >= cut && forces[k] > 0) { drawn++; if (forces[k] > maxDrawn) maxDrawn = forces[k]; }
    if (drawn > this.mesh.instanceMatrix.count) {
      this.group.remove(this.mesh);
      this.mesh.geometry.dispose();
      this.mesh.dispose();
      this.mesh = this.build(Math.ceil(drawn * 1.5));
    }
    let rMean = 0;
    for (let i = 0; i < n; i++) rMean += radii[i];
    rMean = n > 0 ? (rMean / n) * VIEW_SCALE : 1;
    const widest = s.maxWidth * rMean;
    const k6 = VIEW_SCALE;
    const a = new THREE.Vector3(), d = new THREE.Vector3(), q = new THREE.Quaternion(), sc = new THREE.Vector3(), mid = new THREE.Vector3();
    const mat = new THREE.Matrix4();
    let c = 0;
    for (let k = 0; k < m; k++) {
      const f = forces[k];
      if (!(f >= cut && f > 0)) continue;
      const i = pairs[2 * k], j = pairs[2 * k + 1];
      if (i >= n || j >= n) continue;
      a.set(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
      d.set(positions[3 * j] - a.x, positions[3 * j + 1] - a.y, positions[3 * j + 2] - a.z);
      d.x -= box.x * Math.round(d.x / box.x); // minimum image
      d.y -= box.y * Math.round(d.y / box.y);
      a.multiplyScalar(k6); d.multiplyScalar(k6);
      const len = d.length();
      if (len === 0) continue;
      mid.copy(a).addScaledVector(d, 0.5);
      q.setFromUnitVectors(UP, d.divideScalar(len));
      const w = Math.max(0.02 * rMean, (widest * f) / maxDrawn);
      sc.set(w, len, w);
      mat.compose(mid, q, sc);
      this.mesh.setMatrixAt(c++, mat);
    }
    this.mesh.count = c;
    this.mesh.instanceMatrix.clearUpdateRanges();
    this.mesh.instanceMatrix.addUpdateRange(0, 16 * c);
    this.mesh.instanceMatrix.needsUpdate = true;
    this.stats = { contacts: m, drawn: c, mean, max, step };
  }
}
