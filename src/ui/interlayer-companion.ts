// Interlayer compare mode's second run (`?preset=A&compare=B`, both interlayer presets): its own
// interlayer worker and 3-D view beside the main ones, e.g. the 65 MPa interlayer next to the bare
// cell (the teacher's "the bare cell next to it grows lithium against the electrolyte"). The page
// starts, pauses and resumes both together; its pane label says what this run has done. Speaks the
// same contract (src/worker/messages.ts, InterlayerCommand / InterlayerEvent) as the main run.
import type { IlSpheresEvent, IlStartCommand, IlVoxelsEvent, InterlayerEvent } from '../worker/messages';
import type { InterlayerView } from '../view/interlayer-view';

/** What a run's page state reports (the main run's InterlayerState extends it). */
export interface RunState {
  stage: string;
  running: boolean;
  done: boolean;
  error: string | null;
  samples: number;
  /** Li on the anode now, mAh/cm² */
  capacity: number;
  liVoxels: number;
  spheres: number;
  atCollectorShare: number | null;
}

export interface CompanionState extends RunState {
  preset: string;
  title: string;
  contactFraction: number | null;
}

/**
 * A fresh interlayer worker (src/worker/interlayer.worker.ts) whose events go to `onEvent` while it is the
 * current one (`current()`): a terminated worker's queued messages are dropped. A worker that fails to start
 * reports an 'ilError'.
 */
export function interlayerWorker(onEvent: (ev: InterlayerEvent) => void, current: (w: Worker) => boolean = () => true): Worker {
  const w = new Worker(new URL('../worker/interlayer.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<InterlayerEvent>) => { if (current(w)) onEvent(e.data); };
  w.onerror = (e) => { e.preventDefault(); if (current(w)) onEvent({ type: 'ilError', message: `The interlayer worker failed: ${e.message || 'it could not start'}` }); };
  return w;
}

/** "1.00 mAh/cm² plated", or "… on the anode after N cycles": the run's state in a picture's title. */
export const capacityPhrase = (capacity: number, cycles: number): string =>
  `${capacity.toFixed(2)} mAh/cm² ${cycles > 0 ? `on the anode after ${cycles} cycle${cycles > 1 ? 's' : ''}` : 'plated'}`;

export class InterlayerCompanion {
  private worker: Worker | null = null;
  view: InterlayerView | null = null;
  private spheres: IlSpheresEvent | null = null;
  private voxels: IlVoxelsEvent | null = null;
  readonly state: CompanionState;
  /** Called when its cell arrives or changes (spheres, voxels): the page re-applies the cut and the δD map. */
  onCell: (() => void) | null = null;
  /** Called when its label text or state changes (the page mirrors it in its panel; errors in its error box). */
  onChange: ((text: string) => void) | null = null;
  /** The latest voxel event (grid, Li pore sizes, the run's mechanism parameters), or null. */
  get lastVoxels(): IlVoxelsEvent | null { return this.voxels; }
  /** The label's text now. */
  text = '';

  constructor(readonly preset: string, title: string, private readonly label: HTMLElement) {
    this.state = { preset, title, stage: '—', running: false, done: false, error: null, samples: 0, capacity: 0, liVoxels: 0, spheres: 0, atCollectorShare: null, contactFraction: null };
    this.show('');
  }

  attach(v: InterlayerView): void {
    this.view = v;
    if (this.spheres) v.setSpheres(this.spheres);
    if (this.voxels) v.setVoxels(this.voxels);
  }

  /** Starts this preset with the main run's seed, δD and cycles (its own stack pressure: the preset's). */
  start(cmd: Omit<IlStartCommand, 'type' | 'preset' | 'stackPressure'>): void {
    this.worker?.terminate();   // a fresh worker per run, as the main run
    this.spheres = null; this.voxels = null;
    this.view?.reset();
    Object.assign(this.state, { stage: 'starting', running: false, done: false, error: null, samples: 0, capacity: 0, liVoxels: 0, spheres: 0, atCollectorShare: null, contactFraction: null });
    const w = interlayerWorker((ev) => this.handle(ev), (x) => this.worker === x);
    this.worker = w;
    w.postMessage({ type: 'ilStart', preset: this.preset, stackPressure: null, ...cmd });
    this.show('starting…');
  }

  pause(on: boolean): void { if (this.worker && !this.state.done) this.worker.postMessage({ type: on ? 'ilPause' : 'ilResume' }); }

  private show(text: string): void {
    this.text = text ? `${this.state.title} · ${text}` : this.state.title;
    this.label.textContent = this.text;
    this.label.classList.toggle('error', this.state.error !== null);
    this.onChange?.(this.text);
  }

  private handle(ev: InterlayerEvent): void {
    const s = this.state;
    switch (ev.type) {
      case 'ilReady': s.title = ev.title; this.show('ready'); return;
      case 'ilProgress': {
        s.stage = ev.stage; s.running = ev.running;
        s.samples += ev.plating.length;
        const last = ev.plating[ev.plating.length - 1];
        if (last) { s.capacity = last.capacity; s.contactFraction = last.contactFraction; }
        this.show(ev.stage === 'plating' || ev.stage === 'done'
          ? `${Math.round(100 * ev.fraction)} % · Li ${s.capacity.toFixed(3)} mAh/cm² · Li–SE contact ${s.contactFraction === null ? '—' : (100 * s.contactFraction).toFixed(1)} %`
          : `${Math.round(100 * ev.fraction)} % · ${ev.stage}`);
        return;
      }
      case 'ilSpheres': this.spheres = ev; s.spheres = ev.count; this.view?.setSpheres(ev); this.onCell?.(); return;
      case 'ilVoxels': this.voxels = ev; s.liVoxels = ev.liCount; this.view?.setVoxels(ev); this.onCell?.(); return;
      case 'ilDone': {
        const f = ev.final;
        s.done = true; s.running = false; s.atCollectorShare = f.atCollectorShare; s.contactFraction = f.contactFraction; s.capacity = f.capacity;
        const cyc = ev.cycles.length ? ` · stripped/plated ${ev.cycles.map((y) => `${(100 * y.efficiency).toFixed(1)} %`).join(', ')}` : '';
        this.show(`done: ${(100 * f.atCollectorShare).toFixed(1)} % of the Li at the collector, Li–SE contact ${(100 * f.contactFraction).toFixed(1)} %, ${f.penetrations} penetrations${cyc}${ev.stopped ? ` · stopped early: ${ev.stopped}` : ''}`);
        return;
      }
      case 'ilError': s.error = ev.message; s.running = false; this.show(`error: ${ev.message}`); return;
    }
  }
}
