// Electrode Lab page: starts the simulation worker at once, builds the status card, plots and
// control panel, and lazy-loads the three.js viewer (its chunk is large) while the worker
// compiles the core. All worker traffic follows src/worker/messages.ts.
//
// URL parameters: ?preset=NAME (default calendering-wide), ?renderer=webgpu|webgl2,
// share links (?scene= ?seed= ?cam= ?field= ?cmap= ?clip=, see src/share/url-state.ts),
// ?autoplay=0 (do not start on load), ?count=N (the benchmark scene with N spheres),
// ?continuous=1 (render every animation frame, for fps measurements), ?quality=high|low (MSAA and
// finer spheres even on software rasterisers / coarse everywhere; default: coarse on software).

import { benchScene, presets } from './scene/presets';
import { exportPair } from './view/export-pair';
import { linkCameras } from './view/camera-link';
import { encodeBase64 } from './io/base64';
import { forceUnit } from './view/units';
import { INTERLAYER_PRESET_NAMES, SAVED_SCAFFOLD_PRESETS, interlayerPreset } from './interlayer/presets';
import {
  frameBuffers, type ColorField, type FrameEvent, type Scene, type WorkerCommand, type WorkerEvent,
} from './worker/messages';
import { Hud } from './ui/hud';
import { Plots, PLOT_IDS } from './ui/plots';
import { ControlPanel, type ExportChoice } from './ui/gui';
import { download, stamp } from './ui/download';
import type { Viewer, ViewSettings, ViewStats } from './view/viewer';
import type { ExportRequest, ExportResult } from './view/export';
import type { BackendRequest } from './view/renderer';
import { decodeShare, encodeShare, matchingPreset, type CameraState } from './share/url-state';
import { SIM_COLOR_FIELD_NAMES, PARTICLE_FORMATS, type ParticleFormat } from './worker/messages';
import { COLORMAP_NAMES, type ColormapName } from './view/colormaps';
import { TOURS, Tour, type TourStep } from './ui/tour';
import { Companion } from './ui/companion';
import { PsdPanel } from './ui/psd-panel';
import { SweepPanel } from './ui/sweep-panel';
import { FilePanel } from './ui/file-panel';
import type { FileCommand, FileEvent, FileFrameEvent } from './worker/messages';

const params = new URLSearchParams(location.search);
const DEFAULT_PRESET = 'calendering-wide';
/** ?preset=<an interlayer preset> switches the page to the interlayer mode (src/ui/interlayer-app.ts). */
const INTERLAYER = new Set(INTERLAYER_PRESET_NAMES.flatMap((n) => [n, `${n}-small`]));
/** ?compare=A,B with two interlayer presets: the interlayer mode with A, and B beside it (interlayer-app.ts). */
const interlayerPair = (params.get('compare') ?? '').split(',');
const interlayerCompare = !params.has('preset') && interlayerPair.length === 2 && interlayerPair.every((n) => INTERLAYER.has(n));
const interlayerMode = INTERLAYER.has(params.get('preset') ?? '') || interlayerCompare;
const BENCH = 'bench-custom';
let presetName = params.get('preset') ?? DEFAULT_PRESET;
const benchCount = Number(params.get('count') ?? NaN);
if (Number.isInteger(benchCount) && benchCount > 0) presetName = BENCH;
const rendererRequest = (['webgpu', 'webgl2'].includes(params.get('renderer') ?? '') ? params.get('renderer') : 'auto') as BackendRequest;
const autoplay = params.get('autoplay') !== '0';
/** ?spheres=impostor: the impostor experiment (src/view/impostors.ts), for measurements only. */
const spheres = params.get('spheres') === 'impostor' ? 'impostor' : 'mesh';
const quality = (['high', 'low'].includes(params.get('quality') ?? '') ? params.get('quality') : 'auto') as 'auto' | 'high' | 'low';

// ?compare=A,B: two presets side by side (A is the main scene, B a companion with its own worker)
const compareErrors: string[] = [];
let compareNames: [string, string] | null = null;
// (the interlayer mode reads its own compare parameter: src/ui/interlayer-app.ts)
if (params.has('compare') && !interlayerMode) {
  const names = (params.get('compare') ?? '').split(',');
  if (names.length === 2 && names.every((n) => presets.has(n))) {
    compareNames = [names[0], names[1]];
    presetName = names[0];
  } else {
    const shown = JSON.stringify((params.get('compare') ?? '').slice(0, 80));
    compareErrors.push(`URL parameter 'compare': expected two preset names separated by a comma, got ${shown} (known: ${[...presets.keys()].join(', ')}); showing one scene.`);
  }
}

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
  network: { enabled: false, threshold: 1, maxWidth: 0.35, particles: 'ghost' },
  theme: 'dark',
  continuous: params.get('continuous') === '1',
};

let viewer: Viewer | null = null;
let loadedScene: Scene | null = null;
/** Auto-play once the scene that is loading now is ready (not after Reset). */
let playWhenReady = autoplay;
let running = false;
let lastProtocolIndex = 0;
/** A camera from a share link, applied once the view and the scene are there. */
let pendingCamera: CameraState | null = null;
/** The clip plane came from a share link: the first scene load must not re-centre it. */
let keepClipOnce = false;

// ---- worker -------------------------------------------------------------------------------------

const worker = new Worker(new URL('./worker/sim.worker.ts', import.meta.url), { type: 'module' });
/** Compare mode: run commands go to both scenes. */
const FORWARDED = new Set<WorkerCommand['type']>(['play', 'pause', 'runSteps', 'reset', 'setField', 'setNetwork']);
function send(cmd: WorkerCommand, transfer: Transferable[] = []): void {
  worker.postMessage(cmd, transfer);
  if (companion && FORWARDED.has(cmd.type)) companion.send(cmd);
}

// ---- compare mode -------------------------------------------------------------------------------

let companion: Companion | null = null;
let mainPane: HTMLElement = document.getElementById('view')!;
let mainLabel: HTMLElement | null = null;
let otherPane: HTMLElement | null = null;
if (compareNames) {
  const view = document.getElementById('view')!;
  view.classList.add('compare');
  const pane = (side: string) => {
    const el = document.createElement('div');
    el.className = 'pane';
    el.dataset.pane = side;
    const label = document.createElement('div');
    label.className = 'pane-label';
    el.appendChild(label);
    view.appendChild(el);
    return { el, label };
  };
  const a = pane('a'), b = pane('b');
  mainPane = a.el;
  mainLabel = a.label;
  otherPane = b.el;
  const other = presets.get(compareNames[1])!;
  companion = new Companion(compareNames[1], b.label);
  b.label.title = other.title;
  a.label.title = presets.get(compareNames[0])!.title;
  companion.send({ type: 'load', scene: other.build() });
}

/** Compare mode: one colour range, the union of both views' own ranges. */
const ownRanges = new Map<string, { field: ColorField; lo: number; hi: number }>();
function shareRange(side: string, field: ColorField, lo: number, hi: number): void {
  ownRanges.set(side, { field, lo, hi });
  const both = [...ownRanges.values()].filter((r) => r.field === field);
  const r = { field, lo: Math.min(...both.map((x) => x.lo)), hi: Math.max(...both.map((x) => x.hi)) };
  viewer?.setSharedRange(r);
  companion?.viewer?.setSharedRange(r);
}

/** Buffers of frames already copied into the view, handed back after the next render (ping-pong). */
let held: ArrayBuffer[][] = [];
function releaseHeld(): void {
  for (const buffers of held) send({ type: 'release', buffers }, buffers);
  held = [];
}

/** True density of the loaded scene's particle material, kg/m³ (null when mixed or unknown). */
function particleDensity(): number | null {
  const s = loadedScene;
  if (!s) return null;
  const id = (s.particles as { material?: unknown }).material;
  if (typeof id !== 'string') return null;
  return s.materials.find((m) => m.id === id)?.density ?? null;
}

function onFrame(f: FrameEvent): void {
  if (fileMode) {
    // an imported file is on screen: hand the simulation's buffers straight back
    const buffers = frameBuffers(f);
    send({ type: 'release', buffers }, buffers);
    return;
  }
  try {
    hud.metrics(f.metrics, particleDensity());
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
      if (fileMode) leaveFileMode();
      loadedScene = ev.scene;
      tourButton.hidden = !TOURS.has(presetName);
      if (!TOURS.has(presetName)) tour.close();
      lastProtocolIndex = 0;
      hud.ready(ev.count);
      plots.clear();
      showPlotNotes();
      panel.setScene(ev.scene, presetName, keepClipOnce);
      keepClipOnce = false;
      viewer?.reset(ev.scene.domain, ev.count);
      applyPendingCamera();
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
      if (mainLabel) mainLabel.textContent = `${presetName} · step ${ev.step.toLocaleString('en-US')}`;
      plots.add(ev.samples, ev.compaction, ev.records);
      if (ev.compaction.length || ev.records.length) showPlotNotes();
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
    case 'particles': {
      const f = PARTICLE_FORMATS[ev.format];
      const name = `electrode-lab-${safeFileName(presetName)}-step${ev.step}.${f.extension}`;
      download(new Blob([ev.data], { type: f.mime }), name);
      hud.el.footer.textContent = `Saved ${ev.count.toLocaleString('en-US')} particles at step ${ev.step.toLocaleString('en-US')} as ${f.label} (${name}).`;
      break;
    }
  }
};

let recordTimer = 0;
async function toggleRecording(start: boolean): Promise<void> {
  if (!viewer) throw new Error('The 3-D view is still loading.');
  if (start) {
    // compare mode: one video with both scenes side by side (left scene left), each with its legend
    if (companion && !companion.viewer) throw new Error('The second 3-D view is still loading.');
    const r = viewer.startRecording(companion?.viewer ? [companion.viewer] : []);
    panel.setRecording(true);
    const tick = () => { hud.el.footer.textContent = `● Recording ${r.mimeType.replace('video/webm;codecs=', '').toUpperCase()} · ${r.seconds.toFixed(0)} s · ${r.frames} frames`; };
    tick();
    recordTimer = window.setInterval(tick, 500);
    return;
  }
  window.clearInterval(recordTimer);
  panel.setRecording(false);
  const { blob, seconds, frames } = await viewer.stopRecording();
  const name = `electrode-lab-${safeFileName(companion ? `${presetName}-vs-${companion.title}` : presetName)}-${stamp()}.webm`;
  download(blob, name);
  hud.el.footer.textContent = `Saved ${name}: ${seconds.toFixed(1)} s, ${frames} frames, ${(blob.size / 1e6).toFixed(2)} MB.`;
}

const safeFileName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'scene';
let exportId = 0;
function exportData(what: ParticleFormat | 'scene'): void {
  if (what === 'scene') {
    if (!loadedScene) { hud.showError('No scene is loaded yet.'); return; }
    const name = `${safeFileName(loadedScene.name || presetName)}.scene.json`;
    download(JSON.stringify(loadedScene, null, 2) + '\n', name, 'application/json');
    hud.el.footer.textContent = `Saved the scene as ${name} (run it with: npx electrode-lab run ${name}).`;
    return;
  }
  send({ type: 'exportParticles', id: ++exportId, format: what });
}
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

function loadPreset(name: string, seed?: number): void {
  try {
    const scene = sceneFor(name);
    if (seed !== undefined) scene.seed = seed;
    presetName = name;
    const t = titleFor(name);
    hud.el.scene.textContent = seed !== undefined && seed !== 1 ? `${t.title} · seed ${seed}` : t.title;
    hud.el.scene.title = t.description;
    hud.setState('loading');
    playWhenReady = autoplay;
    send({ type: 'load', scene });
  } catch (err) {
    hud.showError(err instanceof Error ? err.message : String(err));
  }
}

/** Loads a scene that is not (exactly) a preset: from a share link, the parameter editor, a file. */
function loadScene(scene: Scene, label: string): void {
  presetName = scene.name || 'custom';
  hud.el.scene.textContent = `${scene.name || 'custom scene'} (${label}) · seed ${scene.seed}`;
  hud.el.scene.title = 'A scene that differs from the presets';
  hud.setState('loading');
  playWhenReady = autoplay;
  send({ type: 'load', scene });
}

// ---- science panels (PSD, ternary sweep) -------------------------------------------------------

const psdPanel = new PsdPanel((scene, label) => loadScene(scene, label));
document.getElementById('psdTool')!.append(psdPanel.root);
const sweepPanel = new SweepPanel();
document.getElementById('sweepTool')!.append(sweepPanel.root);

// ---- particle files (#6): picker, drag-and-drop, timeline ---------------------------------------

/** True while an imported file is shown (the simulation is paused and its frames are dropped). */
let fileMode = false;
let fileWorker: Worker | null = null;
let fileFrameSeq = 0;
let fileFramePending = false;
let fileFrameWanted: number | null = null;
let fileNeedsFit = false;
let fieldBeforeFile: ColorField | null = null;

function fileSend(cmd: FileCommand): void {
  if (!fileWorker) {
    fileWorker = new Worker(new URL('./worker/file.worker.ts', import.meta.url), { type: 'module' });
    fileWorker.onmessage = (e: MessageEvent<FileEvent>) => onFileEvent(e.data);
    fileWorker.onerror = (e) => { e.preventDefault(); filePanel.failed(`The file worker failed: ${e.message || 'it could not be started'}`); };
  }
  fileWorker.postMessage(cmd);
}

function openFile(file: File): void {
  (document.getElementById('fileTool') as HTMLDetailsElement).open = true;
  filePanel.loading(file.name, file.size);
  fileSend({ type: 'open', file });
}

function requestFileFrame(index: number): void {
  // one request in flight: a slider drag asks for the latest position only
  if (fileFramePending) { fileFrameWanted = index; return; }
  fileFramePending = true;
  fileSend({ type: 'frame', index, column: filePanel.selectedColumn, units: filePanel.selectedUnits });
}

function onFileEvent(ev: FileEvent): void {
  switch (ev.type) {
    case 'fileProgress': filePanel.progressed(ev.fraction, ev.bytesRead, ev.totalBytes, ev.frames); return;
    case 'fileError':
      fileFramePending = false;
      filePanel.failed(ev.message);
      return;
    case 'fileLoaded':
      if (!fileMode) {
        fileMode = true;
        send({ type: 'pause' });
        fieldBeforeFile = settings.field;
        if (settings.network.enabled) { settings.network.enabled = false; settingsChanged(); }
      }
      fileNeedsFit = true;
      filePanel.loaded(ev, null);
      hud.el.scene.textContent = `File ${ev.name}`;
      hud.el.scene.title = 'An imported particle file (not a simulation)';
      fileFramePending = false;
      requestFileFrame(0);
      return;
    case 'fileFrame': showFileFrame(ev); return;
  }
}

function showFileFrame(ev: FileFrameEvent): void {
  fileFramePending = false;
  if (fileMode && viewer) {
    const n = ev.count;
    const pos = new Float32Array(ev.positions), rad = new Float32Array(ev.radii);
    let top = 0;
    for (let i = 0; i < n; i++) top = Math.max(top, pos[3 * i + 2] + rad[i]);
    if (fileNeedsFit) { viewer.reset({ lx: ev.boxX, ly: ev.boxY, height: ev.boxZ }, n); fileNeedsFit = false; }
    viewer.column = ev.column;
    settings.field = ev.column ? 'column' : 'none';
    settings.rangeMode = 'auto'; settings.fixedUnit = null;
    viewer.apply(settings);
    const frame: FrameEvent = {
      type: 'frame', seq: fileFrameSeq++, step: ev.timestep, time: ev.time ?? 0, count: n, layoutVersion: -1 - ev.index,
      boxX: ev.boxX, boxY: ev.boxY, boxZ: ev.boxZ, platenZ: null, field: settings.field,
      positions: ev.positions, radii: ev.radii, scalar: ev.scalar,
      contactCount: 0, contactStep: null, contactPairs: null, contactForces: null,
      metrics: { solidFraction: NaN, platenPressure: 0, bedHeight: top, coordination: NaN, maxOverlapRatio: NaN },
    };
    viewer.applyFrame(frame);
    viewer.autoFit();
    hud.el.count.textContent = n.toLocaleString('en-US');
    hud.el.step.textContent = ev.timestep.toLocaleString('en-US');
  }
  filePanel.shown(ev.index, ev.timestep, ev.units);
  if (fileFrameWanted !== null) { const k = fileFrameWanted; fileFrameWanted = null; requestFileFrame(k); }
}

function leaveFileMode(): void {
  fileMode = false;
  filePanel.reset();
  if (viewer) viewer.column = null;
  if (fieldBeforeFile) settings.field = fieldBeforeFile;
  fieldBeforeFile = null;
  panel.refresh();
  settingsChanged();
}

const filePanel = new FilePanel({
  onOpen: openFile,
  onFrame: requestFileFrame,
  onColumn: () => requestFileFrame(filePanel.frame),
  onUnits: () => { if (filePanel.file) { fileNeedsFit = true; requestFileFrame(filePanel.frame); } },
  onLeave: () => { if (loadedScene) loadScene(loadedScene, 'reloaded'); else loadPreset(DEFAULT_PRESET); },
});
document.getElementById('fileTool')!.append(filePanel.root);
// drop a file anywhere on the page
document.addEventListener('dragover', (e) => { if (e.dataTransfer?.types.includes('Files')) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } });
document.addEventListener('drop', (e) => {
  const f = e.dataTransfer?.files?.[0];
  if (!f) return;
  e.preventDefault();
  openFile(f);
});

// ---- guided tour --------------------------------------------------------------------------------

const tourButton = document.getElementById('tourButton') as HTMLButtonElement;
function showTourStep(step: TourStep): void {
  const v = step.view;
  if (!v) return;
  if (v.field) settings.field = v.field;
  if (v.clip !== undefined) settings.clip.enabled = v.clip;
  if (v.network !== undefined) settings.network.enabled = v.network;
  if (v.field) { settings.rangeMode = 'auto'; settings.fixedUnit = null; }
  panel.refresh();
  settingsChanged();
  if (v.camera) viewer?.view(v.camera);
}
const tour = new Tour(document.getElementById('tour')!, showTourStep);
tourButton.addEventListener('click', () => { const t = TOURS.get(presetName); if (t) tour.start(t); });

// ---- share links --------------------------------------------------------------------------------

const notice = document.getElementById('notice')!;
/** Problems with the page's URL: plain text (textContent), kept until the next shared load. */
function showNotice(lines: string[]): void {
  notice.textContent = lines.join('\n');
  notice.hidden = lines.length === 0;
}

function applyPendingCamera(): void {
  if (pendingCamera && viewer && loadedScene) {
    viewer.setCamera(pendingCamera);
    pendingCamera = null;
  }
}

/** The link that reproduces the current scene, seed, camera, colouring and cut. */
async function shareUrl(): Promise<string> {
  if (!loadedScene) throw new Error('No scene is loaded yet.');
  const preset = matchingPreset(loadedScene, [...presets.entries()].map(([k, p]) => [k, p.build] as [string, () => Scene]));
  const q = await encodeShare({
    preset, scene: loadedScene, camera: viewer?.getCamera() ?? null,
    field: settings.field, colormap: settings.colormap, clip: settings.clip,
  });
  if (rendererRequest !== 'auto') q.set('renderer', rendererRequest);
  if (compareNames) q.set('compare', compareNames.join(','));
  if (spheres === 'impostor') q.set('spheres', spheres);
  return `${location.origin}${location.pathname}?${q.toString()}`;
}

async function copyLink(): Promise<void> {
  const url = await shareUrl();
  const box = document.getElementById('shareLink') as HTMLInputElement;
  box.value = url;
  box.hidden = false;
  try {
    await navigator.clipboard.writeText(url);
    hud.el.footer.textContent = `Link copied (${url.length} characters): it reproduces this scene, seed, camera, colouring and cut.`;
  } catch {
    box.select();
    hud.el.footer.textContent = 'The browser refused the clipboard: the link is selected in the box above, copy it with Ctrl+C.';
  }
}

/** First load: a share link if the URL has one (validated), else the default preset. */
async function startFromUrl(): Promise<void> {
  const shared = ['scene', 'seed', 'cam', 'field', 'cmap', 'clip'].some((k) => params.has(k)) || (params.has('preset') && presetName !== BENCH);
  if (!shared) { showNotice(compareErrors); loadPreset(presetName); return; }
  // a seed without a scene applies to the scene the page shows (the ?preset default)
  const q = new URLSearchParams(params);
  if (!q.has('scene') && !q.has('preset') && q.has('seed') && presetName !== BENCH) q.set('preset', presetName);
  const d = await decodeShare(q, {
    preset: (name) => (presets.has(name) ? presets.get(name)!.build() : null),
    fields: SIM_COLOR_FIELD_NAMES,
    colormaps: COLORMAP_NAMES,
  });
  showNotice([...compareErrors, ...d.errors]);
  if (d.field) settings.field = d.field as ColorField;
  if (d.colormap) settings.colormap = d.colormap as ColormapName;
  if (d.clip) { Object.assign(settings.clip, d.clip); keepClipOnce = true; }
  if (d.camera) { pendingCamera = d.camera; settings.projection = d.camera.projection; }
  panel.refresh();
  // no scene in the link (only view settings): the scene the other parameters name; a malformed
  // scene or preset: the default, as the notice says
  if (!d.scene) { loadPreset(q.has('scene') || q.has('preset') ? DEFAULT_PRESET : presetName); return; }
  if (d.preset) loadPreset(d.preset, d.scene.seed);
  else loadScene(d.scene, 'shared link');
}

const EXPORT_SCALE: Record<ExportChoice['size'], number | null> = { '1×': 1, '2×': 2, '4×': 4, custom: null };

async function exportPng(req: ExportRequest): Promise<ExportResult> {
  if (!viewer) throw new Error('The 3-D view is still loading.');
  // compare mode: both scenes side by side, each titled with its preset
  const other = companion?.viewer;
  if (compareNames && other) {
    const titleOf = (name: string) => presets.get(name)?.title ?? name;
    const main = viewer;
    return exportPair({ exportPng: (r) => main.exportPng(r), title: titleOf(compareNames[0]) }, { exportPng: (r) => other.exportPng(r), title: titleOf(compareNames[1]) }, req);
  }
  return viewer.exportPng(req);
}

let lastField: ColorField | null = null;
let lastNetwork = false;
function settingsChanged(): void {
  viewer?.apply(settings);
  companion?.viewer?.apply(settings);
  if (settings.field !== lastField) {
    lastField = settings.field;
    send({ type: 'setField', field: settings.field });
  }
  if (settings.network.enabled !== lastNetwork) {
    lastNetwork = settings.network.enabled;
    send({ type: 'setNetwork', on: lastNetwork });
  }
  plots.setTheme(settings.theme, document.body.classList.contains('projector'));
}

function setPanels(p: { plots: boolean; perf: boolean }): void {
  document.getElementById('plots')!.hidden = !p.plots;
  hud.el.perf.hidden = !p.perf;
}

const panel = new ControlPanel(settings, {
  presets: [...[...presets.entries()].map(([k, p]) => [k, p.title] as [string, string]),
    ...(presetName === BENCH ? [[BENCH, titleFor(BENCH).title] as [string, string]] : []),
    // the interlayer scenes (#5) open the page's interlayer mode
    ...INTERLAYER_PRESET_NAMES.map((n) => [`${n}-small`, `Interlayer: ${interlayerPreset(n, true).title}`] as [string, string]),
    // full 0.5 µm slabs whose DEM scaffold ships in public/scaffolds (seed 1): plating only, in the browser
    ...SAVED_SCAFFOLD_PRESETS.map((n) => [n, `Interlayer: ${interlayerPreset(n).title} (0.5 µm, saved scaffold)`] as [string, string])],
  onPreset: (name) => {
    if (INTERLAYER.has(name)) { location.assign(`${location.pathname}?preset=${encodeURIComponent(name)}`); return; }
    loadPreset(name);
  },
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
  onApplyScene: (scene) => loadScene(scene, 'edited'),
  onExportData: exportData,
  onRecord: (start) => { toggleRecording(start).catch((err: Error) => { panel.setRecording(false); hud.showError(err.message); }); },
}, presetName, document.getElementById('gui')!);
if (compareNames) panel.markEditorForLeftScene();

hud.el.play.addEventListener('click', playPause);
hud.el.stepOnce.addEventListener('click', stepOnce);
hud.el.reset.addEventListener('click', reset);
/** The numbers under the Heckel and force plots (display units). */
function showPlotNotes(): void {
  const h = plots.heckel;
  const heckelNote = document.querySelector('[data-note="heckel"]')!;
  heckelNote.textContent = h && Number.isFinite(h.K)
    ? `K = ${(h.K * 1e6).toPrecision(3)} /MPa, A = ${h.A.toFixed(3)}, apparent yield pressure 1/(3K) = ${(h.yieldPressure * 1e-6).toPrecision(3)} MPa (${plots.compactionCount} points)`
    : plots.compactionCount ? `${plots.compactionCount} compaction points (the fit needs two above 0.2·p_max)` : 'no pressing yet';
  const r = plots.forceRecord;
  document.querySelector('[data-note="forces"]')!.textContent = r
    ? `end of step ${r.index + 1} (${r.type}): ${r.forces.contacts.toLocaleString('en-US')} contacts, ⟨f⟩ = ${formatNewton(r.forces.mean)}, max ${formatNewton(r.forces.max)}, tail β = ${r.forces.tailBeta.toFixed(2)}; per-particle load ⟨Σ|F|/πr²⟩ = ${(r.particleLoad.mean * 1e-6).toPrecision(3)} MPa${r.springback !== null ? `, springback ${(100 * r.springback).toFixed(1)} %` : ''}`
    : 'no protocol step finished yet';
}
function formatNewton(f: number): string {
  const u = forceUnit(Math.abs(f));
  return `${(f * u.factor).toPrecision(3)} ${u.unit}`;
}

for (const id of PLOT_IDS) {
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
    `${rate} · ${s.drawCalls} draw calls · ${s.triangles.toLocaleString('en-US')} triangles · ${s.particles.toLocaleString('en-US')} particles${spheres === 'impostor' ? ' (impostors)' : ''}`;
}

// ---- start --------------------------------------------------------------------------------------

hud.el.copyLink.addEventListener('click', () => { copyLink().catch((err: Error) => hud.showError(`Copy link failed: ${err.message}`)); });
if (interlayerMode) {
  void import('./ui/interlayer-app').then((m) => m.startInterlayerApp(interlayerCompare ? interlayerPair[0] : params.get('preset')!, rendererRequest, autoplay));
} else startFromUrl()
  .catch((err: Error) => { showNotice([`The link could not be read: ${err.message}`]); loadPreset(DEFAULT_PRESET); })
  .finally(() => {
    send({ type: 'setField', field: settings.field });
    lastField = settings.field;
    viewer?.apply(settings);
  });

hud.el.footer.textContent = crossOriginIsolated
  ? 'Cross-origin isolated.'
  : 'Not cross-origin isolated (frames are transferred, so the lab works anyway).';

const viewReady = (interlayerMode ? Promise.reject(new Error('interlayer mode')) : import('./view/viewer'))
  .then(async ({ Viewer }) => {
    const v = await Viewer.create(mainPane, rendererRequest, settings, hud.sceneCount || 1500, quality, spheres);
    viewer = v;
    if (companion && otherPane) {
      const w = await Viewer.create(otherPane, rendererRequest, settings, companion.count || 1500, quality);
      companion.attach(w);
      w.onNeedRadii = () => companion!.send({ type: 'setField', field: settings.field });
      v.onOwnRange = (f, lo, hi) => shareRange('a', f, lo, hi);
      w.onOwnRange = (f, lo, hi) => shareRange('b', f, lo, hi);
      linkCameras(v, w);
      companion.send({ type: 'setField', field: settings.field });
    }
    if (loadedScene) v.reset(loadedScene.domain, hud.sceneCount);
    applyPendingCamera();
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
    if (interlayerMode) return null;
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
      legend(): { title: string; unit: string; lo: number; hi: number; note?: string } | null;
      viewSize(): { w: number; h: number };
      exportPng(req: ExportRequest): Promise<{ width: number; height: number; note: string; base64: string }>;
      shareUrl(): Promise<string>;
      loadScene(scene: Scene): void;
      scene(): Scene | null;
      camera(): CameraState | null;
      /** While recording: the current video frame as a PNG data URL (compare mode: both scenes side by side), else null. */
      videoFrame(): string | null;
      network(): { contacts: number; drawn: number; mean: number; max: number; step: number | null } | null;
      tour(): { open: boolean; step: number };
      /** Compare mode: the second view's legend and camera (null otherwise). */
      companion(): { legend: ReturnType<Viewer['legend']>; camera: CameraState | null; renders: number; scene: string | null } | null;
      /** The imported file on screen: frames, the frame shown, and the column it is coloured by. */
      file(): { mode: boolean; name: string | null; frames: number; frame: number; columns: string[]; column: string | null; playing: boolean };
      /** Heckel fit, compaction points and force-plot record of the current run. */
      science(): { compaction: number; records: number; recordTypes: string; heckelK: number | null; forceContacts: number | null; sweepDone: number; sweepTotal: number; psdD50: number | null };
      /** Both views' own automatic colour ranges (SI), compare mode's shared range is their union. */
      ownRanges(): Array<{ field: string | null; lo: number; hi: number }>;
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
  shareUrl,
  loadScene: (scene) => loadScene(scene, 'from the console'),
  scene: () => loadedScene,
  camera: () => viewer?.getCamera() ?? null,
  videoFrame: () => viewer?.recording?.snapshot() ?? null,
  network: () => viewer?.networkStats ?? null,
  tour: () => ({ open: tour.open, step: tour.step }),
  file: () => ({
    mode: fileMode, name: filePanel.file?.name ?? null, frames: filePanel.file?.frames.length ?? 0, frame: filePanel.frame,
    columns: filePanel.file?.columns.map((c) => c.name) ?? [], column: filePanel.selectedColumn, playing: filePanel.playing,
  }),
  science: () => ({
    compaction: plots.compactionCount, records: plots.recordCount, recordTypes: plots.recordTypes,
    heckelK: plots.heckel && Number.isFinite(plots.heckel.K) ? plots.heckel.K : null,
    forceContacts: plots.forceRecord?.forces.contacts ?? null,
    sweepDone: sweepPanel.done, sweepTotal: sweepPanel.total, psdD50: psdPanel.stats?.volume.d50 ?? null,
  }),
  ownRanges: () => [viewer?.ownAutoRange, companion?.viewer?.ownAutoRange].filter((r) => r !== undefined),
  companion: () => (companion ? {
    legend: companion.viewer?.legend() ?? null, camera: companion.viewer?.getCamera() ?? null,
    renders: companion.viewer?.renderCount ?? 0, scene: companion.scene?.name ?? null,
  } : null),
  async exportPng(req) {
    const r = await exportPng(req);
    return { width: r.width, height: r.height, note: r.note, base64: encodeBase64(new Uint8Array(await r.blob.arrayBuffer())) };
  },
};
