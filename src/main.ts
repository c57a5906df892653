// Electrode Lab page: starts the simulation worker at once, builds the status card, plots and
// control panel, and lazy-loads the three.js viewer (its chunk is large) while the worker
// compiles the core. All worker traffic follows src/worker/messages.ts.
//
// URL parameters: ?preset=NAME (default pour-press-small), ?renderer=webgpu|webgl2,
// ?autoplay=0 (do not start on load), ?count=N (the benchmark scene with N spheres),
// ?continuous=1 (render every animation frame, for fps measurements), ?quality=high|low (MSAA and
// finer spheres even on software rasterisers / coarse everywhere; default: coarse on software).

import { benchScene, presets } from './scene/presets';
import {
  frameBuffers, type ColorField, type FrameEvent, type Scene, type WorkerCommand, type WorkerEvent,
} from './worker/messages';
import { Hud } from './ui/hud';
import { Plots, type PlotId } from './ui/plots';
import { ControlPanel, type ExportChoice } from './ui/gui';
import { download, stamp } from './ui/download';
import type { Viewer, ViewSettings, ViewStats } from './view/viewer';
import type { ExportRequest, ExportResult } from './view/export';
import type { BackendRequest } from './view/renderer';

const params = new URLSearchParams(location.search);
const DEFAULT_PRESET = 'pour-press-small';
const BENCH = 'bench-custom';
let presetName = params.get('preset') ?? DEFAULT_PRESET;
const benchCount = Number(params.get('count') ?? NaN);
if (Number.isInteger(benchCount) && benchCount > 0) presetName = BENCH;
const rendererRequest = (['webgpu', 'webgl2'].includes(params.get('renderer') ?? '') ? params.get('renderer') : 'auto') as BackendRequest;
const autoplay = params.get('autoplay') !== '0';
const quality = (['high', 'low'].includes(params.get('quality') ?? '') ? params.get('quality') : 'auto') as 'auto' | 'high' | 'low';

const hud = new Hud();
const plots = new Plots(document.getElementById('plots')!);

const settings: ViewSettings = {
  field: 'pressure',
  colormap: 'viridis',
  rangeMode: 'auto',
  min: 0,
  max: 1,
  fixedUnit: null,
  clip: { enabled: false, axis: 'y', position: 50, flip: true },
  show: { box: true, collector: true, platen: true, legend: true, scaleBar: true },
  projection: 'perspective',
  theme: 'dark',
  continuous: params.get('continuous') === '1',
};

let viewer: Viewer | null = null;
let loadedScene: Scene | null = null;
/** Auto-play once the scene that is loading now is ready (not after Reset). */
let playWhenReady = autoplay;
let running = false;
let lastProtocolIndex = 0;

// ---- worker -------------------------------------------------------------------------------------

const worker = new Worker(new URL('./worker/sim.worker.ts', import.meta.url), { type: 'module' });
function send(cmd: WorkerCommand, transfer: Transferable[] = []): void {
  worker.postMessage(cmd, transfer);
}

/** Buffers of frames already copied into the view, handed back after the next render (ping-pong). */
let held: ArrayBuffer[][] = [];
function releaseHeld(): void {
  for (const buffers of held) send({ type: 'release', buffers }, buffers);
  held = [];
}

function onFrame(f: FrameEvent): void {
  try {
    hud.metrics(f.metrics);
    viewer?.applyFrame(f);
  } finally {
    held.push(frameBuffers(f));
    if (!viewer) releaseHeld();
  }
}

worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
  const ev = e.data;
  switch (ev.type) {
    case 'ready':
      loadedScene = ev.scene;
      lastProtocolIndex = 0;
      hud.ready(ev.count);
      plots.clear();
      panel.setScene(ev.scene, presetName);
      viewer?.reset(ev.scene.domain, ev.count);
      panel.setRunning(false, true);
      if (playWhenReady) {
        playWhenReady = false;
        play();
      }
      break;
    case 'progress':
      // a new protocol step (pour done, pressing, …): frame the bed again unless the user moved the camera
      if (ev.protocolIndex !== lastProtocolIndex) {
        lastProtocolIndex = ev.protocolIndex;
        viewer?.autoFit();
      }
      hud.progress(ev);
      plots.add(ev.samples);
      running = ev.running;
      panel.setRunning(ev.running, !ev.done && hud.state !== 'error');
      break;
    case 'frame':
      onFrame(ev);
      break;
    case 'hash':
      hud.hash(ev.hash, ev.step);
      break;
    case 'error':
      hud.showError(ev.message);
      break;
  }
};
worker.onerror = (e: ErrorEvent) => {
  e.preventDefault();
  hud.showError(`The simulation worker failed: ${e.message || 'it could not be started (see the browser console)'}`);
};
worker.onmessageerror = () => hud.showError('A message from the simulation worker could not be read.');

// ---- actions ------------------------------------------------------------------------------------

function play(): void {
  hud.started();
  send({ type: 'play' });
}
function playPause(): void {
  if (running || hud.state === 'running') send({ type: 'pause' });
  else play();
}
function stepOnce(): void {
  hud.started();
  send({ type: 'runSteps', n: 500 });
}
function reset(): void {
  hud.clearError();
  hud.el.hash.textContent = '—';
  hud.setState('loading', 'Resetting…');
  send({ type: 'reset' });
}

function sceneFor(name: string): Scene {
  if (name === BENCH) return benchScene(benchCount);
  const p = presets.get(name);
  if (!p) throw new Error(`Unknown preset "${name}". Known: ${[...presets.keys()].join(', ')}.`);
  return p.build();
}
function titleFor(name: string): { title: string; description: string } {
  if (name === BENCH) return { title: `Benchmark scene (${benchCount.toLocaleString('en-US')} spheres)`, description: 'benchScene(N) from src/scene/presets.ts' };
  return presets.get(name) ?? { title: name, description: '' };
}

function loadPreset(name: string): void {
  try {
    const scene = sceneFor(name);
    presetName = name;
    const t = titleFor(name);
    hud.el.scene.textContent = t.title;
    hud.el.scene.title = t.description;
    hud.setState('loading');
    playWhenReady = autoplay;
    send({ type: 'load', scene });
  } catch (err) {
    hud.showError(err instanceof Error ? err.message : String(err));
  }
}

const EXPORT_SCALE: Record<ExportChoice['size'], number | null> = { '1×': 1, '2×': 2, '4×': 4, custom: null };

async function exportPng(req: ExportRequest): Promise<ExportResult> {
  if (!viewer) throw new Error('The 3-D view is still loading.');
  return viewer.exportPng(req);
}

let lastField: ColorField | null = null;
function settingsChanged(): void {
  viewer?.apply(settings);
  if (settings.field !== lastField) {
    lastField = settings.field;
    send({ type: 'setField', field: settings.field });
  }
  plots.setTheme(settings.theme, document.body.classList.contains('projector'));
}

function setPanels(p: { plots: boolean; perf: boolean }): void {
  document.getElementById('plots')!.hidden = !p.plots;
  hud.el.perf.hidden = !p.perf;
}

const panel = new ControlPanel(settings, {
  presets: [...[...presets.entries()].map(([k, p]) => [k, p.title] as [string, string]),
    ...(presetName === BENCH ? [[BENCH, titleFor(BENCH).title] as [string, string]] : [])],
  onPreset: loadPreset,
  onPlayPause: playPause,
  onStep: stepOnce,
  onReset: reset,
  onSettings: settingsChanged,
  onView: (v) => (v === 'fit' ? viewer?.fit() : viewer?.view(v)),
  onProjector: (on) => {
    document.body.classList.toggle('projector', on);
    viewer?.refreshOverlay();
  },
  onPanels: setPanels,
  onExport: (c) => {
    const req: ExportRequest = {
      scale: EXPORT_SCALE[c.size], width: c.width, height: c.height,
      transparent: c.transparent, title: c.title, legend: c.legend, scaleBar: c.scaleBar,
    };
    hud.el.footer.textContent = 'Rendering the PNG…';
    exportPng(req)
      .then((r) => {
        download(r.blob, `electrode-lab-${presetName}-${stamp()}-${r.width}x${r.height}.png`);
        hud.el.footer.textContent = r.note || `Saved a ${r.width} × ${r.height} PNG.`;
      })
      .catch((err: Error) => hud.showError(`PNG export failed: ${err.message}`));
  },
}, presetName, document.getElementById('gui')!);

hud.el.play.addEventListener('click', playPause);
hud.el.stepOnce.addEventListener('click', stepOnce);
hud.el.reset.addEventListener('click', reset);
for (const id of ['phiTime', 'pressurePhi'] as PlotId[]) {
  const box = document.querySelector(`[data-plot="${id}"]`)!;
  box.querySelector('.png')!.addEventListener('click', () => {
    plots.png(id).then((b) => download(b, `electrode-lab-${id}-${stamp()}.png`)).catch((err: Error) => hud.showError(err.message));
  });
  box.querySelector('.csv')!.addEventListener('click', () => download(plots.csv(id), `electrode-lab-${id}-${stamp()}.csv`));
}

function showStats(s: ViewStats): void {
  const backend = `${s.backend === 'webgpu' ? 'WebGPU' : 'WebGL2'}${s.software ? ' (software)' : ''}`;
  hud.el.backend.textContent = backend;
  hud.el.perf.dataset.fps = s.fps.toFixed(1);
  const rate = s.fps > 0 ? `${s.fps.toFixed(1)} fps · ${s.renderMs.toFixed(1)} ms/render` : 'idle (draws on change)';
  hud.el.perf.querySelector('.stats')!.textContent =
    `${rate} · ${s.drawCalls} draw calls · ${s.particles.toLocaleString('en-US')} particles`;
}

// ---- start --------------------------------------------------------------------------------------

loadPreset(presetName);
send({ type: 'setField', field: settings.field });
lastField = settings.field;

hud.el.footer.textContent = crossOriginIsolated
  ? 'Cross-origin isolated.'
  : 'Not cross-origin isolated (frames are transferred, so the lab works anyway).';

const viewReady = import('./view/viewer')
  .then(async ({ Viewer }) => {
    const v = await Viewer.create(document.getElementById('view')!, rendererRequest, settings, hud.sceneCount || 1500, quality);
    viewer = v;
    if (loadedScene) v.reset(loadedScene.domain, hud.sceneCount);
    v.onStats = showStats;
    v.onRendered = releaseHeld;
    v.onNeedRadii = () => send({ type: 'setField', field: settings.field });
    v.onRange = (lo, hi, unit) => panel.showRange(lo, hi, unit);
    hud.el.backend.textContent = `${v.backend === 'webgpu' ? 'WebGPU' : 'WebGL2'}${v.software ? ' (software)' : ''}`;
    hud.el.backend.dataset.backend = v.backend;
    if (v.note) hud.el.footer.textContent = v.note;
    // a fresh frame with radii for the new view
    send({ type: 'setField', field: settings.field });
    return v;
  })
  .catch((err: Error) => {
    hud.el.backend.textContent = 'none';
    hud.showError(`The 3-D view could not start: ${err.message}`);
    return null;
  });

// Debug/test hook: the console and the e2e tests speak the worker contract and the view through it.
declare global {
  interface Window {
    electrodeLab: {
      send(cmd: WorkerCommand): void;
      preset: () => string;
      settings: ViewSettings;
      apply(): void;
      viewReady: Promise<unknown>;
      stats(): ViewStats | null;
      sampleCount(): number;
      /** Renders so far, the current legend and the view size (CSS px), or null before the view runs. */
      renders(): number;
      redraw(): void;
      legend(): { title: string; unit: string; lo: number; hi: number } | null;
      viewSize(): { w: number; h: number };
      exportPng(req: ExportRequest): Promise<{ width: number; height: number; note: string; base64: string }>;
    };
  }
}
window.electrodeLab = {
  send: (cmd) => send(cmd),
  preset: () => presetName,
  settings,
  apply: settingsChanged,
  viewReady,
  stats: () => viewer?.currentStats ?? null,
  sampleCount: () => plots.sampleCount,
  renders: () => viewer?.renderCount ?? 0,
  redraw: () => viewer?.invalidate(),
  legend: () => viewer?.legend() ?? null,
  viewSize: () => {
    const el = document.getElementById('view')!;
    return { w: el.clientWidth, h: el.clientHeight };
  },
  async exportPng(req) {
    const r = await exportPng(req);
    const bytes = new Uint8Array(await r.blob.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { width: r.width, height: r.height, note: r.note, base64: btoa(bin) };
  },
};
