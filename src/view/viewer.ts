// The 3-D view: owns the renderer, the scene (particles, furniture, clipping), the camera rig and
// the legend/scale-bar overlay. It turns 'frame' events into instance data and draws on demand
// (only when something changed), or every animation frame with `continuous` (for measuring fps).
// No physics here: it converts units and maps scalars to colours.

import * as THREE from 'three/webgpu';
import { COLOR_FIELDS, type ColorField, type FrameEvent } from '../worker/messages';
import { createRenderer, type BackendName, type BackendRequest } from './renderer';
import { ParticleMesh, VIEW_SCALE } from './particles';
import { Furniture } from './furniture';
import { Clipper, type ClipSettings } from './clipping';
import { CameraRig, type Projection, type ViewPreset } from './camera';
import { DIVERGING, linearLut, type ColormapName } from './colormaps';
import { drawOverlays, type DrawStyle, type LegendSpec } from './legend';
import { autoRange, columnUnit, displayUnit, fieldLabel, forceUnit, type DisplayUnit } from './units';
import { exportPng, viewExportHost, type ExportRequest, type ExportResult } from './export';
import { GpuPacer } from './pacing';
import { CanvasRecorder } from './recorder';
import { ForceNetwork, type NetworkSettings } from './network';
import { ImpostorMesh } from './impostors';

/** How particles are drawn: instanced low-poly spheres (default) or the impostor experiment. */
export type SphereStyle = 'mesh' | 'impostor';

export interface ViewSettings {
  field: ColorField;
  colormap: ColormapName;
  rangeMode: 'auto' | 'fixed';
  /** Fixed range in `fixedUnit` display units. */
  min: number;
  max: number;
  fixedUnit: DisplayUnit | null;
  clip: ClipSettings;
  show: { box: boolean; collector: boolean; platen: boolean; legend: boolean; scaleBar: boolean };
  projection: Projection;
  /** Contact-force network (the page asks the worker for contacts while enabled). */
  network: NetworkSettings;
  theme: 'dark' | 'light';
  /** Render every animation frame (fps measurement) instead of on demand. */
  continuous: boolean;
}

export interface ViewStats {
  backend: BackendName;
  software: boolean;
  fps: number;
  /** Mean CPU time of render() over the last second, ms. */
  renderMs: number;
  drawCalls: number;
  triangles: number;
  particles: number;
}

const THEMES = {
  // a mid-dark blue-grey (as ParaView's default): both ends of every colormap stand out from it
  dark: { background: 0x52576e, css: '#52576e', fg: '#f1f3f7', panel: 'rgba(20,23,28,0.6)', lines: 0xc3c8d4 },
  light: { background: 0xffffff, css: '#ffffff', fg: '#111418', panel: 'rgba(255,255,255,0.85)', lines: 0x59606b },
} as const;

/** "12.3 µN" */
function formatForce(n: number): string {
  const u = forceUnit(Math.abs(n));
  return `${Number((n * u.factor).toPrecision(3))} ${u.unit}`;
}

export class Viewer {
  readonly backend: BackendName;
  readonly software: boolean;
  readonly note: string;
  readonly maxSize: number;
  readonly renderer: THREE.WebGPURenderer;
  private readonly scene = new THREE.Scene();
  private readonly rig: CameraRig;
  private readonly particles: ParticleMesh | ImpostorMesh;
  private readonly furniture = new Furniture();
  private readonly network = new ForceNetwork();
  /** Copies of the last frame's network inputs, to re-threshold while paused. */
  private netData: { pos: Float32Array; pairs: Uint32Array; forces: Float32Array; n: number; m: number; step: number | null; box: { x: number; y: number } } | null = null;
  private readonly clipper = new Clipper();
  private readonly headlight = new THREE.DirectionalLight(0xffffff, 1.6);
  private readonly overlay: HTMLCanvasElement;
  private settings: ViewSettings;
  private readonly pacer: GpuPacer;
  private dirty = true;
  private paused = false;
  private lastFrame: FrameEvent | null = null;
  private scalar: Float32Array = new Float32Array(0);
  private count = 0;
  private domain = new THREE.Vector3(100, 100, 100); // µm
  private bedTop = 0; // µm
  /** Current colour range in SI and its display unit. */
  private range: [number, number] = [0, 1];
  private unit: DisplayUnit = { unit: '', factor: 1 };
  private lutName: ColormapName | null = null;
  private lut: Float32Array = new Float32Array(0);
  private fpsFrames = 0;
  private fpsStart = performance.now();
  private renderTime = 0;
  private stats: ViewStats;
  onStats: ((s: ViewStats) => void) | null = null;
  /** The view lacks the radii of the current slot order: the page asks the worker to re-send them. */
  onNeedRadii: (() => void) | null = null;
  /** count:layoutVersion of the cached radii (null: none for this run). */
  private radiiKey: string | null = null;
  private radiiAsked = -Infinity;
  /** Called after each render (the page hands frame buffers back then: frames follow the render rate). */
  onRendered: (() => void) | null = null;
  /** Called when the colour range changes (auto mode), with display values. */
  onRange: ((lo: number, hi: number, unit: DisplayUnit) => void) | null = null;

  private constructor(private readonly container: HTMLElement, info: Awaited<ReturnType<typeof createRenderer>>, settings: ViewSettings, capacity: number, spheres: SphereStyle) {
    this.renderer = info.renderer;
    this.backend = info.backend;
    this.software = info.software;
    this.note = info.note;
    this.maxSize = info.maxSize;
    this.settings = settings;
    this.pacer = new GpuPacer(this.renderer);
    const canvas = this.renderer.domElement;
    canvas.className = 'view-canvas';
    container.appendChild(canvas);
    this.overlay = document.createElement('canvas');
    this.overlay.className = 'view-overlay';
    container.appendChild(this.overlay);

    this.rig = new CameraRig(canvas, () => { this.invalidate(); this.onCamera?.(); });
    this.rig.controls.addEventListener('start', () => { this.userMoved = true; });
    this.particles = spheres === 'impostor' ? new ImpostorMesh(capacity) : new ParticleMesh(capacity, info.software);
    this.clipper.group.add(this.particles.group, this.network.group);
    this.scene.add(this.clipper.group, this.furniture.group);
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x404550, 1.1));
    this.scene.add(this.headlight, this.headlight.target);
    this.stats = { backend: this.backend, software: this.software, fps: 0, renderMs: 0, drawCalls: 0, triangles: 0, particles: 0 };

    new ResizeObserver(() => this.resizeToContainer()).observe(container);
    // a frame may block the page for a while on a software GPU: after any input, wait a moment
    // so that the input's effect (e.g. the worker's answer to Pause) is shown before the next frame
    for (const type of ['pointerdown', 'keydown', 'wheel'] as const) {
      window.addEventListener(type, () => { this.quietUntil = performance.now() + (this.software ? 250 : 0); }, { capture: true, passive: true });
    }
    this.resizeToContainer();
    this.apply(settings);
    this.rig.view('iso', this.bounds());
    this.renderer.setAnimationLoop(() => this.tick());
  }

  static async create(container: HTMLElement, request: BackendRequest, settings: ViewSettings, capacity: number,
    quality: 'auto' | 'high' | 'low' = 'auto', spheres: SphereStyle = 'mesh'): Promise<Viewer> {
    const info = await createRenderer(request, quality);
    return new Viewer(container, info, settings, capacity, spheres);
  }

  // ---- data -------------------------------------------------------------------------------------

  /** A new run: forget the last frame; the next frames set the scene up. */
  reset(domain: { lx: number; ly: number; height: number }, capacity: number): void {
    this.domain.set(domain.lx * VIEW_SCALE, domain.ly * VIEW_SCALE, domain.height * VIEW_SCALE);
    this.furniture.setBox(this.domain.x, this.domain.y, this.domain.z);
    this.particles.ensureCapacity(capacity);
    this.lastFrame = null;
    this.count = 0;
    this.bedTop = 0;
    this.radiiKey = null;
    this.particles.setPositions(new Float32Array(0), 0);
    this.rig.view('iso', this.bounds());
    this.userMoved = false;
    this.invalidate();
  }

  /** Copies a frame into the instance buffers. The caller hands the buffers back afterwards. */
  applyFrame(f: FrameEvent): void {
    const n = f.count;
    const key = `${n}:${f.layoutVersion}`;
    if (f.radii) {
      this.particles.setRadii(new Float32Array(f.radii, 0, n));
      this.radiiKey = key;
    } else if (key !== this.radiiKey && n > 0) {
      // radii for this slot order never arrived (frames sent before this view existed, or a
      // new run): ask again, at most twice a second
      const now = performance.now();
      if (now - this.radiiAsked > 500) { this.radiiAsked = now; this.onNeedRadii?.(); }
    }
    this.particles.setPositions(new Float32Array(f.positions, 0, 3 * n), n);
    if (f.scalar) {
      if (this.scalar.length < n) this.scalar = new Float32Array(Math.max(n, 2 * this.scalar.length));
      this.scalar.set(new Float32Array(f.scalar, 0, n));
    }
    this.count = n;
    this.domain.set(f.boxX * VIEW_SCALE, f.boxY * VIEW_SCALE, f.boxZ * VIEW_SCALE);
    this.furniture.setBox(this.domain.x, this.domain.y, this.domain.z);
    this.furniture.setPlaten(f.platenZ === null ? null : f.platenZ * VIEW_SCALE);
    this.bedTop = f.metrics.bedHeight * VIEW_SCALE;
    if (this.settings.network.enabled && f.contactPairs && f.contactForces) {
      const m = f.contactCount;
      this.netData = {
        pos: new Float32Array(f.positions, 0, 3 * n).slice(), pairs: new Uint32Array(f.contactPairs, 0, 2 * m).slice(),
        forces: new Float32Array(f.contactForces, 0, m).slice(), n, m, step: f.contactStep, box: { x: f.boxX, y: f.boxY },
      };
      this.updateNetwork();
    } else if (!this.settings.network.enabled || f.contactStep === null) {
      this.netData = null;
      this.network.clear();
    }
    this.lastFrame = { ...f, positions: new ArrayBuffer(0), radii: null, scalar: null, contactPairs: null, contactForces: null };
    this.recolor();
    this.applyVisibility();
  }

  private updateNetwork(): void {
    const d = this.netData;
    if (!d || !this.settings.network.enabled) { this.network.clear(); return; }
    this.network.update(d.pos, this.particles.radiiArray, d.n, d.pairs, d.forces, d.m, d.box, this.settings.network, d.step);
  }

  /** What the force network shows (contacts, drawn, mean/max force N, capture step). */
  get networkStats() { return this.network.stats; }

  /** The field the last frame carried. */
  get frameField(): ColorField | null { return this.lastFrame?.field ?? null; }

  private recolor(): void {
    const s = this.settings, n = this.count;
    const f = this.lastFrame?.field ?? 'none';
    const values = f !== 'none' && f === s.field ? this.scalar : null;
    if (this.lutName !== s.colormap) { this.lut = linearLut(s.colormap); this.lutName = s.colormap; }
    if (values) {
      let lo: number, hi: number;
      if (s.rangeMode === 'fixed' && s.fixedUnit) {
        lo = s.min / s.fixedUnit.factor; hi = s.max / s.fixedUnit.factor;
        this.unit = s.fixedUnit;
      } else {
        const col = f === 'column' ? this.column : null;
        [lo, hi] = autoRange(values, n, f === 'coordination' || (!!col && (col.name === 'id' || col.name === 'type')));
        if (DIVERGING.has(s.colormap) && lo < 0 && hi > 0) { const m = Math.max(-lo, hi); lo = -m; hi = m; }
        if (lo !== this.ownRange[0] || hi !== this.ownRange[1] || f !== this.ownRangeField) {
          this.ownRange = [lo, hi];
          this.ownRangeField = f;
          this.onOwnRange?.(f, lo, hi);
        }
        // compare mode: one colour range for both views (the union of their own ranges)
        if (this.sharedRange && this.sharedRange.field === f) [lo, hi] = [this.sharedRange.lo, this.sharedRange.hi];
        const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
        this.unit = col ? columnUnit(col.unit, maxAbs) : displayUnit(f, maxAbs);
        this.onRange?.(lo * this.unit.factor, hi * this.unit.factor, this.unit);
      }
      this.range = [lo, hi];
    }
    this.particles.setColors(values, n, this.range[0], this.range[1], this.lut);
    this.drawOverlay();
    this.invalidate();
  }

  /**
   * The imported file's column that field 'column' shows (name and SI unit); set by the page with
   * each file frame, null for simulation runs.
   */
  column: { name: string; unit: string } | null = null;

  /** This view's own automatic range (SI) and the field it is for. */
  private ownRange: [number, number] = [NaN, NaN];
  private ownRangeField: ColorField | null = null;
  /** This view's own automatic range (SI), whatever range it shows. */
  get ownAutoRange(): { field: ColorField | null; lo: number; hi: number } { return { field: this.ownRangeField, lo: this.ownRange[0], hi: this.ownRange[1] }; }
  /** Called when this view's own automatic range changes (SI). */
  onOwnRange: ((field: ColorField, lo: number, hi: number) => void) | null = null;
  private sharedRange: { field: ColorField; lo: number; hi: number } | null = null;
  /** Compare mode: use this auto range (SI) instead of the view's own while colouring by `field`. */
  setSharedRange(r: { field: ColorField; lo: number; hi: number } | null): void {
    const same = r === this.sharedRange || (!!r && !!this.sharedRange && r.field === this.sharedRange.field && r.lo === this.sharedRange.lo && r.hi === this.sharedRange.hi);
    if (same) return;
    this.sharedRange = r;
    this.recolor();
  }
  /** Called when the user (or a preset view) moves the camera. */
  onCamera: (() => void) | null = null;

  // ---- settings ---------------------------------------------------------------------------------

  apply(settings: ViewSettings): void {
    const fieldChanged = settings.field !== this.settings.field;
    this.settings = settings;
    const theme = THEMES[settings.theme];
    this.scene.background = new THREE.Color(theme.background);
    this.furniture.setLineColor(theme.lines);
    this.clipper.apply(settings.clip);
    this.particles.setDoubleSided(settings.clip.enabled);
    this.particles.setAppearance(settings.network.enabled ? settings.network.particles : 'solid');
    this.network.setColor(settings.theme === 'light' ? 0xc2410c : 0xff7043);
    this.updateNetwork();
    this.rig.setProjection(settings.projection);
    if (this.particles instanceof ImpostorMesh) this.particles.setOrthographic(settings.projection === 'orthographic');
    this.applyVisibility();
    if (fieldChanged) this.range = [0, 1];
    this.recolor();
  }

  private applyVisibility(): void {
    this.furniture.show(this.settings.show);
  }

  // ---- camera -----------------------------------------------------------------------------------

  /**
   * The box the camera fits: the periodic cell from the collector up to the bed top, and up to
   * the platen when the platen is near the bed (pressing); the whole domain before particles exist.
   */
  bounds(): THREE.Box3 {
    const f = this.lastFrame;
    let top = this.domain.z;
    if (f && f.count > 0) {
      const platen = f.platenZ === null ? Infinity : f.platenZ * VIEW_SCALE;
      top = platen <= 1.5 * this.bedTop ? Math.max(this.bedTop, platen) : 1.1 * this.bedTop;
      top = Math.min(this.domain.z, top);
    }
    return new THREE.Box3(new THREE.Vector3(0, 0, 0), new THREE.Vector3(this.domain.x, this.domain.y, Math.max(1, top)));
  }

  view(preset: ViewPreset): void { this.rig.view(preset, this.bounds()); this.userMoved = false; this.invalidate(); }
  fit(): void { this.rig.fit(this.bounds()); this.userMoved = false; this.invalidate(); }

  /** The camera (µm), for share links. */
  getCamera(): ReturnType<CameraRig['getState']> { return this.rig.getState(); }
  /** Puts the camera where a share link says; later protocol steps do not re-frame it. */
  setCamera(c: ReturnType<CameraRig['getState']>): void {
    this.settings.projection = c.projection;
    this.rig.setState(c);
    this.userMoved = true;
    this.drawOverlay();
    this.invalidate();
  }

  /** The user has orbited/zoomed since the last preset view or fit: leave the camera alone. */
  private userMoved = false;
  /** Re-frames the scene (e.g. when a protocol step starts) unless the user has moved the camera. */
  autoFit(): void { if (!this.userMoved && this.count > 0) this.fit(); }

  // ---- drawing ----------------------------------------------------------------------------------

  invalidate(): void { this.dirty = true; }

  private resizeToContainer(): void {
    const w = Math.max(1, this.container.clientWidth), h = Math.max(1, this.container.clientHeight);
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.renderer.setSize(w, h, false);
    this.rig.setAspect(w / h);
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    this.overlay.width = Math.round(w * dpr);
    this.overlay.height = Math.round(h * dpr);
    this.drawOverlay();
    this.invalidate();
  }

  /** Renders so far (tests wait for the next one). */
  renderCount = 0;

  private renderNow(): void {
    this.renderCount++;
    const cam = this.rig.camera;
    this.headlight.position.copy(cam.position);
    this.headlight.target.position.copy(this.rig.controls.target);
    const t0 = performance.now();
    this.renderer.render(this.scene, cam);
    this.renderTime += performance.now() - t0;
    // the animation loop resets renderer.info every tick: read it right after the render
    const info = this.renderer.info.render as unknown as { drawCalls?: number; triangles?: number };
    this.lastDrawCalls = info.drawCalls ?? 0;
    this.lastTriangles = info.triangles ?? 0;
  }
  private lastDrawCalls = 0;
  private lastTriangles = 0;

  /** Input priority: no render starts until then (ms), so a click's effects land first. */
  private quietUntil = 0;
  private lastRenderStart = -Infinity;
  private renderedLastTick = false;
  /** Main-thread time of the last frame, ms: the browser blocks while the GPU draws it (long on software GPUs). */
  private frameCost = 0;

  private tick(): void {
    const now = performance.now();
    this.updateStats(now);
    if (this.renderedLastTick) { this.frameCost = now - this.lastRenderStart; this.renderedLastTick = false; }
    if (this.paused || now < this.quietUntil) return;
    // software rasterisers block the page for the whole draw: keep at least half the time free
    if (this.software && now - this.lastRenderStart < 2 * this.frameCost) return;
    if ((this.dirty || this.settings.continuous) && !this.pacer.busy) {
      this.dirty = false;
      this.lastRenderStart = now;
      this.renderedLastTick = true;
      this.renderNow();
      this.pacer.submitted();
      this.fpsFrames++;
      this.onRendered?.();
      // the scale bar follows zoom
      if (this.settings.show.scaleBar) this.drawOverlay();
      this.recorder?.composite(this.recorderPane);
    }
  }

  private updateStats(now: number): void {
    if (now - this.fpsStart >= 1000) {
      const secs = (now - this.fpsStart) / 1000;
      this.stats = {
        backend: this.backend,
        software: this.software,
        fps: this.fpsFrames / secs,
        renderMs: this.fpsFrames > 0 ? this.renderTime / this.fpsFrames : 0,
        drawCalls: this.lastDrawCalls,
        triangles: this.lastTriangles,
        particles: this.count,
      };
      this.fpsFrames = 0;
      this.renderTime = 0;
      this.fpsStart = now;
      this.onStats?.(this.stats);
    }
  }

  /** The legend of the current colouring (null when colouring is uniform). */
  legend(): LegendSpec | null {
    const f = this.lastFrame?.field ?? 'none';
    if (f === 'none' || f !== this.settings.field || this.count === 0) return null;
    const u = this.unit;
    const diag = COLOR_FIELDS[f].diagnostic;
    const auto = this.settings.rangeMode === 'auto';
    const notes = [auto ? (f === 'coordination' ? 'auto range: min–max' : 'auto range: 1st–99th percentile') : 'fixed range'];
    if (auto && this.sharedRange?.field === f) notes[0] += ' of both scenes';
    if (diag) notes.push('≤ 500 steps old');
    const ns = this.network.stats;
    let net = '';
    if (this.settings.network.enabled) {
      net = (ns.step === null
        ? 'force network: waiting for the next diagnostic step'
        : `force network: |F| ≥ ${this.settings.network.threshold}·⟨F⟩ (${ns.drawn} of ${ns.contacts}), width ∝ |F|, max ${formatForce(ns.max)}`);
    }
    return {
      title: f === 'column' && this.column ? `${this.column.name}${this.column.unit === '?' ? ' (file column, unit unknown)' : ' (file column)'}` : fieldLabel(f),
      unit: u.unit,
      lo: this.range[0] * u.factor,
      hi: this.range[1] * u.factor,
      colormap: this.settings.colormap,
      note: notes.join('; ') + (net ? `\n${net}` : ''),
    };
  }

  private scaleBarLabel(): string {
    return this.rig.projection === 'perspective' ? '(at the centre)' : '';
  }

  private drawOverlay(): void {
    const ctx = this.overlay.getContext('2d');
    if (!ctx) return;
    const dpr = this.overlay.width / Math.max(1, this.container.clientWidth);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    const theme = THEMES[this.settings.theme];
    const style: DrawStyle = { fg: theme.fg, panel: theme.panel, scale: dpr, fontPx: this.fontPx() };
    // as in exports: legend bottom-right, scale bar bottom-left (the panels are beside the view)
    const spec = this.settings.show.legend ? this.legend() : null;
    const px = this.settings.show.scaleBar && this.count > 0 ? this.rig.pixelsPerUnit(this.overlay.height) : null;
    drawOverlays(ctx, this.overlay.width, this.overlay.height, style, spec, px, this.scaleBarLabel());
  }

  /** Overlay font size, CSS px: larger in the projector profile. */
  private fontPx(): number { return document.body.classList.contains('projector') ? 20 : 14; }

  /** Redraw overlays after a change of page style (projector profile). */
  refreshOverlay(): void { this.drawOverlay(); }

  // ---- export -----------------------------------------------------------------------------------

  /** The recording this view feeds (its own, or the one of the view that started it), and its pane there. */
  private recorder: CanvasRecorder | null = null;
  private recorderPane = 0;
  /** The views feeding the recording this view started (itself first). */
  private recordedViews: Viewer[] = [];
  get recording(): CanvasRecorder | null { return this.recorder; }

  /**
   * Starts a WebM recording of the view with its overlay (legend, scale bar). With `others` (compare
   * mode), the video shows this view and then each other one side by side, at this view's height;
   * each view copies its own picture into the video right after its own render.
   */
  startRecording(others: Viewer[] = []): CanvasRecorder {
    if (this.recorder) return this.recorder;
    const views = [this, ...others.filter((v) => v !== this)];
    const busy = views.find((v) => v.recorder);
    if (busy) throw new Error('A view is already being recorded.');
    const r = new CanvasRecorder(views.map((v) => ({ source: v.renderer.domElement, overlay: v.overlay })));
    views.forEach((v, i) => { v.recorder = r; v.recorderPane = i; v.invalidate(); });
    this.recordedViews = views;
    return r;
  }

  /** Stops the recording this view started; resolves with the WebM file. */
  async stopRecording(): Promise<{ blob: Blob; seconds: number; frames: number }> {
    const r = this.recorder;
    if (!r || this.recordedViews[0] !== this) throw new Error('Not recording.');
    for (const v of this.recordedViews) { v.recorder = null; v.recorderPane = 0; }
    this.recordedViews = [];
    const seconds = r.seconds;
    const blob = await r.stop();
    return { blob, seconds, frames: r.frames };
  }

  exportPng(req: ExportRequest): Promise<ExportResult> {
    const theme = () => THEMES[this.settings.theme];
    return exportPng(viewExportHost({
      renderer: this.renderer, maxSize: this.maxSize, container: this.container, scene: this.scene, rig: this.rig,
      renderNow: () => this.renderNow(),
      pause: (on) => { this.paused = on; if (!on) this.invalidate(); },
    }, {
      legend: () => this.legend(),
      pixelsPerMicron: (h) => this.rig.pixelsPerUnit(h),
      scaleBarLabel: () => this.scaleBarLabel(),
      style: () => ({ fg: theme().fg, panel: theme().panel, background: theme().css, fontPx: this.fontPx() }),
    }), req);
  }

  get particleCount(): number { return this.count; }
  get currentStats(): ViewStats { return this.stats; }
}
