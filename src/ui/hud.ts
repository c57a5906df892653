// The status card (top left): run state, live numbers, Start/Pause, Step, Reset, the error box
// (text only, never HTML) and the performance readout. Element ids are what the e2e tests use.

import type { FrameMetrics, ProgressEvent, ProtocolEstimate } from '../worker/messages';
import { formatDuration } from '../worker/eta';

export type RunState = 'loading' | 'ready' | 'running' | 'paused' | 'done' | 'error';

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
}

const int = new Intl.NumberFormat('en-US');
const rate = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function pressure(pa: number): string {
  const a = Math.abs(pa);
  if (a >= 1e9) return `${(pa / 1e9).toPrecision(3)} GPa`;
  if (a >= 1e6) return `${(pa / 1e6).toPrecision(3)} MPa`;
  if (a >= 1e3) return `${(pa / 1e3).toPrecision(3)} kPa`;
  return `${pa.toPrecision(3)} Pa`;
}

export class Hud {
  readonly el = {
    status: $('status'), scene: $('scene'), count: $('count'), step: $('step'), time: $('time'),
    rate: $('rate'), protocol: $('protocol'), phi: $('phi'), pressure: $('pressure'), hash: $('hash'),
    play: $('play') as HTMLButtonElement, stepOnce: $('stepOnce') as HTMLButtonElement, reset: $('reset') as HTMLButtonElement,
    copyLink: $('copyLink') as HTMLButtonElement,
    progressBox: $('progressBox'), progressFill: $('progressFill'), eta: $('eta'),
    error: $('error'), perf: $('perf'), backend: $('backend'), footer: $('footer'),
  };
  state: RunState = 'loading';
  private everStarted = false;
  sceneCount = 0;

  setState(next: RunState, text?: string): void {
    this.state = next;
    const e = this.el;
    e.status.dataset.state = next;
    e.status.textContent =
      text ?? { loading: 'Loading…', ready: 'Ready', running: 'Running', paused: 'Paused', done: 'Done', error: 'Error' }[next];
    const runnable = next === 'ready' || next === 'running' || next === 'paused';
    e.play.disabled = !runnable;
    e.stepOnce.disabled = !(next === 'ready' || next === 'paused');
    e.play.textContent = next === 'running' ? 'Pause' : this.everStarted && next === 'paused' ? 'Resume' : 'Start';
    e.reset.disabled = next === 'loading';
  }

  started(): void { this.everStarted = true; }

  ready(count: number): void {
    this.everStarted = false;
    this.sceneCount = count;
    this.el.count.textContent = int.format(count);
    this.el.hash.textContent = '—';
    this.clearError();
    this.setState('ready');
  }

  showError(message: string): void {
    this.el.error.textContent = message;
    this.el.error.hidden = false;
    this.setState('error');
  }

  clearError(): void {
    this.el.error.textContent = '';
    this.el.error.hidden = true;
  }

  progress(p: ProgressEvent): void {
    const e = this.el;
    e.count.textContent = p.count < this.sceneCount
      ? `${int.format(p.count)} of ${int.format(this.sceneCount)} inserted`
      : int.format(p.count);
    e.step.textContent = int.format(p.step);
    e.time.textContent = (p.time * 1e3).toFixed(3);
    e.rate.textContent = p.running ? rate.format(p.stepsPerSecond) : '—';
    e.protocol.textContent = p.protocolStep ? `${p.protocolStep} (${p.protocolIndex + 1})` : '—';
    this.estimate(p.estimate, p.running);
    if (this.state === 'error') return;
    if (p.done) this.setState('done');
    else if (p.running) this.setState('running');
    else if (this.state === 'running' || (this.state === 'ready' && p.step > 0)) this.setState('paused');
  }

  /** The progress bar: the current protocol step's fraction and the ETA, or "estimating". */
  estimate(est: ProtocolEstimate, running: boolean): void {
    const e = this.el;
    const bar = e.progressBox.querySelector('.bar')!;
    if (est.index >= est.total) {
      e.progressFill.style.width = '100%';
      delete e.progressBox.dataset.unknown;
      bar.setAttribute('aria-valuenow', '100');
      e.eta.textContent = `Protocol finished (${est.total} steps).`;
      return;
    }
    const head = `Step ${est.index + 1} of ${est.total}: ${est.label}`;
    if (est.fraction === null) {
      e.progressBox.dataset.unknown = '';
      bar.removeAttribute('aria-valuenow');
      e.eta.textContent = `${head} · ${running ? 'estimating…' : 'not running'}`;
    } else {
      delete e.progressBox.dataset.unknown;
      const pct = Math.floor(100 * est.fraction);
      e.progressFill.style.width = `${pct}%`;
      bar.setAttribute('aria-valuenow', String(pct));
      const left = !running ? 'paused' : est.etaSeconds === null ? 'estimating…' : `about ${formatDuration(est.etaSeconds)} left (${est.basis})`;
      e.eta.textContent = `${head} · ${pct} % · ${left}`;
    }
    e.eta.textContent += `\n${est.later}`;
  }

  /** trueDensity (kg/m³, the particles' material): the solid fraction is also shown as an electrode density in g/cm³. */
  metrics(m: FrameMetrics, trueDensity: number | null = null): void {
    this.el.phi.textContent = m.solidFraction > 0
      ? `${m.solidFraction.toFixed(3)}${trueDensity ? ` · ${((m.solidFraction * trueDensity) / 1000).toFixed(3)} g/cm³` : ''}`
      : '—';
    this.el.pressure.textContent = m.platenPressure > 0 ? pressure(m.platenPressure) : '0';
  }

  hash(hash: string, step: number): void {
    this.el.hash.textContent = hash;
    this.el.hash.title = `at step ${step}`;
  }
}
