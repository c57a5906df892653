// The ternary sweep panel (issue #3, the paper's Fig. 2a): blends of the three graphite grades
// (src/psd presets graphite-large-19, -medium-14, -small-11) on a simplex lattice, each poured
// (and optionally pressed) as a calendering scene on the browser worker pool
// (runTernarySweepInBrowser: one Web Worker per core, results cached for the page's lifetime), with
// a progress bar and ETA, the DEM and Farr–Groot contour maps, and SVG/PNG/CSV downloads.
//
// The maps are SVG strings built by src/sweep/ternary-svg.ts; they are shown as <img> from Blob
// URLs (an image cannot run script or inject markup), never inserted as HTML.

import { psdPresets, type PsdSpec } from '../psd';
import { calenderingScene } from '../scene/calendering';
import type { Scene } from '../worker/messages';
import { runTernarySweepInBrowser, svgToPng, type BrowserSweepResult } from '../sweep/browser-sweep';
import { simplexPoints } from '../sweep/ternary';
import { formatDuration } from '../worker/eta';
import { button, el, ProgressLine, readInt, row } from './dom';
import { download, stamp } from './download';

export const GRADES = ['graphite-large-19', 'graphite-medium-14', 'graphite-small-11'] as const;
export const SWEEP_COUNT = { min: 60, max: 5000, default: 300 };
export const SWEEP_STEPS = [0.5, 0.25, 0.2, 0.1];

/** What each blend runs. */
export type SweepProtocol = 'quick' | 'pour' | 'calender';
export const SWEEP_PROTOCOLS: Record<SweepProtocol, string> = {
  quick: 'pour only, quick preview (E = 2 MPa, fill ≤ 30 ms)',
  pour: 'pour only (calendering material)',
  calender: 'pour, press to 1.75 g/cm³, release',
};

/**
 * The sweep's base scene: an equal three-grade blend as a calendering scene. 'quick' is a preview
 * for a classroom or a test: much softer spheres (t_R ∝ E^−½, so ~5× larger steps) and a fill that
 * stops after 30 ms of simulated time however settled it is, so the map shows loose pours.
 */
export function sweepBaseScene(count: number, protocol: SweepProtocol, seed = 1): Scene {
  const grades = GRADES.map((n) => psdPresets.get(n)!.spec);
  const psd: PsdSpec = { kind: 'blend', components: grades.map((g) => ({ volumeFraction: 1 / 3, psd: g })) as never };
  const s = calenderingScene({ name: 'ternary-blend', psd, count, seed, ...(protocol === 'quick' ? { youngsModulus: 2e6 } : {}) });
  if (protocol === 'quick') s.protocol = [{ type: 'fill', maxTime: 0.03, settleSpeed: 5e-3 }] as Scene['protocol'];
  else if (protocol === 'pour') s.protocol = s.protocol.slice(0, 1);
  return s;
}

/**
 * Seconds left for `remaining` blends at the rate of the `ranHere` blends run so far in `elapsedS`
 * (wall time over all workers, so parallelism is in the rate; cached blends are not counted, they
 * cost nothing); null before one has run.
 */
export function sweepEta(elapsedS: number, ranHere: number, remaining: number): number | null {
  if (remaining <= 0) return 0;
  if (ranHere <= 0) return null;
  return (elapsedS / ranHere) * remaining;
}

export class SweepPanel {
  readonly root: HTMLElement;
  private step: HTMLSelectElement;
  private count: HTMLInputElement;
  private protocol: HTMLSelectElement;
  private metric: HTMLSelectElement;
  private runB: HTMLButtonElement;
  private cancelB: HTMLButtonElement;
  private progress = new ProgressLine('Sweep progress', { 'data-sweep': 'progress' });
  private error: HTMLElement;
  private maps: HTMLElement;
  private exports: HTMLElement;
  private urls: string[] = [];
  private abort: AbortController | null = null;
  result: BrowserSweepResult | null = null;
  /** Blends finished (from the cache or run) in the current or last sweep. */
  done = 0;
  total = 0;

  constructor() {
    this.step = el('select', { 'data-sweep': 'step' });
    for (const s of SWEEP_STEPS) this.step.append(el('option', { value: String(s), text: `${s} (${simplexPoints(s).length} blends)` }));
    this.step.value = '0.25';
    this.count = el('input', { type: 'number', min: String(SWEEP_COUNT.min), max: String(SWEEP_COUNT.max), step: '10', value: String(SWEEP_COUNT.default), 'data-sweep': 'count' });
    this.protocol = el('select', { 'data-sweep': 'protocol' });
    for (const [k, label] of Object.entries(SWEEP_PROTOCOLS)) this.protocol.append(el('option', { value: k, text: label }));
    this.metric = el('select', { 'data-sweep': 'metric', title: 'Bulk: the slab 3 mean diameters away from collector and top (needs beds ≥ ~6 diameters, i.e. ≳ 1,000 spheres); bed: the whole bed below its top' });
    this.metric.append(el('option', { value: 'solidFraction', text: 'whole-bed solid fraction' }), el('option', { value: 'bulkSolidFraction', text: 'bulk solid fraction' }));
    this.runB = button('Run sweep', () => { void this.run(); }, { class: 'primary', 'data-sweep': 'run' });
    this.cancelB = button('Cancel', () => this.abort?.abort(), { 'data-sweep': 'cancel' });
    this.cancelB.disabled = true;
    this.error = el('div', { class: 'sci-error', role: 'alert', 'data-sweep': 'error' });
    this.error.hidden = true;
    this.maps = el('div', { class: 'sci-maps', 'data-sweep': 'maps' });
    this.exports = el('div', { class: 'buttons' },
      button('DEM SVG', () => this.save('dem', 'svg')), button('DEM PNG', () => this.save('dem', 'png')),
      button('Farr–Groot SVG', () => this.save('fg', 'svg')), button('Farr–Groot PNG', () => this.save('fg', 'png')),
      button('CSV', () => this.save('csv', 'csv'), { 'data-sweep': 'csv' }));
    this.exports.hidden = true;
    this.root = el('div', { class: 'sci-body' },
      el('p', { class: 'sci-note', text: 'Blends of the large (A, D50 19 µm), medium (B, 14 µm) and small (C, 11 µm) graphite grades, each run as its own scene on a pool of Web Workers (cached: a second run is instant). Beside it the Farr–Groot packing estimate of the same PSD.' }),
      row('grid step', this.step), row('spheres per blend', this.count), row('each blend', this.protocol), row('map', this.metric),
      el('div', { class: 'buttons' }, this.runB, this.cancelB),
      this.progress.root, this.error, this.maps, this.exports);
  }

  async run(): Promise<void> {
    this.error.hidden = true;
    let base: Scene;
    try {
      base = sweepBaseScene(readInt(this.count, 'spheres per blend', SWEEP_COUNT.min, SWEEP_COUNT.max), this.protocol.value as SweepProtocol);
    } catch (err) {
      this.showError((err as Error).message);
      return;
    }
    const step = Number(this.step.value);
    this.abort = new AbortController();
    this.runB.disabled = true;
    this.cancelB.disabled = false;
    this.total = simplexPoints(step).length;
    this.done = 0;
    const t0 = performance.now();
    let ranHere = 0;
    this.progress.set(0, `0 of ${this.total} blends · starting the workers…`);
    try {
      this.result = await runTernarySweepInBrowser(base, step, {
        signal: this.abort.signal,
        metric: this.metric.value as 'solidFraction' | 'bulkSolidFraction',
        onResult: (_k, r, cached, done, total) => {
          this.done = done;
          if (!cached) ranHere++;
          const elapsed = (performance.now() - t0) / 1000;
          const eta = sweepEta(elapsed, ranHere, total - done);
          const err = r.error ? ` · last blend failed: ${r.error}` : '';
          this.progress.set(done / total, `${done} of ${total} blends${cached ? ' (cached)' : ''} · ${formatDuration(elapsed)} elapsed${eta !== null && done < total ? ` · about ${formatDuration(eta)} left` : ''}${err}`);
        },
      });
      const secs = (performance.now() - t0) / 1000;
      this.progress.set(1, `${this.total} blends in ${formatDuration(secs)} (${ranHere} run, ${this.total - ranHere} from the cache).`);
      this.showMaps(this.result);
    } catch (err) {
      const e = err as Error;
      if (e.name === 'AbortError') this.progress.set(this.done / Math.max(1, this.total), `Cancelled after ${this.done} of ${this.total} blends (the finished ones are cached).`);
      else this.showError(`The sweep failed: ${e.message}`);
    } finally {
      this.abort = null;
      this.runB.disabled = false;
      this.cancelB.disabled = true;
    }
  }

  private showError(msg: string): void {
    this.error.textContent = msg;
    this.error.hidden = false;
  }

  private showMaps(r: BrowserSweepResult): void {
    for (const u of this.urls) URL.revokeObjectURL(u);
    this.urls = [r.demSvg, r.farrGrootSvg].map((svg) => URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })));
    this.maps.replaceChildren(
      el('img', { src: this.urls[0], alt: 'DEM solid fraction over the blends (ternary contour map)', 'data-map': 'dem' }),
      el('img', { src: this.urls[1], alt: 'Farr–Groot estimate over the blends (ternary contour map)', 'data-map': 'fg' }));
    this.exports.hidden = false;
  }

  private save(which: 'dem' | 'fg' | 'csv', kind: 'svg' | 'png' | 'csv'): void {
    const r = this.result;
    if (!r) return;
    const name = `electrode-lab-ternary-${which}-${stamp()}.${kind}`;
    if (kind === 'csv') { download(r.csv, name); return; }
    const svg = which === 'dem' ? r.demSvg : r.farrGrootSvg;
    if (kind === 'svg') { download(svg, name, 'image/svg+xml'); return; }
    svgToPng(svg, 2).then((b) => download(b, name)).catch((err: Error) => this.showError(`PNG export failed: ${err.message}`));
  }
}
