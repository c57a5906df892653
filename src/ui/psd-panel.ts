// The PSD panel (issue #3): pick a particle size distribution (a src/psd preset or a pasted
// laser-diffraction CSV), see its D10/D50/D90/span by volume and by number and its q3/q0 curves on
// a log µm axis, and build a calendering scene from it (calenderingScene) to load in the lab.
// CSV problems are shown as text, one line each, with the line and column parsePsdCsv names.

import uPlot from 'uplot';
import { parsePsdCsv, psdCurves, psdPresets, psdStats, type PsdSpec, type PsdStats } from '../psd';
import { calenderingScene } from '../scene/calendering';
import type { Scene } from '../worker/messages';
import { button, el, readInt, row } from './dom';

export const PSD_PANEL_COUNT = { min: 50, max: 20_000, default: 1000 };
const PASTED = '(pasted CSV)';
const EXAMPLE_CSV = '# size_um, cumulative volume %\nsize_um,Q3_percent\n4,0\n8,12\n11,35\n15,62\n20,85\n30,97\n45,100\n';

const um = (m: number) => (m * 1e6).toPrecision(3);

/** The two statistics rows of a PSD (µm), as the table shows them. */
export function statsRows(s: PsdStats): Array<[string, string, string, string, string]> {
  const r = (name: string, p: PsdStats['volume']) => [name, um(p.d10), um(p.d50), um(p.d90), p.span.toFixed(2)] as [string, string, string, string, string];
  return [r('by volume', s.volume), r('by number', s.number)];
}

export class PsdPanel {
  readonly root: HTMLElement;
  private select: HTMLSelectElement;
  private csv: HTMLTextAreaElement;
  private errors: HTMLElement;
  private table: HTMLTableSectionElement;
  private note: HTMLElement;
  private chartBox: HTMLElement;
  private count: HTMLInputElement;
  private chart: uPlot | null = null;
  /** The PSD shown now (null while a pasted CSV has errors). */
  spec: PsdSpec | null = null;
  stats: PsdStats | null = null;
  private name = '';

  constructor(private readonly onUse: (scene: Scene, label: string) => void) {
    this.select = el('select', { 'aria-label': 'PSD preset', 'data-psd': 'preset' });
    for (const [k, p] of psdPresets) this.select.append(el('option', { value: k, text: p.title }));
    this.select.append(el('option', { value: PASTED, text: 'paste a measured PSD (CSV)…' }));
    this.csv = el('textarea', { rows: '5', spellcheck: 'false', 'data-psd': 'csv', 'aria-label': 'PSD as CSV',
      title: 'One row per size class: "dLow, dHigh, volume %" or "size, cumulative volume %" (µm unless the header names nm/mm/m); # comments allowed' });
    this.csv.value = EXAMPLE_CSV;
    this.errors = el('div', { class: 'sci-error', role: 'alert', 'data-psd': 'errors' });
    this.errors.hidden = true;
    this.table = el('tbody');
    this.note = el('div', { class: 'sci-note', 'data-psd': 'note' });
    this.chartBox = el('div', { class: 'sci-chart', 'data-psd': 'chart' });
    this.count = el('input', { type: 'number', min: String(PSD_PANEL_COUNT.min), max: String(PSD_PANEL_COUNT.max), step: '100', value: String(PSD_PANEL_COUNT.default), 'data-psd': 'count' });
    const csvBox = el('div', { class: 'sci-csv' }, this.csv, button('Read CSV', () => this.show(), { 'data-psd': 'read' }));
    csvBox.hidden = true;
    this.select.addEventListener('change', () => { csvBox.hidden = this.select.value !== PASTED; this.show(); });
    this.root = el('div', { class: 'sci-body' },
      row('PSD', this.select),
      csvBox,
      this.errors,
      el('table', { class: 'sci-table', 'data-psd': 'stats' },
        el('thead', {}, el('tr', {}, ...['', 'D10 µm', 'D50 µm', 'D90 µm', 'span'].map((h) => el('th', { text: h })))), this.table),
      this.chartBox,
      this.note,
      row('particles', this.count, 'Spheres in the calendering scene (more: a taller, wider bed and a slower run)'),
      el('div', { class: 'buttons' },
        button('Use this PSD', () => this.use(), { class: 'primary', 'data-psd': 'use', title: 'Build a calendering scene (pour, press to 1.75 g/cm³, hold, release) with this PSD and load it' }),
        button('CSV', () => this.downloadCsv(), { title: 'The q3/Q3/q0/Q0 curves as CSV' })),
    );
    this.show();
    new ResizeObserver(() => this.draw()).observe(this.chartBox);
  }

  /** Reads the chosen preset or the pasted CSV and updates the numbers and the plot. */
  show(): void {
    this.errors.hidden = true;
    this.errors.textContent = '';
    let spec: PsdSpec | null = null;
    if (this.select.value === PASTED) {
      const r = parsePsdCsv(this.csv.value);
      if (!r.ok) {
        this.errors.textContent = r.errors.map((e) => `line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}`).join('\n');
        this.errors.hidden = false;
      } else {
        spec = r.psd;
        this.name = 'pasted-psd';
        if (r.warnings.length) this.note.textContent = r.warnings.join(' ');
      }
    } else {
      spec = psdPresets.get(this.select.value)!.spec;
      this.name = this.select.value;
    }
    this.spec = spec;
    this.table.replaceChildren();
    if (!spec) { this.stats = null; this.draw(); return; }
    try {
      this.stats = psdStats(spec);
    } catch (err) {
      this.errors.textContent = (err as Error).message;
      this.errors.hidden = false;
      this.spec = null; this.stats = null; this.draw();
      return;
    }
    for (const cells of statsRows(this.stats)) this.table.append(el('tr', {}, ...cells.map((c, k) => el(k ? 'td' : 'th', { text: c }))));
    const s = this.stats;
    const extra = `Range ${um(s.dMin)}–${um(s.dMax)} µm after truncation; Sauter D[3,2] ${um(s.sauterDiameter)} µm.`;
    this.note.textContent = [extra, ...s.warnings].join(' ');
    if (this.select.value !== PASTED) this.note.title = psdPresets.get(this.select.value)!.description;
    this.draw();
  }

  private draw(): void {
    this.chart?.destroy();
    this.chart = null;
    if (!this.spec) return;
    const c = psdCurves(this.spec, 160);
    const width = Math.max(200, this.chartBox.clientWidth || 300);
    const fg = getComputedStyle(document.body).color || '#ddd';
    const axis = (label: string): uPlot.Axis => ({ label, stroke: fg, grid: { stroke: 'rgba(128,128,128,0.25)', width: 1 }, font: '11px system-ui', labelFont: '600 11px system-ui' });
    this.chart = new uPlot({
      width, height: 170, cursor: { show: false }, legend: { show: true },
      scales: { x: { time: false, distr: 3 }, y: { auto: true } },
      axes: [axis('diameter D [µm]'), axis('density per ln D')],
      series: [{ label: 'D µm' }, { label: 'q3 (volume)', stroke: '#60a5fa', width: 2 }, { label: 'q0 (number)', stroke: '#f59e0b', width: 2 }],
    }, [Array.from(c.diameter, (d) => d * 1e6), Array.from(c.q3), Array.from(c.q0)], this.chartBox);
  }

  /** The calendering scene this panel would load (throws with a message naming the bad input). */
  scene(): Scene {
    if (!this.spec) throw new Error('No valid PSD: choose a preset or fix the CSV errors shown.');
    const count = readInt(this.count, 'particles', PSD_PANEL_COUNT.min, PSD_PANEL_COUNT.max);
    return calenderingScene({ name: `calendering-${this.name}`, psd: this.spec, count });
  }

  private use(): void {
    try {
      this.onUse(this.scene(), `PSD ${this.select.selectedOptions[0]?.textContent ?? this.name}`);
    } catch (err) {
      this.errors.textContent = (err as Error).message;
      this.errors.hidden = false;
    }
  }

  private downloadCsv(): void {
    if (!this.spec) return;
    const c = psdCurves(this.spec, 200);
    const rows = ['diameter_m,q3_per_lnD,Q3,q0_per_lnD,Q0'];
    for (let i = 0; i < c.diameter.length; i++) rows.push(`${c.diameter[i]},${c.q3[i]},${c.Q3[i]},${c.q0[i]},${c.Q0[i]}`);
    const blob = new Blob([rows.join('\n') + '\n'], { type: 'text/csv' });
    import('./download').then(({ download, stamp }) => download(blob, `electrode-lab-psd-${this.name}-${stamp()}.csv`));
  }
}
