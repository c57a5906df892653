// Camera: perspective or orthographic (z up, view units µm), OrbitControls, preset views
// (iso, side, top) and fit-to-scene. Also tells the image scale at the orbit target for the
// scale bar (exact in orthographic projection; at the focus plane in perspective).

import * as THREE from 'three/webgpu';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

export type Projection = 'perspective' | 'orthographic';
export type ViewPreset = 'iso' | 'side' | 'front' | 'top';

const DIRECTIONS: Record<ViewPreset, THREE.Vector3> = {
  iso: new THREE.Vector3(1, -1.3, 0.8).normalize(),
  side: new THREE.Vector3(1, 0, 0),
  front: new THREE.Vector3(0, -1, 0),
  // straight down is OrbitControls' pole (z up): look from a hair south, so +y is up on screen
  top: new THREE.Vector3(0, -1e-3, 1).normalize(),
};

const FOV = 35; // degrees, vertical

export class CameraRig {
  readonly perspective: THREE.PerspectiveCamera;
  readonly orthographic: THREE.OrthographicCamera;
  readonly controls: OrbitControls;
  private mode: Projection = 'perspective';
  private aspect = 1;
  /** Half the visible height at the target for the orthographic camera at zoom 1. */
  private orthoHalf = 100;

  constructor(dom: HTMLElement, onChange: () => void) {
    this.perspective = new THREE.PerspectiveCamera(FOV, 1, 0.1, 1e5);
    this.orthographic = new THREE.OrthographicCamera(-1, 1, 1, -1, -1e5, 1e5);
    for (const c of [this.perspective, this.orthographic]) c.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.perspective, dom);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', onChange);
  }

  get camera(): THREE.PerspectiveCamera | THREE.OrthographicCamera {
    return this.mode === 'perspective' ? this.perspective : this.orthographic;
  }
  get projection(): Projection { return this.mode; }

  setProjection(p: Projection): void {
    if (p === this.mode) return;
    const from = this.camera;
    this.mode = p;
    const to = this.camera;
    to.position.copy(from.position);
    to.quaternion.copy(from.quaternion);
    if (p === 'orthographic') {
      // same picture size at the target
      const d = from.position.distanceTo(this.controls.target);
      this.orthoHalf = d * Math.tan(THREE.MathUtils.degToRad(FOV / 2));
      this.orthographic.zoom = 1;
    } else {
      const half = this.orthoHalf / this.orthographic.zoom;
      const d = half / Math.tan(THREE.MathUtils.degToRad(FOV / 2));
      const dir = to.position.clone().sub(this.controls.target).normalize();
      to.position.copy(this.controls.target).addScaledVector(dir, d);
    }
    this.controls.object = to;
    this.setAspect(this.aspect);
    this.controls.update();
  }

  setAspect(aspect: number): void {
    this.aspect = aspect;
    this.perspective.aspect = aspect;
    this.perspective.updateProjectionMatrix();
    const h = this.orthoHalf;
    Object.assign(this.orthographic, { left: -h * aspect, right: h * aspect, top: h, bottom: -h });
    this.orthographic.updateProjectionMatrix();
  }

  /** Looks at `box` from a preset direction, far enough that all of it is in view. */
  view(preset: ViewPreset, box: THREE.Box3): void {
    const center = box.getCenter(new THREE.Vector3());
    const dir = DIRECTIONS[preset].clone();
    this.controls.target.copy(center);
    this.fitDistance(box, dir);
    this.controls.update();
  }

  /** Keeps the direction, moves/zooms so that `box` fills the view. */
  fit(box: THREE.Box3): void {
    const dir = this.camera.position.clone().sub(this.controls.target).normalize();
    this.controls.target.copy(box.getCenter(new THREE.Vector3()));
    this.fitDistance(box, dir);
    this.controls.update();
  }

  private fitDistance(box: THREE.Box3, dir: THREE.Vector3): void {
    const center = box.getCenter(new THREE.Vector3());
    const cam = this.camera;
    cam.position.copy(center).addScaledVector(dir, 1);
    cam.lookAt(center);
    cam.updateMatrixWorld();
    // the box corners in camera space give the half extents to fit
    const inv = cam.matrixWorldInverse;
    let hx = 0, hy = 0, depth = 0;
    for (let k = 0; k < 8; k++) {
      const p = new THREE.Vector3(k & 1 ? box.max.x : box.min.x, k & 2 ? box.max.y : box.min.y, k & 4 ? box.max.z : box.min.z);
      const c = p.sub(center).applyMatrix4(new THREE.Matrix4().extractRotation(inv));
      hx = Math.max(hx, Math.abs(c.x)); hy = Math.max(hy, Math.abs(c.y)); depth = Math.max(depth, Math.abs(c.z));
    }
    const margin = 1.2; // room for the legend and scale bar in the corners
    const half = Math.max(hy, hx / this.aspect) * margin;
    const d = half / Math.tan(THREE.MathUtils.degToRad(FOV / 2)) + depth;
    this.perspective.position.copy(center).addScaledVector(dir, d);
    this.orthographic.position.copy(center).addScaledVector(dir, Math.max(d, 2 * depth + 10));
    this.perspective.lookAt(center);
    this.orthographic.lookAt(center);
    this.orthoHalf = half;
    this.orthographic.zoom = 1;
    this.setAspect(this.aspect);
  }

  /** Projection, position, orbit target (µm) and zoom: what a share link stores. */
  getState(): { projection: Projection; position: [number, number, number]; target: [number, number, number]; zoom: number } {
    const c = this.camera, t = this.controls.target;
    return {
      projection: this.mode,
      position: [c.position.x, c.position.y, c.position.z],
      target: [t.x, t.y, t.z],
      // orthographic: the zoom that gives the same visible height with setState's half-height
      // (distance × tan(FOV/2)), so the picture survives the round trip
      zoom: this.mode === 'orthographic'
        ? (this.orthographic.zoom * c.position.distanceTo(t) * Math.tan(THREE.MathUtils.degToRad(FOV / 2))) / this.orthoHalf
        : 1,
    };
  }

  /** Restores getState()'s result (the orthographic half-height follows the target distance). */
  setState(s: { projection: Projection; position: [number, number, number]; target: [number, number, number]; zoom: number }): void {
    this.setProjection(s.projection);
    this.controls.target.set(...s.target);
    const c = this.camera;
    c.position.set(...s.position);
    if (s.projection === 'orthographic') {
      const d = c.position.distanceTo(this.controls.target);
      this.orthoHalf = d * Math.tan(THREE.MathUtils.degToRad(FOV / 2));
      this.orthographic.zoom = s.zoom;
    }
    c.lookAt(this.controls.target);
    this.setAspect(this.aspect);
    this.controls.update();
  }

  /** Image scale at the orbit target: pixels per view unit (µm) for a picture `heightPx` tall. */
  pixelsPerUnit(heightPx: number): number {
    if (this.mode === 'orthographic') {
      const o = this.orthographic;
      return (heightPx * o.zoom) / (o.top - o.bottom);
    }
    const d = this.perspective.position.distanceTo(this.controls.target);
    return heightPx / (2 * d * Math.tan(THREE.MathUtils.degToRad(this.perspective.fov / 2)));
  }
}
