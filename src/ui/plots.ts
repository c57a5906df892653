// Live plots with uPlot: solid fraction vs time, platen pressure vs solid fraction (from the
// SceneRun samples that 'progress' events carry), the Heckel plot ln(1/(1−φ)) vs p with its
// least-squares line (from the compaction points), and the contact-force distribution of the last
// finished protocol step with its exponential tail (from the step records). Each can be saved as
// PNG (the chart canvas with a title, on a solid background) and as CSV (SI columns, units in the
// header).

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CompactionPoint, Sample, StepRecord } from '../worker/messages';
import { heckelFit, type HeckelFit } from '../scene/analysis';
import { tailCurve, latestForceRecord } from './force-tail';
import { canvasToPng } from '../view/export';

export type PlotId = 'phiTime' | 'pressurePhi' | 'heckel' | 'forces';
export const PLOT_IDS: PlotId[] = ['phiTime', 'pressurePhi', 'heckel', 'forces'];

interface Theme { fg: string; grid: string; bg: string; line: string; line2: string; fontPx: number }
const THEMES: Record<'dark' | 'light', Omit<Theme, 'fontPx'>> = {
  dark: { fg: '#d5dae3', grid: 'rgba(255,255,255,0.12)', bg: '#1c2027', line: '#60a5fa', line2: '#f59e0b' },
  light: { fg: '#1d2433', grid: 'rgba(0,0,0,0.12)', bg: '#ffffff', line: '#1d4ed8', line2: '#b45309' },
};

const PRESSURE_UNITS = [
  { unit: 'Pa', factor: 1 }, { unit: 'kPa', factor: 1e-3 }, { unit: 'MPa', factor: 1e-6 }, { unit: 'GPa', factor: 1e-9 },
];
function pressureUnit(maxPa: number) {
  let u = PRESSURE_UNITS[0];
  for (const c of PRESSURE_UNITS) if (maxPa * c.factor >= 1) u = c;
  return u;
}

export class Plots {
  private samples: Sample[] = [];
  private compaction: CompactionPoint[] = [];
  private records: StepRecord[] = [];
  /** The Heckel fit of the compaction so far (NaN K until two points are in the fitted range). */
  heckel: HeckelFit | null = null;
  private charts = new Map<PlotId, uPlot>();
  private boxes = new Map<PlotId, HTMLElement>();
  private theme: Theme = { ...THEMES.dark, fontPx: 11 };
  private pUnit = PRESSURE_UNITS[0];
  private pending = false;
  /** Titles of the plots (also used in exported PNGs). */
  readonly titles: Record<PlotId, string> = {
    phiTime: 'Solid fraction vs time',
    pressurePhi: 'Platen pressure vs solid fraction',
    heckel: 'Heckel plot: ln(1/(1−φ)) vs platen pressure',
    forces: 'Contact-force distribution P(f/⟨f⟩)',
  };

  constructor(private readonly root: HTMLElement) {
    for (const id of PLOT_IDS) {
      const box = root.querySelector<HTMLElement>(`[data-plot="${id}"] .chart`);
      if (!box) throw new Error(`index.html lacks the chart box of plot ${id}`);
      this.boxes.set(id, box);
    }
    new ResizeObserver(() => this.rebuild()).observe(root);
    this.rebuild();
  }

  get sampleCount(): number { return this.samples.length; }

  get compactionCount(): number { return this.compaction.length; }
  get recordCount(): number { return this.records.length; }
  get recordTypes(): string { return this.records.map((r) => `${r.type}:${r.outcome}`).join(' '); }
  /** The step record the force plot shows (the last finished step with contacts), or null. */
  get forceRecord(): StepRecord | null { return latestForceRecord(this.records); }

  clear(): void { this.samples = []; this.compaction = []; this.records = []; this.heckel = null; this.update(); }

  add(samples: Sample[], compaction: CompactionPoint[] = [], records: StepRecord[] = []): void {
    if (samples.length === 0 && compaction.length === 0 && records.length === 0) return;
    this.samples.push(...samples);
    this.compaction.push(...compaction);
    this.records.push(...records);
    // coalesce bursts into one redraw per animation frame
    if (!this.pending) {
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.update(); });
    }
  }

  setTheme(name: 'dark' | 'light', projector: boolean): void {
    this.theme = { ...THEMES[name], fontPx: projector ? 16 : 11 };
    this.rebuild();
  }

  private data(id: PlotId): uPlot.AlignedData {
    const s = this.samples;
    if (id === 'phiTime') return [s.map((x) => x.time * 1e3), s.map((x) => x.solidFraction)];
    if (id === 'heckel') {
      // x = p in MPa ascending (uPlot needs a sorted x); series 1 the points, series 2 the fitted
      // line over the fitted range (p ≥ 0.2 p_max, heckelFit's default), null elsewhere
      const fit = this.heckel = heckelFit(this.compaction);
      const pts = [...fit.points].sort((a, b) => a.pressure - b.pressure);
      const pmax = pts.length ? pts[pts.length - 1].pressure : 0;
      const line = pts.map((q) => (Number.isFinite(fit.K) && q.pressure >= 0.2 * pmax ? fit.K * q.pressure + fit.A : null));
      return [pts.map((q) => q.pressure * 1e-6), pts.map((q) => q.y), line] as uPlot.AlignedData;
    }
    if (id === 'forces') {
      const r = latestForceRecord(this.records);
      if (!r) return [[], [], []];
      const h = r.forceHistogram;
      const tail = tailCurve(h, r.forces.tailBeta);
      // log y: empty bins (p = 0) cannot be drawn, they are gaps
      return [h.x, h.p.map((p) => (p > 0 ? p : null)), tail] as uPlot.AlignedData;
    }
    const maxP = s.reduce((m, x) => Math.max(m, x.platenPressure), 0);
    this.pUnit = pressureUnit(maxP);
    const f = this.pUnit.factor;
    // mode 2 (x–y facets): solid fraction is not monotonic (pressing, then springback)
    return [null, [s.map((x) => x.solidFraction), s.map((x) => x.platenPressure * f)]] as unknown as uPlot.AlignedData;
  }

  private update(): void {
    const phi = this.charts.get('phiTime');
    phi?.setData(this.data('phiTime'));
    this.charts.get('heckel')?.setData(this.data('heckel'));
    this.charts.get('forces')?.setData(this.data('forces'));
    const p = this.charts.get('pressurePhi');
    if (p) {
      const before = this.pUnit.unit;
      const d = this.data('pressurePhi');
      if (this.pUnit.unit !== before) { this.rebuild(); return; }
      p.setData(d);
    }
  }

  private axis(label: string, vertical = false): uPlot.Axis {
    const t = this.theme;
    return {
      label,
      stroke: t.fg,
      font: `${t.fontPx}px system-ui, sans-serif`,
      labelFont: `600 ${t.fontPx}px system-ui, sans-serif`,
      labelSize: t.fontPx + 8,
      // y axes: as wide as their longest tick label
      size: vertical
        ? (_u: uPlot, values: string[] | null) => 12 + t.fontPx * 0.62 * Math.max(3, ...(values ?? []).map((v) => String(v).length))
        : t.fontPx * 3,
      grid: { stroke: t.grid, width: 1 },
      ticks: { stroke: t.grid, width: 1 },
      // as many decimals as the tick spacing needs (uPlot's default repeats labels on tiny ranges)
      values: (_u, splits, _axis, _space, incr) => {
        const d = Math.max(0, Math.min(8, -Math.floor(Math.log10(incr || 1) + 1e-9)));
        return splits.map((v) => (v == null ? '' : v.toFixed(d)));
      },
    };
  }

  private rebuild(): void {
    for (const c of this.charts.values()) c.destroy();
    this.charts.clear();
    const t = this.theme;
    for (const [id, box] of this.boxes) {
      const width = Math.max(160, box.clientWidth || 300);
      const height = Math.max(120, box.clientHeight || 170);
      let chart: uPlot;
      if (id === 'heckel') {
        chart = new uPlot({
          width, height, legend: { show: false }, cursor: { show: false },
          scales: { x: { time: false }, y: { auto: true } },
          axes: [this.axis('platen p [MPa]'), this.axis('ln(1/(1−φ))', true)],
          series: [{}, { stroke: t.line, width: 0, points: { show: true, size: 3, fill: t.line } },
            { stroke: t.line2, width: 2, dash: [6, 4], spanGaps: false }],
        }, this.data(id), box);
      } else if (id === 'forces') {
        chart = new uPlot({
          width, height, legend: { show: false }, cursor: { show: false },
          scales: { x: { time: false }, y: { distr: 3 } },
          axes: [this.axis('f/⟨f⟩'), this.axis('P(f/⟨f⟩)', true)],
          series: [{}, { stroke: t.line, width: 2, points: { show: true, size: 4, fill: t.line } },
            { stroke: t.line2, width: 2, dash: [6, 4] }],
        }, this.data(id), box);
      } else if (id === 'phiTime') {
        chart = new uPlot({
          width, height, legend: { show: false }, cursor: { show: false },
          scales: { x: { time: false }, y: { auto: true } },
          axes: [this.axis('time [ms]'), this.axis('solid fraction φ', true)],
          series: [{}, { stroke: t.line, width: 2 }],
        }, this.data(id), box);
      } else {
        const d = this.data(id);
        chart = new uPlot({
          mode: 2, width, height, legend: { show: false }, cursor: { show: false },
          scales: { x: { time: false, auto: true }, y: { auto: true } },
          axes: [this.axis('solid fraction φ'), this.axis(`platen p [${this.pUnit.unit}]`, true)],
          series: [{}, { stroke: t.line2, width: 2, facets: [{ scale: 'x', auto: true }, { scale: 'y', auto: true }], paths: uPlot.paths.linear!() } as uPlot.Series],
        }, d, box);
      }
      this.charts.set(id, chart);
    }
  }

  /** The chart as a PNG (title + axes + curve on a solid background). */
  async png(id: PlotId): Promise<Blob> {
    const chart = this.charts.get(id);
    if (!chart) throw new Error(`no plot ${id}`);
    const src = chart.ctx.canvas;
    const dpr = src.width / Math.max(1, chart.width);
    const titleH = Math.round((this.theme.fontPx + 14) * dpr);
    const pad = Math.round(8 * dpr);
    const out = document.createElement('canvas');
    out.width = src.width + 2 * pad;
    out.height = src.height + titleH + pad;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = this.theme.bg;
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = this.theme.fg;
    ctx.font = `600 ${Math.round((this.theme.fontPx + 2) * dpr)}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.fillText(this.titles[id], pad, titleH / 2 + pad / 2);
    ctx.drawImage(src, pad, titleH);
    return canvasToPng(out);
  }

  /** The plot's data as CSV, SI units (one row per sample). */
  csv(id: PlotId): string {
    if (id === 'heckel') {
      const f = heckelFit(this.compaction);
      return [
        `# Heckel fit ln(1/(1-phi)) = K p + A over p >= 0.2 p_max: K = ${f.K} 1/Pa, A = ${f.A}, apparent yield pressure 1/(3K) = ${f.yieldPressure} Pa`,
        'time_s,platen_z_m,platen_pressure_Pa,solid_fraction,density_kg_m3,inertial_number,heckel_y',
        ...this.compaction.map((c) => `${c.time},${c.platenZ},${c.pressure},${c.solidFraction},${c.density},${c.inertialNumber},${c.pressure > 0 && c.solidFraction < 1 ? Math.log(1 / (1 - c.solidFraction)) : ''}`),
      ].join('\n') + '\n';
    }
    if (id === 'forces') {
      const r = latestForceRecord(this.records);
      if (!r) return '# no protocol step with contacts has finished yet\nf_over_mean,probability_density\n';
      const tail = tailCurve(r.forceHistogram, r.forces.tailBeta);
      return [
        `# protocol step ${r.index} (${r.type}) end: ${r.forces.contacts} contacts, mean ${r.forces.mean} N, max ${r.forces.max} N, tail rate beta = ${r.forces.tailBeta}`,
        'f_over_mean,probability_density,exponential_tail',
        ...r.forceHistogram.x.map((x, k) => `${x},${r.forceHistogram.p[k]},${tail[k] ?? ''}`),
      ].join('\n') + '\n';
    }
    const rows = id === 'phiTime'
      ? ['step,time_s,solid_fraction', ...this.samples.map((s) => `${s.step},${s.time},${s.solidFraction}`)]
      : ['step,time_s,solid_fraction,platen_pressure_Pa', ...this.samples.map((s) => `${s.step},${s.time},${s.solidFraction},${s.platenPressure}`)];
    return rows.join('\n') + '\n';
  }
}
