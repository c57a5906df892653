// The interlayer page mode (issue #5, ?preset=interlayer-65MPa-small and the other interlayer
// presets): a panel to pick a preset and seed and run it in src/worker/interlayer.worker.ts, the 3-D
// view (src/view/interlayer-view.ts), plots of the lithium inventory by place vs plated capacity and
// of the deformation-mechanism map with the current deposits, a cross-section, and the 3-caption tour.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { allInterlayerPresets, interlayerPreset } from '../interlayer/presets';
import { capacityOf } from '../interlayer/kmc-metrics';
import { DEFAULT_SCAFFOLD, STACK_RANGE_MPA } from '../interlayer/scaffold-params';
import { DEFAULT_MECHANISM, MECHANISM_RANGES, flowStress, mechanismCurves, platingStrainRate } from '../interlayer/mechanism-map';
import type { InterlayerCommand, InterlayerEvent, IlSpheresEvent, IlVoxelsEvent, PlatingSample } from '../worker/messages';
import type { InterlayerView, LithiumColour, LithiumLegend } from '../view/interlayer-view';
import type { BackendRequest } from '../view/renderer';
import { cssColor } from '../view/colormaps';
import { button, el, ProgressLine, readInt, row } from './dom';
import { Tour } from './tour';
import { INTERLAYER_TOUR, type InterlayerTourStep } from './interlayer-tour';
import { download, stamp } from './download';
import { InterlayerCompanion, capacityPhrase, interlayerWorker, type CompanionState, type RunState } from './interlayer-companion';
import { exportPair } from '../view/export-pair';
import { linkCameras } from '../view/camera-link';
import { encodeBase64 } from '../io/base64';
import type { ExportResult } from '../view/export';

export interface InterlayerState extends RunState {
  preset: string | null;
  /** 'file': a saved scaffold (public/scaffolds); 'dem': formed live; null: no DEM scaffold */
  scaffoldSource?: 'file' | 'dem' | null;
  /** wall-clock seconds from Start to the end of plating (set when done) */
  doneSeconds?: number;
  renders: number;
  inventoryPoints: number;
  /** points the inventory plot draws now */
  plotted: number;
  mapDeposits: number;
  /** plating/stripping cycles of the run, and their records once done (efficiency = stripped / plated) */
  cycles: number;
  cycleRecords: { cycle: number; efficiency: number; contactLost: boolean; left: number }[];
  /** samples taken while stripping */
  stripSamples: number;
  /** compare mode (?compare=<interlayer preset>): the second run beside this one, else null */
  compare?: CompanionState | null;
  /** δD of the map now and of the run, m³/s */
  mapDd: number;
  runDd: number;
  tour: { open: boolean; step: number };
}

export function startInterlayerApp(presetName: string, renderer: BackendRequest, autoplay: boolean): void {
  document.body.classList.add('interlayer');
  const left = document.getElementById('left')!, gui = document.getElementById('gui')!, viewEl = document.getElementById('view')!;
  let view: InterlayerView | null = null;
  let worker: Worker | null = null;
  let samples: PlatingSample[] = [];
  let lastVoxels: IlVoxelsEvent | null = null;
  let lastSpheres: IlSpheresEvent | null = null;
  const state: InterlayerState = { preset: null, stage: '—', running: false, done: false, error: null, samples: 0, capacity: 0, liVoxels: 0, spheres: 0, renders: 0, inventoryPoints: 0, plotted: 0, mapDeposits: 0, atCollectorShare: null, cycles: 0, cycleRecords: [], stripSamples: 0, mapDd: NaN, runDd: NaN, tour: { open: false, step: 0 } };

  // ---- panel
  const presets = allInterlayerPresets().sort((a, b) => Number(b.name.endsWith('-small')) - Number(a.name.endsWith('-small')));
  const select = el('select', { 'data-il': 'preset' });
  for (const p of presets) select.append(el('option', { value: p.name, text: p.title }));
  if (presets.some((p) => p.name === presetName)) select.value = presetName;
  const seed = el('input', { type: 'number', min: '0', max: '4294967295', value: '1', 'data-il': 'seed' });
  // stack pressure the scaffold forms under (issue #5: "presets 5 and 65 MPa; any value allowed"); MPa in the UI
  const { min: sLo, max: sHi } = STACK_RANGE_MPA;
  const stackOk = (v: number) => Number.isFinite(v) && v >= sLo && v <= sHi;
  const stack = el('input', { type: 'number', min: String(sLo), max: String(sHi), step: 'any', 'data-il': 'stack',
    title: `Stack pressure held by the electrolyte while the Si lithiates and the scaffold forms, MPa (${sLo}–${sHi}). The paper: 65 and 5 MPa. A full preset at another pressure forms its scaffold live (tens of minutes); the small presets take seconds.` });
  const presetStack = () => { const c = interlayerPreset(select.value).cell; return c.kind === 'scaffold' ? (c.params.stackPressure ?? DEFAULT_SCAFFOLD.stackPressure) / 1e6 : NaN; };
  const syncStack = () => { const p = presetStack(); stack.disabled = !Number.isFinite(p); stack.value = Number.isFinite(p) ? String(p) : ''; };
  select.addEventListener('change', syncStack);
  // δD_i of Coble creep (issue #5: "interface diffusivity as a slider"), log10 over MECHANISM_RANGES
  const [dLo, dHi] = MECHANISM_RANGES.interfaceDiffusivity;
  const dd = el('input', { type: 'range', min: String(Math.log10(dLo)), max: String(Math.log10(dHi)), step: '0.1', value: String(Math.log10(DEFAULT_MECHANISM.interfaceDiffusivity)), 'data-il': 'dD',
    title: 'Interface width × diffusivity of Li along its pore walls (Coble creep). Estimated 1e-22…1e-20 m³/s (docs/model.md §13). Redraws the map and the flow-stress colours now; a run uses the value it was started with (penetration criterion).' });
  const ddText = el('span', { class: 'sci-note', 'data-il': 'dDValue' });
  // plating/stripping cycles after the first plating (issue #5: "a few plating/stripping cycles")
  const cyclesIn = el('input', { type: 'number', min: '0', max: '20', step: '1', value: '0', 'data-il': 'cycles',
    title: 'Plating/stripping cycles after the first plating (0–20): each strips the plated capacity (or less, if the lithium loses contact with the electrolyte) and plates it again. Reports each cycle\'s Coulombic efficiency.' });
  const ddValue = () => 10 ** Number(dd.value);
  // a shared link: ?preset=…&seed=…&dD=… (written by Start); bad values are named and left at the defaults
  const linkProblems: string[] = [];
  {
    const q = new URLSearchParams(location.search);
    const sq = q.get('seed'), dq = q.get('dD'), pq = q.get('stack'), cq = q.get('cycles');
    if (cq !== null) {
      const v = Number(cq);
      if (Number.isInteger(v) && v >= 0 && v <= 20) cyclesIn.value = String(v);
      else linkProblems.push(`cycles "${cq.slice(0, 40)}" must be a whole number from 0 to 20 (using 0)`);
    }
    syncStack();
    if (pq !== null) {
      const v = Number(pq);
      if (!stack.disabled && stackOk(v)) stack.value = String(v);
      else linkProblems.push(stack.disabled ? `stack "${pq.slice(0, 40)}" applies only to the Li3.75Si–CNT presets (ignored)` : `stack "${pq.slice(0, 40)}" must be from ${sLo} to ${sHi} MPa (using the preset's ${presetStack()} MPa)`);
    }
    if (sq !== null) {
      const v = Number(sq);
      if (Number.isInteger(v) && v >= 0 && v <= 4294967295) seed.value = String(v);
      else linkProblems.push(`seed "${sq.slice(0, 40)}" must be a whole number from 0 to 4,294,967,295 (using 1)`);
    }
    if (dq !== null) {
      const v = Number(dq);
      if (Number.isFinite(v) && v >= dLo && v <= dHi) dd.value = String(Math.round(10 * Math.log10(v)) / 10);
      else linkProblems.push(`dD "${dq.slice(0, 40)}" (Coble interface diffusivity) must be from ${dLo} to ${dHi} m³/s (using ${DEFAULT_MECHANISM.interfaceDiffusivity})`);
    }
  }
  // ?compare=<interlayer preset> (or compare=A,B with A this page's preset): a second run beside this one, started,
  // paused and resumed with it — e.g. the 65 MPa interlayer next to the bare cell
  let comparePreset: string | null = null;
  {
    const cq = new URLSearchParams(location.search).get('compare');
    if (cq !== null) {
      const names = cq.split(',');
      const other = names[names.length - 1];
      const known = presets.map((p) => p.name);
      if (names.length === 2 && names[0] !== presetName) linkProblems.push(`compare "${cq.slice(0, 60)}": the left scene is this page's preset (${presetName}), not ${names[0].slice(0, 40)}`);
      if (names.length <= 2 && known.includes(other)) comparePreset = other;
      else linkProblems.push(`compare "${cq.slice(0, 60)}" must name one interlayer preset to show beside this one (known: ${known.join(', ')}; showing one run)`);
    }
  }
  let runDd = DEFAULT_MECHANISM.interfaceDiffusivity;
  /** stack pressure of the current run's scaffold, Pa */
  let runStack: number | null = null;
  /** δD the map and the flow-stress colours show now. */
  let mapDd = NaN;
  const showDd = () => { ddText.textContent = `${ddValue().toExponential(1)} m³/s${Math.abs(Math.log10(ddValue() / runDd)) > 1e-6 ? ` (run: ${runDd.toExponential(1)})` : ''}`; };
  dd.addEventListener('input', () => { showDd(); remap(); });
  showDd();
  const startB = button('Start', () => start(), { class: 'primary', 'data-il': 'start' });
  const pauseB = button('Pause', () => togglePause(), { 'data-il': 'pause' });
  pauseB.disabled = true;
  const tourB = button('Guided tour', () => tour.start(INTERLAYER_TOUR), { 'data-il': 'tour' });
  const progress = new ProgressLine('Interlayer run progress');
  const status = el('p', { class: 'il-status', 'data-il': 'status', text: 'Choose a preset and press Start.' });
  /** compare mode: the right scene's progress and results, in full (its pane label is cut to the pane's width) */
  const statusB = el('p', { class: 'sci-note', 'data-il': 'statusB' });
  statusB.hidden = true;
  const desc = el('p', { class: 'sci-note', 'data-il': 'description' });
  const numbers = el('dl', { 'data-il': 'numbers' });
  const error = el('div', { class: 'sci-error', role: 'alert', 'data-il': 'error' });
  error.hidden = true;
  const back = el('a', { href: `${location.pathname}`, text: '← calendering lab' });
  left.prepend(el('section', { class: 'panel', id: 'ilPanel', 'aria-label': 'Interlayer' },
    el('h1', { text: 'Electrode Lab · interlayer' }), back,
    row('preset', select), row('seed', seed), row('stack (MPa)', stack), row('δD (Coble)', el('div', {}, dd, ddText)), row('cycles', cyclesIn), el('div', { class: 'buttons' }, startB, pauseB, tourB),
    progress.root, status, statusB, error, numbers, desc));
  const invBox = el('div', { class: 'chart', 'data-il': 'inventory' }), mapBox = el('div', { class: 'chart', 'data-il': 'map' });
  const plotHeader = (title: string, id: string) => el('header', {}, el('span', { text: title }), el('span', {},
    button('PNG', () => savePng(id)), button('CSV', () => saveCsv(id))));
  left.append(el('section', { class: 'panel', id: 'ilPlots', 'aria-label': 'Interlayer plots' },
    el('div', { class: 'plot' }, plotHeader(`Li by place vs charge passed${comparePreset ? ' (left scene)' : ''}`, 'inventory'), invBox),
    el('div', { class: 'plot' }, plotHeader(`Deformation-mechanism map${comparePreset ? ' (left scene)' : ''}`, 'map'), mapBox,
      el('div', { class: 'plot-note', text: 'Flow stress of Li vs pore size at the mean plating rate: Coble creep (∝ d³) and dislocation plasticity; dots: the pore sizes that hold Li now (CSV: voxels per size); dashed: SE penetration threshold.' }))));

  // ---- view controls (right column)
  const colour = el('select', { 'data-il': 'colour' });
  colour.append(el('option', { value: 'poreSize', text: 'local pore size' }), el('option', { value: 'flowStress', text: 'flow stress' }));
  const cut = el('input', { type: 'checkbox', 'data-il': 'cut' });
  const cutPos = el('input', { type: 'range', min: '0', max: '100', value: '50', 'data-il': 'cutPos' });
  const legend = el('div', { class: 'il-legend', 'data-il': 'legend' });
  legend.hidden = true;
  // compare mode: two panes, each with its view, its label and its legend (each view colours by its own range)
  let mainEl: HTMLElement = viewEl;
  let mainLabel: HTMLElement | null = null;
  let otherPane: HTMLElement | null = null;
  let companion: InterlayerCompanion | null = null;
  const otherLegend = el('div', { class: 'il-legend', 'data-il': 'legendB' });
  otherLegend.hidden = true;
  if (comparePreset) {
    viewEl.classList.add('compare');
    const pane = (side: string) => {
      const label = el('div', { class: 'pane-label', 'data-il': `pane-${side}` });
      const p = el('div', { class: 'pane', 'data-pane': side }, label);
      viewEl.append(p);
      return { p, label };
    };
    const a = pane('a'), b = pane('b');
    mainEl = a.p; mainLabel = a.label;
    a.label.textContent = interlayerPreset(presetName).title;
    companion = new InterlayerCompanion(comparePreset, interlayerPreset(comparePreset).title, b.label);
    b.p.append(otherLegend);
    otherPane = b.p;
    select.value = presetName;
    statusB.hidden = false;
    const co = companion;
    co.onChange = (text) => {
      statusB.textContent = `Right scene: ${text}`;
      syncPause();
      // the right run's failure is said where errors are, naming it; the left run goes on
      if (co.state.error) { error.textContent = `Right scene (${co.preset}): ${co.state.error}`; error.hidden = false; }
    };
    co.onCell = () => { applyClip(); remapCompanion(); };
    stack.title += ' Compare mode: applies to the left scene; the right one forms under its preset\'s pressure.';
  }
  mainEl.append(legend);
  // a talk-ready picture of the 3-D view: legend, scale bar and title composited, never the GUI (src/view/export.ts)
  const pngSize = el('select', { 'data-il': 'pngSize', title: 'Size of the picture: a multiple of the view on screen.' });
  for (const k of [1, 2, 4]) pngSize.append(el('option', { value: String(k), text: `${k}×` }));
  pngSize.value = '2';
  const pngClear = el('input', { type: 'checkbox', 'data-il': 'pngTransparent', title: 'Transparent background (for slides with their own background).' });
  const pngB = button('Save PNG', () => saveViewPng(), { 'data-il': 'savePng', title: 'Saves the 3-D view with its legend, a scale bar and the run\'s title as a PNG (compare mode: both views side by side).' });
  gui.append(el('section', { class: 'panel il-controls' },
    el('strong', { text: 'View' }), row('colour Li by', colour), row('cross-section', cut), row('cut position', cutPos),
    el('div', { class: 'buttons' }, ...(['iso', 'front', 'top'] as const).map((p) => button(p, () => { for (const v of views()) v.view(p); }))),
    row('picture size', pngSize), row('transparent', pngClear), el('div', { class: 'buttons' }, pngB)));
  /** The views on the page: the main one, and the compare run's. View controls act on both. */
  const views = (): InterlayerView[] => [view, companion?.view ?? null].filter((v): v is InterlayerView => v !== null);
  const applyClip = () => {
    for (const v of views()) {
      const ly = v.bounds().max.y;   // the slab's width along y, nm
      v.setClip({ enabled: cut.checked, axis: 'y', position: (Number(cutPos.value) / 100) * ly, flip: true });
    }
  };
  cut.addEventListener('change', applyClip);
  cutPos.addEventListener('input', applyClip);
  colour.addEventListener('change', () => { for (const v of views()) { v.colour = colour.value as LithiumColour; v.recolour(); } });

  // a fresh copy of the caption card: the lab's own Tour (src/main.ts) listens on the original's buttons
  const card = document.getElementById('tour')!;
  const freshCard = card.cloneNode(true) as HTMLElement;
  card.replaceWith(freshCard);
  const tour = new Tour(freshCard, (s) => {
    const il = (s as InterlayerTourStep).il;
    colour.value = il.colour; cut.checked = il.cut;
    for (const v of views()) { v.colour = il.colour; v.recolour(); v.view(il.camera); }
    applyClip();
  });

  function showLegend(l: LithiumLegend | null, box: HTMLElement = legend): void {
    box.hidden = !l;
    if (!l) return;
    const stops = Array.from({ length: 9 }, (_, k) => cssColor(l.colormap, k / 8)).join(', ');
    const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toPrecision(2));
    box.replaceChildren(el('div', { class: 'il-legend-title', text: `${l.title} [${l.unit}]` }),
      Object.assign(el('div', { class: 'il-legend-bar' }), { style: `background: linear-gradient(to right, ${stops})` }),
      el('div', { class: 'il-legend-ticks' }, el('span', { text: fmt(l.lo) }), el('span', { text: fmt(l.hi) })));
  }

  // ---- plots
  let invPlot: uPlot | null = null, mapPlot: uPlot | null = null;
  const axis = (label: string): uPlot.Axis => ({ label, stroke: '#d5dae3', grid: { stroke: 'rgba(255,255,255,0.12)', width: 1 }, font: '11px system-ui', labelFont: '600 11px system-ui' });
  const PLACES: [string, string, (s: PlatingSample) => number][] = [
    ['at the collector', '#60a5fa', (s) => capacityOf(s.inventory.layer + s.inventory.nearCollector, s)],
    ['middle third', '#34d399', (s) => capacityOf(s.inventory.mid, s)],
    ['near the electrolyte', '#f59e0b', (s) => capacityOf(s.inventory.nearElectrolyte, s)],
    ['in the electrolyte', '#ef4444', (s) => capacityOf(s.inventory.inElectrolyte, s)],
  ];
  /** x of the inventory plot: charge passed, plated + stripped (= the plated capacity without cycles), mAh/cm² */
  const charge = (s: PlatingSample) => s.capacity + 2 * s.stripped;
  let runCycles = 0;
  function drawInventory(): void {
    const data = [samples.map(charge), ...PLACES.map(([, , f]) => samples.map(f))] as uPlot.AlignedData;
    if (invPlot) { invPlot.setData(data); return; }
    invPlot = new uPlot({
      width: Math.max(200, invBox.clientWidth || 320), height: 190, cursor: { show: false }, legend: { show: true },
      scales: { x: { time: false }, y: { auto: true } },
      axes: [axis(runCycles > 0 ? 'charge passed, plated + stripped [mAh/cm²]' : 'plated capacity [mAh/cm²]'), axis('Li [mAh/cm²]')],
      series: [{ label: 'capacity' }, ...PLACES.map(([label, stroke]) => ({ label, stroke, width: 2 }))],
    }, data, invBox);
  }
  /** The map for the slider's δD: curves and deposit stresses recomputed from the run's other parameters. */
  function mapFor(v: IlVoxelsEvent): IlVoxelsEvent {
    if (Math.abs(Math.log10(ddValue() / v.mechanism.interfaceDiffusivity)) < 1e-6) return v;
    const p = { ...v.mechanism, interfaceDiffusivity: ddValue() };
    const curves = mechanismCurves(v.velocity, p);
    const deposits = v.deposits.map((d) => ({ ...d, flowStress: flowStress(d.d, platingStrainRate(v.velocity, d.d), p) }));
    return { ...v, curves, deposits, mechanism: p };
  }
  function remap(): void {
    if (!lastVoxels) return;
    const m = mapFor(lastVoxels);
    drawMap(m);
    mapDd = m.mechanism.interfaceDiffusivity;
    if (view && m !== lastVoxels) recolourFlow(view, m);
    remapCompanion();
  }
  /** The flow-stress colours of a view's Li at the map's δD. */
  function recolourFlow(v: InterlayerView, m: IlVoxelsEvent): void {
    const pore = v.lithiumPoreSizes, flow = new Float32Array(pore.length);
    for (let k = 0; k < pore.length; k++) flow[k] = flowStress(pore[k], platingStrainRate(m.velocity, pore[k]), m.mechanism);
    v.setLithiumFlow(flow);
  }
  /** Compare mode: the right view's flow-stress colours follow the δD slider too (with its own run's rate). */
  function remapCompanion(): void {
    const v = companion?.view, e = companion?.lastVoxels;
    if (!v || !e) return;
    const m = mapFor(e);
    if (m !== e) recolourFlow(v, m);
  }
  function drawMap(v: IlVoxelsEvent): void {
    // one x axis for curves and deposits: the union of their sizes, nm, with gaps
    const c = v.curves;
    const xs = [...new Set([...c.d, ...v.deposits.map((d) => d.d)])].sort((a, b) => a - b);
    const at = (ds: number[], ys: number[]) => { const m = new Map(ds.map((d, k) => [d, ys[k]])); return xs.map((x) => (m.has(x) ? m.get(x)! * 1e-6 : null)); };
    const dep = at(v.deposits.map((d) => d.d), v.deposits.map((d) => d.flowStress));
    const crit = xs.map(() => (Number.isFinite(v.criticalPressure) ? v.criticalPressure * 1e-6 : null));
    const data = [xs.map((x) => x * 1e9), at(c.d, c.coble), at(c.d, c.dislocation), at(c.d, c.flow), dep, crit] as uPlot.AlignedData;
    if (mapPlot) { mapPlot.setData(data); return; }
    mapPlot = new uPlot({
      width: Math.max(200, mapBox.clientWidth || 320), height: 200, cursor: { show: false }, legend: { show: true },
      scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
      axes: [axis('pore size d [nm]'), axis('stress [MPa]')],
      series: [{ label: 'd nm' },
        { label: 'Coble', stroke: '#60a5fa', width: 1.5, spanGaps: true },
        { label: 'dislocation', stroke: '#a78bfa', width: 1.5, spanGaps: true },
        { label: 'flow', stroke: '#e5e7eb', width: 2.5, spanGaps: true },
        { label: 'deposits', stroke: '#f59e0b', width: 0, points: { show: true, size: 7, fill: '#f59e0b' } },
        { label: 'SE threshold', stroke: '#ef4444', width: 1.5, dash: [6, 4], spanGaps: true }],
    }, data, mapBox);
  }
  function savePng(id: string): void {
    const chart = id === 'inventory' ? invPlot : mapPlot;
    if (!chart) return;
    chart.ctx.canvas.toBlob((b) => { if (b) download(b, `electrode-lab-interlayer-${id}-${stamp()}.png`); }, 'image/png');
  }
  function saveCsv(id: string): void {
    if (id === 'inventory') {
      download(['charge_passed_mAh_cm2,phase,cycle,li_on_anode_mAh_cm2,at_collector_mAh_cm2,mid_mAh_cm2,near_electrolyte_mAh_cm2,in_electrolyte_mAh_cm2',
        ...samples.map((s) => [charge(s), s.phase, s.cycle, s.capacity, ...PLACES.map(([, , f]) => f(s))].join(','))].join('\n') + '\n', `electrode-lab-interlayer-inventory-${stamp()}.csv`);
    } else if (lastVoxels) {
      const v = mapFor(lastVoxels);
      download(['d_m,coble_Pa,dislocation_Pa,flow_Pa', ...v.curves.d.map((d, k) => `${d},${v.curves.coble[k]},${v.curves.dislocation[k]},${v.curves.flow[k]}`),
        '', 'deposit_d_m,li_voxels,flow_stress_Pa', ...v.deposits.map((d) => `${d.d},${d.voxels},${d.flowStress}`),
        '', `penetration_threshold_Pa,${v.criticalPressure}`, `interface_diffusivity_m3_s,${v.mechanism.interfaceDiffusivity}`].join('\n') + '\n', `electrode-lab-interlayer-map-${stamp()}.csv`);
    }
  }

  /** Title of an exported picture: the preset's title (and the stack pressure when it is not the preset's), the Li on the anode. */
  let runTitle = '';
  function pictureTitle(): string {
    let t = runTitle;
    if (state.preset && runStack !== null) {
      const c = interlayerPreset(state.preset).cell;
      const nominal = c.kind === 'scaffold' ? c.params.stackPressure ?? DEFAULT_SCAFFOLD.stackPressure : null;
      if (nominal !== null && Math.abs(runStack - nominal) > 1e-9 * nominal) t += ` (stack set to ${Number((runStack * 1e-6).toPrecision(3))} MPa)`;
    }
    if (samples.length) t += ` · ${capacityPhrase(state.capacity, runCycles)}`;
    return t;
  }
  function exportView(scale: number, transparent: boolean): Promise<ExportResult> {
    if (!view) return Promise.reject(new Error('The 3-D view has not started yet: nothing to save.'));
    const req = { scale, transparent, title: '', legend: true, scaleBar: true };
    if (!companion) return view.exportPng({ ...req, title: pictureTitle() });
    // compare mode: both views side by side, each titled with its run (src/view/export-pair.ts)
    const other = companion.view;
    if (!other) return Promise.reject(new Error('The second view has not started yet: wait a moment and save again.'));
    const c = companion.state;
    const otherTitle = `${c.title}${c.samples ? ` · ${capacityPhrase(c.capacity, runCycles)}` : ''}`;
    return exportPair({ exportPng: (r) => view!.exportPng(r), title: pictureTitle() }, { exportPng: (r) => other.exportPng(r), title: otherTitle }, req);
  }
  function saveViewPng(): void {
    pngB.disabled = true;
    exportView(Number(pngSize.value), pngClear.checked)
      .then((r) => {
        download(r.blob, `electrode-lab-interlayer-${state.preset ?? 'view'}${companion ? `-vs-${companion.preset}` : ''}-${stamp()}.png`);
        if (r.note) { error.textContent = r.note; error.hidden = false; }
      })
      // the error box, not the run's error: the run (and the page) go on
      .catch((err: Error) => { error.textContent = `Could not save the picture: ${err.message}`; error.hidden = false; })
      .finally(() => { pngB.disabled = false; });
  }

  function setNumbers(pairs: [string, string][]): void {
    numbers.replaceChildren(...pairs.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
  }

  // ---- worker
  function onEvent(ev: InterlayerEvent): void {
    switch (ev.type) {
      case 'ilReady':
        state.preset = ev.name; state.done = false; state.error = null; runTitle = ev.title;
        desc.textContent = ev.description;
        if (mainLabel) mainLabel.textContent = ev.title;
        status.textContent = `${ev.title}: ${ev.capacity} mAh/cm² at ${ev.currentDensity} mA/cm²${ev.scaffoldNote ? ` · scaffold: ${ev.scaffoldNote}` : ''}`;
        state.scaffoldSource = ev.scaffoldSource;
        runStack = ev.stackPressure;
        samples = [];
        invPlot?.destroy(); invPlot = null;   // the x axis names plating only or plating + stripping
        return;
      case 'ilProgress': {
        state.stage = ev.stage; state.running = ev.running;
        if (ev.plating.length) { samples.push(...ev.plating); drawInventory(); }
        state.samples = samples.length; state.inventoryPoints = samples.length;
        state.stripSamples = samples.filter((s) => s.phase === 'strip').length;
        const last = samples[samples.length - 1];
        state.capacity = last?.capacity ?? 0;
        const stageText = { scaffold: 'forming the scaffold (DEM: cast, lithiate under the stack pressure, relax)', handover: 'handing over to the voxel grid', plating: 'plating lithium (kMC)', done: 'done' }[ev.stage];
        progress.set(ev.fraction, `${Math.round(100 * ev.fraction)} % · ${stageText} · ${ev.seconds.toFixed(1)} s`);
        const pairs: [string, string][] = [];
        if (ev.scaffold) pairs.push(['scaffold', `${ev.scaffold.phase}, lithiation ${(100 * ev.scaffold.lithiation).toFixed(0)} %, ${(ev.scaffold.thickness * 1e6).toFixed(2)} µm, porosity ${(100 * ev.scaffold.porosity).toFixed(0)} %, ${(ev.scaffold.platenPressure * 1e-6).toFixed(1)} MPa on the electrolyte${runStack !== null ? ` (stack set to ${(runStack * 1e-6).toPrecision(3)} MPa)` : ''}`]);
        if (last) {
          if (runCycles > 0) pairs.push(['half-cycle', last.cycle === 0 ? 'first plating' : `cycle ${last.cycle} of ${runCycles}: ${last.phase === 'strip' ? 'stripping' : 're-plating'}`]);
          pairs.push([runCycles > 0 ? 'Li on the anode' : 'plated', `${last.capacity.toFixed(3)} mAh/cm²${last.stripped > 0 ? ` (${last.stripped.toFixed(3)} stripped so far)` : ''}`], ['Li layer at collector', `${(last.layerThickness * 1e6).toFixed(2)} µm`],
            ['nucleations', String(last.nucleations)], ['penetrations', String(last.penetrations)], ['Li–SE contact', `${(100 * last.contactFraction).toFixed(1)} % of the area`]);
        }
        setNumbers(pairs);
        syncPause();
        return;
      }
      case 'ilSpheres': lastSpheres = ev; view?.setSpheres(ev); state.spheres = ev.count; return;
      case 'ilVoxels':
        lastVoxels = ev; state.liVoxels = ev.liCount; state.mapDeposits = ev.deposits.length;
        view?.setVoxels(ev); applyClip();
        runDd = ev.mechanism.interfaceDiffusivity; showDd();
        remap();
        return;
      case 'ilDone': {
        state.done = true; state.running = false; state.doneSeconds = ev.seconds;
        const f = ev.final;
        state.atCollectorShare = f.atCollectorShare;
        state.cycleRecords = ev.cycles.map((y) => ({ cycle: y.cycle, efficiency: y.efficiency, contactLost: y.contactLost, left: y.left }));
        const cyc = ev.cycles.length ? ` Cycles (stripped / plated): ${ev.cycles.map((y) => `${(100 * y.efficiency).toFixed(1)} %${y.contactLost ? ' (contact lost)' : ''}`).join(', ')}; ${ev.cycles[ev.cycles.length - 1].left.toFixed(3)} mAh/cm² left after the last stripping.` : '';
        status.textContent = `Done in ${ev.seconds.toFixed(1)} s: ${(100 * f.atCollectorShare).toFixed(1)} % of the Li at the collector, ${(100 * f.nearElectrolyteShare).toFixed(1)} % near the electrolyte, ${f.penetrations} penetrations (hardest Li at the SE at ${(100 * f.penetrationMargin).toPrecision(2)} % of the cracking threshold); mean flow stress of the deposits ${(f.meanFlowStress * 1e-6).toPrecision(2)} MPa in pores of ${(f.meanDepositSize * 1e9).toFixed(0)} nm.${cyc}${ev.stopped ? ` Stopped early: ${ev.stopped}` : ''}`;
        syncPause();
        return;
      }
      case 'ilError':
        state.error = ev.message; state.running = false;
        error.textContent = ev.message; error.hidden = false;
        return;
    }
  }
  function send(cmd: InterlayerCommand): void {
    if (!worker) worker = interlayerWorker(onEvent, (w) => worker === w);
    worker.postMessage(cmd);
  }
  function start(): void {
    error.hidden = true;
    let s: number;
    try { s = readInt(seed, 'seed', 0, 4294967295); } catch (err) { onEvent({ type: 'ilError', message: (err as Error).message }); return; }
    let cycles: number;
    try { cycles = readInt(cyclesIn, 'cycles', 0, 20); } catch (err) { onEvent({ type: 'ilError', message: (err as Error).message }); return; }
    let stackPa: number | null = null;
    if (!stack.disabled) {
      const v = Number(stack.value);
      if (!(stack.value.trim() !== '' && stackOk(v))) { onEvent({ type: 'ilError', message: `stack pressure must be a number from ${sLo} to ${sHi} MPa, got "${stack.value.slice(0, 40)}".` }); return; }
      if (Math.abs(v - presetStack()) > 1e-9 * v) stackPa = v * 1e6;
    }
    // a fresh worker per run: the previous run's WASM memory goes with it
    worker?.terminate(); worker = null;
    samples = []; lastVoxels = null; lastSpheres = null;
    view?.reset();
    runCycles = cycles; state.cycles = cycles; state.cycleRecords = []; state.stripSamples = 0;
    state.spheres = 0; state.liVoxels = 0; state.scaffoldSource = undefined; state.doneSeconds = undefined; state.atCollectorShare = null;
    const url = new URL(location.href);
    url.searchParams.set('preset', select.value);
    url.searchParams.set('seed', String(s));
    url.searchParams.set('dD', ddValue().toExponential(1));
    if (cycles > 0) url.searchParams.set('cycles', String(cycles)); else url.searchParams.delete('cycles');
    if (companion) url.searchParams.set('compare', companion.preset); else url.searchParams.delete('compare');
    history.replaceState(null, '', url);
    status.textContent = 'Compiling the DEM core and the kMC…';
    progress.set(0, 'starting…');
    runDd = ddValue(); showDd();
    if (stackPa !== null) url.searchParams.set('stack', String(stackPa / 1e6)); else url.searchParams.delete('stack');
    history.replaceState(null, '', url);
    const how = { seed: s, samples: 40, interfaceDiffusivity: ddValue(), cycles };   // both runs alike (compare mode)
    send({ type: 'ilStart', preset: select.value, stackPressure: stackPa, ...how });
    companion?.start(how);
    wantPaused = false; syncPause();
  }
  /** Pause and Resume act on both runs in compare mode; the button stays until both are done. */
  let wantPaused = false;
  function syncPause(): void {
    pauseB.disabled = state.done && (companion?.state.done ?? true);
    pauseB.textContent = wantPaused ? 'Resume' : 'Pause';
  }
  function togglePause(): void {
    wantPaused = !wantPaused;
    if (!state.done) send({ type: wantPaused ? 'ilPause' : 'ilResume' });
    companion?.pause(wantPaused);
    syncPause();
  }

  import('../view/interlayer-view')
    .then(({ InterlayerView }) => InterlayerView.create(mainEl, renderer))
    .then(async (v) => {
      view = v;
      v.onLegend = (l) => showLegend(l);
      v.setClip({ enabled: false, axis: 'y', position: 150, flip: true });
      if (lastSpheres) v.setSpheres(lastSpheres);
      if (lastVoxels) v.setVoxels(lastVoxels);
      if (!companion || !otherPane) return;
      const { InterlayerView } = await import('../view/interlayer-view');
      let w: InterlayerView;
      try { w = await InterlayerView.create(otherPane, renderer); } catch (err) {
        // the right view alone failed: say so; the left run and view go on
        error.textContent = `The right scene's 3-D view could not start: ${(err as Error).message}`; error.hidden = false;
        return;
      }
      w.onLegend = (l) => showLegend(l, otherLegend);
      w.colour = v.colour;
      companion.attach(w);
      applyClip();
      // moving one camera moves the other (once the user has moved one: before that each frames its own cell)
      linkCameras(v, w);
    })
    .catch((err: Error) => onEvent({ type: 'ilError', message: `The 3-D view could not start: ${err.message}` }));
  if (autoplay) start();
  if (linkProblems.length) { error.textContent = `This link has values the lab cannot use: ${linkProblems.join('; ')}.`; error.hidden = false; }

  const hook = window.electrodeLab as unknown as { interlayer?: () => InterlayerState; interlayerLithium?: (on: boolean) => void;
    interlayerCameras?: () => { position: [number, number, number]; target: [number, number, number] }[];
    interlayerPng?: (scale: number, transparent: boolean) => Promise<{ width: number; height: number; note: string; title: string; base64: string }> };
  hook.interlayer = () => ({ ...state, compare: companion ? { ...companion.state } : null, renders: view?.renders ?? 0, plotted: invPlot?.data[0].length ?? 0, mapDd, runDd, tour: { open: tour.open, step: tour.step } });
  hook.interlayerLithium = (on) => view?.setLithiumVisible(on);
  /** Camera of each view (compare mode: two), for the e2e test of the camera link. */
  hook.interlayerCameras = () => views().map((v) => v.getCamera());
  hook.interlayerPng = async (scale, transparent) => {
    const title = pictureTitle();
    const r = await exportView(scale, transparent);
    return { width: r.width, height: r.height, note: r.note, title, base64: encodeBase64(new Uint8Array(await r.blob.arrayBuffer())) };
  };
}
