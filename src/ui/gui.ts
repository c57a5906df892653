// The control panel (lil-gui): presets, run controls, colouring, clipping, visibility, camera,
// display profile, PNG export and the read-only scene parameters. It edits a settings object and
// calls the handlers; it knows nothing of three.js or the worker.

import GUI, { type Controller } from 'lil-gui';
import { SIM_COLOR_FIELD_NAMES, COLOR_FIELDS, type ColorField, type Scene } from '../worker/messages';
import { COLORMAP_NAMES } from '../view/colormaps';
import type { ViewSettings } from '../view/viewer';
import type { ViewPreset } from '../view/camera';
import type { DisplayUnit } from '../view/units';
import { sceneDescriptor } from '../scene/schema';
import { ParamEditor } from './params';

export interface ExportChoice {
  size: '1×' | '2×' | '4×' | 'custom';
  width: number;
  height: number;
  transparent: boolean;
  title: string;
  legend: boolean;
  scaleBar: boolean;
}

export interface GuiHandlers {
  presets: Array<[name: string, title: string]>;
  onPreset(name: string): void;
  onPlayPause(): void;
  onStep(): void;
  onReset(): void;
  /** Any view setting changed (settings object already updated). */
  onSettings(): void;
  onView(preset: ViewPreset | 'fit'): void;
  onProjector(on: boolean): void;
  onPanels(p: { plots: boolean; perf: boolean }): void;
  onExport(choice: ExportChoice): void;
  /** Start (true) or stop and save (false) a WebM recording of the view. */
  onRecord(start: boolean): void;
  /** Download the particles in a format, or the scene as JSON. */
  onExportData(what: 'csv' | 'dump' | 'vtp' | 'scene'): void;
  /** The parameter editor's Apply: load this (validated) scene. */
  onApplyScene(scene: Scene): void;
}

export class ControlPanel {
  readonly gui: GUI;
  private readonly state: {
    preset: string; projector: boolean; plots: boolean; perf: boolean;
    rangeMin: number; rangeMax: number; clipMax: number;
  };
  private readonly exportChoice: ExportChoice = {
    size: '4×', width: 3840, height: 2160, transparent: false, title: '', legend: true, scaleBar: true,
  };
  private minC: Controller;
  private maxC: Controller;
  private posC: Controller;
  private playC: Controller;
  private recordC!: Controller;
  private recording = false;
  readonly params: ParamEditor;
  private paramFolder!: GUI;
  private domain = { x: 100, y: 100, z: 400 }; // µm

  constructor(private readonly settings: ViewSettings, private readonly h: GuiHandlers, preset: string, container?: HTMLElement) {
    this.gui = new GUI({ title: 'Electrode Lab', container, width: 300 });
    this.state = { preset, projector: false, plots: true, perf: true, rangeMin: 0, rangeMax: 1, clipMax: 100 };
    const s = settings;
    const changed = () => h.onSettings();

    // ---- simulation
    const sim = this.gui.addFolder('Simulation');
    const presetOptions = Object.fromEntries(h.presets.map(([name, title]) => [title, name]));
    sim.add(this.state, 'preset', presetOptions).name('preset').onChange((v: string) => h.onPreset(v));
    const actions = {
      playPause: () => h.onPlayPause(),
      step: () => h.onStep(),
      reset: () => h.onReset(),
    };
    this.playC = sim.add(actions, 'playPause').name('▶ Play');
    sim.add(actions, 'step').name('Step (500 steps)');
    sim.add(actions, 'reset').name('Reset');

    // ---- colour
    const col = this.gui.addFolder('Colour');
    const fields = Object.fromEntries(SIM_COLOR_FIELD_NAMES.map((f) => [COLOR_FIELDS[f].label, f]));
    col.add(s, 'field', fields).name('colour by').onChange(() => {
      s.rangeMode = 'auto';
      s.fixedUnit = null;
      this.syncRange();
      changed();
    });
    col.add(s, 'colormap', COLORMAP_NAMES).name('colormap').onChange(changed);
    col.add(s, 'rangeMode', { 'auto (percentiles)': 'auto', fixed: 'fixed' }).name('range').onChange((m: string) => {
      if (m === 'fixed') {
        // freeze the current auto range in its current unit
        s.min = this.state.rangeMin;
        s.max = this.state.rangeMax;
        s.fixedUnit = this.lastUnit;
      } else {
        s.fixedUnit = null;
      }
      this.syncRange();
      changed();
    });
    this.minC = col.add(this.state, 'rangeMin').name('min').onFinishChange((v: number) => { s.min = v; changed(); });
    this.maxC = col.add(this.state, 'rangeMax').name('max').onFinishChange((v: number) => { s.max = v; changed(); });

    // ---- clipping
    const clip = this.gui.addFolder('Clipping plane');
    clip.add(s.clip, 'enabled').name('cut').onChange(changed);
    clip.add(s.clip, 'axis', ['x', 'y', 'z']).name('normal').onChange(() => { this.syncClip(); changed(); });
    this.posC = clip.add(s.clip, 'position', 0, 100, 0.1).name('position [µm]').onChange(changed);
    clip.add(s.clip, 'flip').name('keep the + side').onChange(changed);
    clip.domElement.title = 'Cuts the particles (not the box) with a plane normal to x, y or z at the given position; the default keeps y ≥ 50 µm, so the iso view looks at the cut face.';

    // ---- contact-force network
    const net = this.gui.addFolder('Force network');
    net.add(s.network, 'enabled').name('show contact forces').onChange(changed);
    net.add(s.network, 'threshold', 0, 5, 0.1).name('draw |F| ≥ k·⟨F⟩, k').onChange(changed);
    net.add(s.network, 'maxWidth', 0.05, 1, 0.05).name('max width [radii]').onChange(changed);
    net.add(s.network, 'particles', ['ghost', 'solid', 'hidden']).name('particles').onChange(changed);
    net.domElement.title = 'Particle–particle contacts as cylinders between centres, width ∝ |F|, from the last diagnostic step (every 500 steps). Contacts above the mean force carry the load (Radjai et al. 1998).';
    net.close();

    // ---- show / hide
    const show = this.gui.addFolder('Show');
    show.add(s.show, 'box').name('periodic box').onChange(changed);
    show.add(s.show, 'collector').name('collector (z = 0)').onChange(changed);
    show.add(s.show, 'platen').name('platen').onChange(changed);
    show.add(s.show, 'legend').name('legend').onChange(changed);
    show.add(s.show, 'scaleBar').name('scale bar').onChange(changed);
    show.add(this.state, 'plots').name('plots').onChange(() => h.onPanels(this.state));
    show.add(this.state, 'perf').name('performance').onChange(() => h.onPanels(this.state));
    show.close();

    // ---- camera
    const cam = this.gui.addFolder('Camera');
    cam.add(s, 'projection', ['perspective', 'orthographic']).name('projection').onChange(changed);
    const views = {
      iso: () => h.onView('iso'), side: () => h.onView('side'), front: () => h.onView('front'),
      top: () => h.onView('top'), fit: () => h.onView('fit'),
    };
    cam.add(views, 'iso').name('iso view');
    cam.add(views, 'side').name('side view (from +x)');
    cam.add(views, 'front').name('front view (from −y)');
    cam.add(views, 'top').name('top view');
    cam.add(views, 'fit').name('fit to scene');
    cam.close();

    // ---- display
    const disp = this.gui.addFolder('Display');
    disp.add(this.state, 'projector').name('projector profile').onChange((v: boolean) => {
      s.theme = v ? 'light' : 'dark';
      this.gui.controllersRecursive().forEach((c) => c.updateDisplay());
      h.onProjector(v);
      changed();
    });
    disp.add(s, 'theme', ['dark', 'light']).name('background').onChange(changed);
    disp.add(s, 'continuous').name('render every frame (fps test)').onChange(changed);
    disp.close();

    // ---- export
    const ex = this.gui.addFolder('Export PNG');
    const e = this.exportChoice;
    ex.add(e, 'size', ['1×', '2×', '4×', 'custom']).name('size');
    ex.add(e, 'width', 16, 7680, 1).name('custom width [px]');
    ex.add(e, 'height', 16, 4320, 1).name('custom height [px]');
    ex.add(e, 'transparent').name('transparent background');
    ex.add(e, 'legend').name('legend');
    ex.add(e, 'scaleBar').name('scale bar');
    ex.add(e, 'title').name('title');
    ex.add({ save: () => h.onExport({ ...e }) }, 'save').name('Save PNG');
    ex.close();

    // ---- video
    const vid = this.gui.addFolder('Record video');
    const rec = { toggle: () => h.onRecord(!this.recording) };
    this.recordC = vid.add(rec, 'toggle').name('● Record WebM');
    vid.domElement.title = 'Records the 3-D view with its legend and scale bar (never the GUI) as WebM at the view\'s frame rate.';
    vid.close();

    // ---- data export
    const data = this.gui.addFolder('Export data');
    const d = {
      csv: () => h.onExportData('csv'), dump: () => h.onExportData('dump'),
      vtp: () => h.onExportData('vtp'), scene: () => h.onExportData('scene'),
    };
    data.add(d, 'csv').name('Particles: CSV');
    data.add(d, 'dump').name('Particles: LIGGGHTS dump');
    data.add(d, 'vtp').name('Particles: VTK .vtp (ParaView)');
    data.add(d, 'scene').name('Scene: JSON');
    data.domElement.title = 'SI units; particles in stable-id order with velocities and the diagnostic fields (≤ 500 steps old). The scene JSON is what the CLI runs: npx electrode-lab run scene.json';
    data.close();

    // ---- scene parameters (editable, from the schema)
    const pf = this.gui.addFolder('Scene parameters');
    pf.domElement.title = 'Every parameter of the scene with its unit, range and source (hover); edits are checked by the scene validator, Apply reloads the scene.';
    this.params = new ParamEditor(pf, (scene) => h.onApplyScene(scene), sceneDescriptor);
    this.paramFolder = pf;
    pf.close();

    this.syncRange();
  }

  private lastUnit: DisplayUnit | null = null;

  /** The range the view is using (auto mode), in display units. */
  showRange(lo: number, hi: number, unit: DisplayUnit): void {
    this.lastUnit = unit;
    if (this.settings.rangeMode !== 'auto') return;
    this.state.rangeMin = Number(lo.toPrecision(4));
    this.state.rangeMax = Number(hi.toPrecision(4));
    this.minC.updateDisplay();
    this.maxC.updateDisplay();
    this.labelRange(unit);
  }

  private labelRange(unit: DisplayUnit | null): void {
    const u = unit?.unit ? ` [${unit.unit}]` : '';
    this.minC.name(`min${u}`);
    this.maxC.name(`max${u}`);
  }

  private syncRange(): void {
    const fixed = this.settings.rangeMode === 'fixed';
    this.minC.disable(!fixed);
    this.maxC.disable(!fixed);
    if (fixed) {
      this.state.rangeMin = this.settings.min;
      this.state.rangeMax = this.settings.max;
      this.labelRange(this.settings.fixedUnit);
      this.minC.updateDisplay();
      this.maxC.updateDisplay();
    }
    this.gui.controllersRecursive().forEach((c) => c.updateDisplay());
  }

  /** Slider range = the box along the axis; the plane starts in the middle. */
  private syncClip(): void {
    const max = this.domain[this.settings.clip.axis];
    this.posC.min(0).max(Number(max.toFixed(2)));
    this.settings.clip.position = Number((max / 2).toFixed(2));
    this.posC.updateDisplay();
  }

  /** A scene was loaded: clip ranges and the parameter panel follow it. */
  setScene(scene: Scene, name: string, keepClip = false): void {
    this.domain = { x: scene.domain.lx * 1e6, y: scene.domain.ly * 1e6, z: scene.domain.height * 1e6 };
    this.state.preset = name;
    if (keepClip) this.posC.min(0).max(Number(this.domain[this.settings.clip.axis].toFixed(2)));
    else this.syncClip();
    this.params.setScene(scene);
    this.gui.controllersRecursive().forEach((c) => c.updateDisplay());
    this.h.onSettings();
  }

  setRecording(on: boolean): void {
    this.recording = on;
    this.recordC.name(on ? '■ Stop and save WebM' : '● Record WebM');
  }

  /** The settings object was changed from outside (a share link): show its values. */
  refresh(): void {
    this.syncRange();
    this.gui.controllersRecursive().forEach((c) => c.updateDisplay());
  }

  setRunning(running: boolean, enabled: boolean): void {
    this.playC.name(running ? '❚❚ Pause' : '▶ Play');
    this.playC.disable(!enabled);
  }

  get panels(): { plots: boolean; perf: boolean } { return this.state; }

  /** Compare mode: the editor applies to the left (main) scene; its folder says so. */
  markEditorForLeftScene(): void {
    this.paramFolder.title('Scene parameters (left scene)');
    this.paramFolder.domElement.title = 'Every parameter of the left scene with its unit, range and source (hover); Apply reloads the left scene only — the right scene keeps its preset.';
  }
}

export type { ColorField };
