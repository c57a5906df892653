// The interlayer view (issue #5): the cell under the solid electrolyte at nanometre scale — the DEM
// scaffold's spheres (Si/Li–Si and CNT beads), the kMC grid's lithium voxels as instanced cubes
// coloured by local pore size or by flow stress, the electrolyte voxels (translucent), the steel
// collector and the dense Li layer plated on it (which lifts everything above it), with a
// cross-section plane, and PNG export through src/view/export.ts. View units are nm (the cell is
// ~0.3–0.5 µm wide). No physics here: the worker sends SI values (src/worker/messages.ts, 'ilSpheres' /
// 'ilVoxels').
import * as THREE from 'three/webgpu';
import { createRenderer, type BackendName, type BackendRequest } from './renderer';
import { CameraRig, type ViewPreset } from './camera';
import { Clipper, type ClipSettings } from './clipping';
import { linearLut, type ColormapName } from './colormaps';
import { exportPng, viewExportHost, type ExportRequest, type ExportResult } from './export';
import type { LegendSpec } from './legend';
import { MATERIAL } from '../interlayer/voxel-grid';
import type { IlSpheresEvent, IlVoxelsEvent } from '../worker/messages';

/** View units (nm) per metre. */
export const IL_SCALE = 1e9;
/** Background of the view and of exported pictures; overlay text and panel colours (the lab's dark theme). */
const BACKGROUND = { hex: 0x52576e, css: '#52576e' };
const OVERLAY = { fg: '#f1f3f7', panel: 'rgba(20,23,28,0.6)' };

export type LithiumColour = 'poreSize' | 'flowStress';

export interface LithiumLegend {
  title: string;
  unit: string;
  /** display values (nm or MPa) */
  lo: number;
  hi: number;
  colormap: ColormapName;
}

/** Colour range of the Li voxels (log scale: pore sizes and flow stresses span decades), display units. */
export function lithiumRange(values: Float32Array, n: number, factor: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) { const v = values[i] * factor; if (v > 0 && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }
  if (!Number.isFinite(lo)) return [1, 10];
  if (hi <= lo * 1.01) return [lo / 1.5, lo * 1.5];
  return [lo, hi];
}

const SOLID_COLOURS: Record<number, number> = { [MATERIAL.lisi]: 0xb9a36c, [MATERIAL.cnt]: 0x3a3d44, [MATERIAL.steel]: 0x8c939e };
const LI_LAYER = 0xd9dde3;

export class InterlayerView {
  readonly backend: BackendName;
  readonly software: boolean;
  readonly renderer: THREE.WebGPURenderer;
  /** Largest drawing-buffer side the GPU takes (PNG export). */
  readonly maxSize: number;
  private readonly container: HTMLElement;
  /** Set while a PNG export renders at its own size: the animation loop draws nothing. */
  private paused = false;
  private readonly scene = new THREE.Scene();
  private readonly rig: CameraRig;
  private readonly clipper = new Clipper();
  private readonly lifted = new THREE.Group();   // everything the Li layer lifts
  private spheres: THREE.InstancedMesh | null = null;
  private li: THREE.InstancedMesh | null = null;
  private electrolyte: THREE.InstancedMesh | null = null;
  private solids: THREE.InstancedMesh | null = null;
  /** grid size and counts the electrolyte/solid cubes were placed for (see setVoxels) */
  private staticKey = '';
  private readonly collector: THREE.Mesh;
  private readonly layer: THREE.Mesh;
  /** The electrolyte during the DEM stage: a flat plane at the scaffold's top (the voxel electrolyte replaces it). */
  private readonly plane: THREE.Mesh;
  private readonly headlight = new THREE.DirectionalLight(0xffffff, 1.4);
  private dirty = true;
  private fitted = false;
  /** The user moved the camera: stop re-framing the cell as the Li layer lifts it. */
  private userMoved = false;
  private lastVoxels: IlVoxelsEvent | null = null;
  private liValues: { pore: Float32Array; flow: Float32Array } = { pore: new Float32Array(0), flow: new Float32Array(0) };
  /** Size of the slab, nm, and the grid height. */
  private box = new THREE.Vector3(300, 300, 1000);
  renders = 0;
  liCount = 0;
  sphereCount = 0;
  colour: LithiumColour = 'poreSize';
  colormap: ColormapName = 'viridis';
  legend: LithiumLegend | null = null;
  onLegend: ((l: LithiumLegend | null) => void) | null = null;

  private constructor(container: HTMLElement, info: Awaited<ReturnType<typeof createRenderer>>) {
    this.renderer = info.renderer;
    this.backend = info.backend;
    this.software = info.software;
    this.maxSize = info.maxSize;
    this.container = container;
    const canvas = this.renderer.domElement;
    canvas.className = 'view-canvas';
    container.appendChild(canvas);
    // compare mode follows the camera once the user has moved it (before that each view frames its own cell)
    this.rig = new CameraRig(canvas, () => { this.invalidate(); if (this.userMoved) this.onCamera?.(); });
    this.rig.controls.addEventListener('start', () => { this.userMoved = true; });
    this.scene.background = new THREE.Color(BACKGROUND.hex);
    this.collector = new THREE.Mesh(new THREE.BoxGeometry(1, 1, 1), new THREE.MeshPhongMaterial({ color: SOLID_COLOURS[MATERIAL.steel] }));
    this.layer = new THREE.Mesh(new THREE.BoxGeometry(1, 1, 1), new THREE.MeshPhongMaterial({ color: LI_LAYER, shininess: 60 }));
    this.layer.visible = false;
    this.plane = new THREE.Mesh(new THREE.BoxGeometry(1, 1, 1), new THREE.MeshPhongMaterial({ color: 0xe8d48a, transparent: true, opacity: 0.35, depthWrite: false }));
    this.plane.visible = false;
    this.lifted.add(this.plane);
    this.clipper.group.add(this.lifted, this.layer);
    this.scene.add(this.clipper.group, this.collector);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x404550, 1.1), this.headlight, this.headlight.target);
    new ResizeObserver(() => this.resize(container)).observe(container);
    this.resize(container);
    this.renderer.setAnimationLoop(() => this.tick());
  }

  static async create(container: HTMLElement, request: BackendRequest): Promise<InterlayerView> {
    return new InterlayerView(container, await createRenderer(request, 'auto'));
  }

  invalidate(): void { this.dirty = true; }

  /** Compare mode: called when the user moved this view's camera (link it to the other view's). */
  onCamera: (() => void) | null = null;
  getCamera(): ReturnType<CameraRig['getState']> { return this.rig.getState(); }
  /** Takes another view's camera; the view then stops re-framing its own cell, as after a user move. */
  setCamera(c: ReturnType<CameraRig['getState']>): void { this.userMoved = true; this.rig.setState(c); this.invalidate(); }

  private resize(container: HTMLElement): void {
    const w = Math.max(1, container.clientWidth), h = Math.max(1, container.clientHeight);
    this.renderer.setSize(w, h, false);
    this.rig.setAspect(w / h);
    this.invalidate();
  }

  private tick(): void {
    if (!this.dirty || this.paused) return;
    this.dirty = false;
    this.renderNow();
  }

  private renderNow(): void {
    const cam = this.rig.camera;
    this.headlight.position.copy(cam.position);
    this.headlight.target.position.copy(this.rig.controls.target);
    this.renderer.render(this.scene, cam);
    this.renders++;
  }

  setClip(c: ClipSettings): void { this.clipper.apply(c); this.invalidate(); }

  // (userMoved first: the re-framing must not be pushed to a linked view as if the user had moved this one)
  view(preset: ViewPreset): void { this.userMoved = false; this.rig.view(preset, this.bounds()); this.invalidate(); }

  /** The cell (grid or scaffold) plus up to 300 nm of the Li layer below it: the layer can be microns thick. */
  bounds(): THREE.Box3 {
    const lift = this.lifted.position.z;
    return new THREE.Box3(new THREE.Vector3(0, 0, Math.max(-50, lift - 300)), new THREE.Vector3(this.box.x, this.box.y, lift + this.box.z));
  }

  private setSlab(lx: number, ly: number): void {
    this.box.x = lx; this.box.y = ly;
    this.collector.scale.set(lx, ly, 40);
    this.collector.position.set(lx / 2, ly / 2, -20);
  }

  /**
   * Forgets the previous run's cell (spheres, voxels, Li layer) before a new one: a cell without spheres
   * (bare cell, CNT mat) after a scaffold must draw its solid voxels, and stale cubes must not show while the
   * next scaffold forms. The camera stays where the user put it.
   */
  reset(): void {
    for (const m of [this.spheres, this.li, this.electrolyte, this.solids]) if (m) { this.lifted.remove(m); m.dispose(); }
    this.spheres = this.li = this.electrolyte = this.solids = null;
    this.sphereCount = 0; this.liCount = 0; this.lastVoxels = null; this.staticKey = '';
    this.plane.visible = false; this.layer.visible = false; this.lifted.position.z = 0;
    this.recolour();
    this.invalidate();
  }

  /** The DEM scaffold (shown while it forms and after, lifted by the Li layer). */
  setSpheres(e: IlSpheresEvent): void {
    const n = e.count;
    if (!this.spheres || this.spheres.count < n || this.spheres.instanceMatrix.count < n) {
      if (this.spheres) { this.lifted.remove(this.spheres); this.spheres.dispose(); }
      const m = new THREE.InstancedMesh(new THREE.IcosahedronGeometry(1, this.software ? 1 : 2), new THREE.MeshPhongMaterial({ color: 0xffffff, shininess: 30 }), Math.max(1, n));
      m.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(3 * Math.max(1, n)), 3);
      m.frustumCulled = false;
      this.spheres = m;
      this.lifted.add(m);
    }
    const p = new Float32Array(e.positions), r = new Float32Array(e.radii), kind = new Uint8Array(e.kind), lith = new Float32Array(e.lithiation);
    const mat = new THREE.Matrix4(), c = new THREE.Color();
    const si = new THREE.Color(0x7d8696), lisi = new THREE.Color(SOLID_COLOURS[MATERIAL.lisi]), cnt = new THREE.Color(SOLID_COLOURS[MATERIAL.cnt]);
    for (let i = 0; i < n; i++) {
      const s = r[i] * IL_SCALE;
      mat.makeScale(s, s, s).setPosition(p[3 * i] * IL_SCALE, p[3 * i + 1] * IL_SCALE, p[3 * i + 2] * IL_SCALE);
      this.spheres.setMatrixAt(i, mat);
      if (kind[i] === 1) c.copy(cnt); else c.copy(si).lerp(lisi, lith[i]);
      this.spheres.setColorAt(i, c);
    }
    this.spheres.count = n;
    this.spheres.instanceMatrix.needsUpdate = true;
    this.spheres.instanceColor!.needsUpdate = true;
    this.sphereCount = n;
    this.setSlab(e.lx * IL_SCALE, e.ly * IL_SCALE);
    this.box.z = Math.max(e.top * IL_SCALE, 10);
    if (!this.lastVoxels) {
      const t = 50; // nm of electrolyte drawn above the plane
      this.plane.visible = true;
      this.plane.scale.set(this.box.x, this.box.y, t);
      this.plane.position.set(this.box.x / 2, this.box.y / 2, this.box.z + t / 2);
    }
    if (!this.fitted) { this.rig.view('iso', this.bounds()); this.fitted = true; }
    this.invalidate();
  }

  private cubes(current: THREE.InstancedMesh | null, n: number, material: THREE.Material): THREE.InstancedMesh {
    if (current && current.instanceMatrix.count >= n) return current;
    if (current) { this.lifted.remove(current); current.dispose(); }
    const m = new THREE.InstancedMesh(new THREE.BoxGeometry(1, 1, 1), material, Math.max(1, Math.ceil(n * 1.25)));
    m.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(3 * m.instanceMatrix.count), 3);
    m.frustumCulled = false;
    this.lifted.add(m);
    return m;
  }

  /** The kMC grid: Li voxels, electrolyte voxels, and (cells without spheres) the solid voxels. */
  setVoxels(e: IlVoxelsEvent): void {
    this.lastVoxels = e;
    this.plane.visible = false;
    const { nx, ny, nz } = e, h = e.h * IL_SCALE;
    const mat = new Uint8Array(e.material), nxy = nx * ny;
    this.setSlab(nx * h, ny * h);
    this.box.z = nz * h;
    const cube = new THREE.Matrix4();   // one matrix for every cube placed (setMatrixAt copies it)
    const place = (mesh: THREE.InstancedMesh, k: number, q: number) => {
      const i = q % nx, j = Math.floor(q / nx) % ny, z = Math.floor(q / nxy);
      mesh.setMatrixAt(k, cube.makeScale(h, h, h).setPosition((i + 0.5) * h, (j + 0.5) * h, (z + 0.5) * h));
    };
    // lithium
    this.liCount = e.liCount;
    this.li = this.cubes(this.li, e.liCount, new THREE.MeshPhongMaterial({ color: 0xffffff, shininess: 60 }));
    const li = new Uint32Array(e.li);
    for (let k = 0; k < e.liCount; k++) place(this.li, k, li[k]);
    this.li.count = e.liCount;
    this.li.instanceMatrix.needsUpdate = true;
    this.liValues = { pore: new Float32Array(e.liPore), flow: new Float32Array(e.liFlow) };
    // electrolyte, and solid voxels when there are no spheres (bare cell, CNT mat)
    let ne = 0, ns = 0, sig = 0;
    for (let q = 0; q < mat.length; q++) {
      if (mat[q] === MATERIAL.electrolyte) { ne++; sig = (Math.imul(sig, 31) + q) | 0; }
      else if (!this.sphereCount && (mat[q] === MATERIAL.lisi || mat[q] === MATERIAL.cnt || mat[q] === MATERIAL.steel)) { ns++; sig = (Math.imul(sig, 37) + 8 * q + mat[q]) | 0; }
    }
    // Li only fills pore voxels, so the electrolyte and solid cubes change only when a needle cracks into
    // the electrolyte or a new cell arrives (the key: sizes, counts and a hash of where they are):
    // rebuilding ~10⁵ cubes at every plating sample is what made the CNT mat slow to watch without a GPU
    const staticKey = `${nx},${ny},${nz},${h},${ne},${ns},${sig},${this.sphereCount}`;
    if (staticKey !== this.staticKey || !this.electrolyte || !this.solids) this.placeStatic(mat, nx, ny, nz, h, ne, ns, place);
    this.staticKey = staticKey;
    // the dense Li layer at the collector lifts the cell
    const t = e.layerThickness * IL_SCALE;
    this.lifted.position.z = t;
    this.layer.visible = t > 0;
    this.layer.scale.set(nx * h, ny * h, Math.max(t, 1e-3));
    this.layer.position.set(nx * h / 2, ny * h / 2, t / 2);
    this.recolour();
    if (!this.fitted) { this.rig.view('iso', this.bounds()); this.fitted = true; } else if (!this.userMoved) this.rig.fit(this.bounds());
    this.invalidate();
  }

  /** Electrolyte cubes, and solid cubes when there are no spheres (bare cell, CNT mat). */
  private placeStatic(mat: Uint8Array, nx: number, ny: number, nz: number, h: number, ne: number, ns: number,
    place: (mesh: THREE.InstancedMesh, k: number, q: number) => void): void {
    this.electrolyte = this.cubes(this.electrolyte, ne, new THREE.MeshPhongMaterial({ color: 0xe8d48a, transparent: true, opacity: 0.28, depthWrite: false }));
    this.solids = this.cubes(this.solids, ns, new THREE.MeshPhongMaterial({ color: 0xffffff }));
    const c = new THREE.Color();
    for (let q = 0, ke = 0, ks = 0; q < mat.length; q++) {
      const m = mat[q];
      if (m === MATERIAL.electrolyte) place(this.electrolyte, ke++, q);
      else if (!this.sphereCount && (m === MATERIAL.lisi || m === MATERIAL.cnt || m === MATERIAL.steel)) {
        place(this.solids, ks, q);
        this.solids.setColorAt(ks++, c.setHex(SOLID_COLOURS[m]));
      }
    }
    this.electrolyte.count = ne;
    this.electrolyte.instanceMatrix.needsUpdate = true;
    for (let k = 0; k < ne; k++) this.electrolyte.setColorAt(k, c.setHex(0xffffff));
    this.electrolyte.instanceColor!.needsUpdate = true;
    this.solids.count = ns;
    this.solids.instanceMatrix.needsUpdate = true;
    this.solids.instanceColor!.needsUpdate = true;
  }

  /** Colours the Li voxels by pore size (nm) or flow stress (MPa), log scale. */
  recolour(): void {
    if (!this.li) { this.legend = null; this.onLegend?.(null); return; }
    const pore = this.colour === 'poreSize';
    const values = pore ? this.liValues.pore : this.liValues.flow;
    const factor = pore ? 1e9 : 1e-6;
    const [lo, hi] = lithiumRange(values, this.liCount, factor);
    const lut = linearLut(this.colormap), steps = lut.length / 3 - 1;
    const a = Math.log(lo), b = Math.log(hi);
    const c = new THREE.Color();
    for (let k = 0; k < this.liCount; k++) {
      const v = values[k] * factor;
      const t = v > 0 ? Math.min(1, Math.max(0, (Math.log(v) - a) / (b - a))) : 0;
      const s = Math.round(t * steps);
      c.setRGB(lut[3 * s], lut[3 * s + 1], lut[3 * s + 2], THREE.LinearSRGBColorSpace);
      this.li.setColorAt(k, c);
    }
    if (this.li.instanceColor) this.li.instanceColor.needsUpdate = true;
    this.legend = { title: pore ? 'Li: local pore size (log)' : 'Li: flow stress at the plating rate (log)', unit: pore ? 'nm' : 'MPa', lo, hi, colormap: this.colormap };
    this.onLegend?.(this.legend);
    this.invalidate();
  }

  /** Local pore size of each Li voxel (m, grid order of the last 'ilVoxels'). */
  get lithiumPoreSizes(): Float32Array { return this.liValues.pore; }
  /** Replaces the Li voxels' flow stresses (Pa), e.g. for another interface diffusivity, and recolours. */
  setLithiumFlow(flow: Float32Array): void { this.liValues.flow = flow; this.recolour(); }

  /** Shows or hides the Li voxels and the Li layer (the e2e test compares both pictures). */
  setLithiumVisible(on: boolean): void {
    if (this.li) this.li.visible = on;
    this.layer.visible = on && this.layerThickness > 0;
    this.invalidate();
  }

  get layerThickness(): number { return this.lastVoxels?.layerThickness ?? 0; }

  /** The Li colour scale as an export legend: log scale, said in the note and drawn with log-spaced ticks. */
  exportLegend(): LegendSpec | null {
    const l = this.legend;
    if (!l || this.liCount === 0) return null;
    return { title: l.title, unit: l.unit, lo: l.lo, hi: l.hi, colormap: l.colormap, logScale: true,
      note: 'log colour scale' };
  }

  /**
   * The view as a PNG (src/view/export.ts): rendered off-screen at 1×/2×/4× or an explicit size, with the
   * Li legend, a scale bar (view units are nm: pixels per µm = pixels per unit × 1000) and `req.title`.
   */
  exportPng(req: ExportRequest): Promise<ExportResult> {
    return exportPng(viewExportHost({
      renderer: this.renderer, maxSize: this.maxSize, container: this.container, scene: this.scene, rig: this.rig,
      renderNow: () => this.renderNow(),
      pause: (on) => { this.paused = on; if (!on) this.invalidate(); },
    }, {
      legend: () => this.exportLegend(),
      pixelsPerMicron: (h) => this.rig.pixelsPerUnit(h) * 1e-6 * IL_SCALE,
      scaleBarLabel: () => (this.rig.projection === 'perspective' ? '(at the centre)' : ''),
      style: () => ({ fg: OVERLAY.fg, panel: OVERLAY.panel, background: BACKGROUND.css, fontPx: document.body.classList.contains('projector') ? 20 : 14 }),
    }), req);
  }
}
