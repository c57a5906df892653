// One clipping plane for SEM-like cuts through the packing: normal along x, y or z, at a position
// in µm (view units). Uses three's ClippingGroup (the WebGPURenderer way, both backends): what is
// added to `group` is cut; the furniture stays whole.

import * as THREE from 'three/webgpu';

export type ClipAxis = 'x' | 'y' | 'z';

export interface ClipSettings {
  enabled: boolean;
  axis: ClipAxis;
  /** Plane position along the axis, µm. */
  position: number;
  /** true: keep the part above the position (e.g. y ≥ position); false: keep the part below. */
  flip: boolean;
}

const AXES: Record<ClipAxis, THREE.Vector3> = {
  x: new THREE.Vector3(1, 0, 0),
  y: new THREE.Vector3(0, 1, 0),
  z: new THREE.Vector3(0, 0, 1),
};

export class Clipper {
  readonly group = new THREE.ClippingGroup();
  private readonly plane = new THREE.Plane();

  constructor() {
    this.group.clippingPlanes = [this.plane];
    this.group.enabled = false;
  }

  /** three keeps the side where normal·p + constant ≥ 0. */
  apply(s: ClipSettings): void {
    const n = AXES[s.axis].clone();
    if (!s.flip) n.negate();
    // keep n·p + c ≥ 0: for n = −e, c = position keeps p ≤ position
    this.plane.set(n, s.flip ? -s.position : s.position);
    this.group.enabled = s.enabled;
  }

  get enabled(): boolean { return this.group.enabled; }
}
