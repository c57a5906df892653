// Scene furniture in view units (µm): the periodic box outline, the current collector (z = 0)
// and the platen at its current height. Each can be shown or hidden.

import * as THREE from 'three/webgpu';

export class Furniture {
  readonly group = new THREE.Group();
  readonly box: THREE.LineSegments;
  readonly collector: THREE.Mesh;
  readonly platen: THREE.Group;
  private readonly platenFill: THREE.Mesh;
  private readonly boxMaterial: THREE.LineBasicMaterial;
  private size = new THREE.Vector3(-1, -1, -1);

  constructor() {
    this.boxMaterial = new THREE.LineBasicMaterial({ color: 0x8a94a6, transparent: true, opacity: 0.9 });
    this.box = new THREE.LineSegments(new THREE.EdgesGeometry(new THREE.BoxGeometry(1, 1, 1)), this.boxMaterial);

    // copper foil
    this.collector = new THREE.Mesh(
      new THREE.PlaneGeometry(1, 1),
      new THREE.MeshPhongMaterial({ color: 0xb87333, shininess: 60, side: THREE.DoubleSide }),
    );

    this.platen = new THREE.Group();
    this.platenFill = new THREE.Mesh(
      new THREE.PlaneGeometry(1, 1),
      new THREE.MeshBasicMaterial({ color: 0x6b8fb3, transparent: true, opacity: 0.3, side: THREE.DoubleSide, depthWrite: false }),
    );
    const rim = new THREE.LineSegments(
      new THREE.EdgesGeometry(new THREE.PlaneGeometry(1, 1)),
      new THREE.LineBasicMaterial({ color: 0x3b6ea5 }),
    );
    this.platen.add(this.platenFill, rim);
    this.group.add(this.box, this.collector, this.platen);
  }

  /** Box lx × ly × lz (view units) with one corner at the origin (the periodic cell). */
  setBox(lx: number, ly: number, lz: number): void {
    if (this.size.x === lx && this.size.y === ly && this.size.z === lz) return;
    this.size.set(lx, ly, lz);
    this.box.scale.set(lx, ly, lz);
    this.box.position.set(lx / 2, ly / 2, lz / 2);
    // the foil is a little larger than the cell and sits just below z = 0
    this.collector.scale.set(lx * 1.06, ly * 1.06, 1);
    this.collector.position.set(lx / 2, ly / 2, -0.002 * Math.max(lx, ly));
    this.platen.scale.set(lx, ly, 1);
  }

  /** Platen plane height (view units); null hides it (no platen in the world). */
  setPlaten(z: number | null): void {
    this.platen.userData.present = z !== null;
    if (z !== null) this.platen.position.set(this.size.x / 2, this.size.y / 2, z);
  }

  setLineColor(color: number): void { this.boxMaterial.color.setHex(color); }

  /** Visibility of the three parts (the platen also needs to be present). */
  show(parts: { box: boolean; collector: boolean; platen: boolean }): void {
    this.box.visible = parts.box;
    this.collector.visible = parts.collector;
    this.platen.visible = parts.platen && this.platen.userData.present !== false;
  }
}
