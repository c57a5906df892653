// Progress and time-to-go of a running protocol, for the progress bar. Honest by construction:
// a fraction is given only where the protocol step has a measurable target, and the ETA is the
// remaining fraction over the RECENT rate (not a model of the physics), capped by the step's
// maxTime; where nothing can be measured yet the estimate is null ("estimating").
//
// Per step type (the criteria are those of src/scene/runner.ts):
//   servo, hold, run     exact: simulated time elapsed / the step's time (fixed timestep)
//   press                (x − x₀)/(target − x₀) for the 'until' quantity (density, solid fraction,
//                        pressure, platen z); pressure grows faster near the end (Hertz), so the
//                        recent-rate ETA then errs long
//   fill, settle         rms speed decays to settleSpeed: ln(v_peak/v)/ln(v_peak/v_stop) once the
//                        speed falls from its peak (before that: estimating)
//   release              1 − F/F₀ of the platen force (the step ends when F ≤ 0)
//   tap                  not estimated (cycle count is inside the runner)
// Pure: no World, no DOM; the worker feeds it observations (tests/worker/eta.test.ts).

import type { ProtocolStep } from '../scene/schema';
import type { ProtocolEstimate } from './messages';

export interface EtaObservation {
  step: number;
  /** Simulated time, s. */
  time: number;
  timestep: number;
  protocolIndex: number;
  done: boolean;
  /** Recent steps per wall second (0 while paused). */
  stepsPerSecond: number;
  density: number;
  solidFraction: number;
  platenPressure: number;
  platenZ: number;
  platenForce: number;
  rmsSpeed: number;
}

/** Observations older than this fraction of the current step's steps do not set the rate. */
const WINDOW_FRACTION = 0.3;
const MIN_WINDOW_STEPS = 1000;

const fmt = (x: number, digits = 3) => Number(x.toPrecision(digits)).toString();

/** One-line description of a protocol step, display units. */
export function stepLabel(s: ProtocolStep): string {
  switch (s.type) {
    case 'fill': return `pour until the rms speed < ${fmt(s.settleSpeed * 1e3)} mm/s`;
    case 'settle': return `settle until the rms speed < ${fmt(s.settleSpeed * 1e3)} mm/s`;
    case 'tap': return `${s.cycles} taps from ${fmt(s.height * 1e6)} µm`;
    case 'press': {
      const u = s.until;
      const to = 'density' in u ? `${fmt(u.density / 1e3)} g/cm³`
        : 'solidFraction' in u ? `solid fraction ${fmt(u.solidFraction)}`
          : 'pressure' in u ? `${fmt(u.pressure / 1e6)} MPa` : `z = ${fmt(u.z * 1e6)} µm`;
      return `press to ${to}`;
    }
    case 'servo': return `hold ${fmt(s.pressure / 1e6)} MPa for ${fmt(s.time * 1e3)} ms`;
    case 'hold': return `hold the platen for ${fmt(s.time * 1e3)} ms`;
    case 'release': return 'release until the platen is free';
    case 'run': return `run ${fmt(s.time * 1e3)} ms`;
  }
}

export class ProtocolEta {
  private index = -1;
  private startStep = 0;
  private startTime = 0;
  private start = 0;
  private peakSpeed = 0;
  private history: Array<{ step: number; f: number }> = [];
  private sps = 0;

  constructor(private readonly protocol: readonly ProtocolStep[]) {}

  update(o: EtaObservation): ProtocolEstimate {
    const total = this.protocol.length;
    // the worker's rate is over the last ~100 ms and jumps with the machine's load: smooth it
    if (o.stepsPerSecond > 0) this.sps = this.sps > 0 ? 0.7 * this.sps + 0.3 * o.stepsPerSecond : o.stepsPerSecond;
    if (o.done || o.protocolIndex >= total) {
      return { index: total, total, label: 'protocol finished', fraction: 1, etaSeconds: 0, basis: '', later: '' };
    }
    const s = this.protocol[o.protocolIndex];
    if (o.protocolIndex !== this.index) this.enter(o, s);
    const f = this.fraction(o, s);
    let eta: number | null = null;
    let basis = '';
    const maxTime = 'maxTime' in s ? s.maxTime : null;
    if (f !== null) {
      // while the fraction has not moved (e.g. the platen still approaching the bed) keep only the
      // latest point, so the rate is measured from when progress starts
      if (this.history.length > 0 && f <= this.history[0].f) this.history = [];
      this.history.push({ step: o.step, f });
      const window = Math.max(MIN_WINDOW_STEPS, WINDOW_FRACTION * (o.step - this.startStep));
      while (this.history.length > 2 && this.history[1].step <= o.step - window) this.history.shift();
      const first = this.history[0];
      if (s.type === 'servo' || s.type === 'hold' || s.type === 'run') {
        eta = this.sps > 0 ? (this.startTime + s.time - o.time) / o.timestep / this.sps : null;
        basis = 'fixed duration';
      } else if (first && o.step > first.step && f > first.f && this.sps > 0) {
        const rate = (f - first.f) / (o.step - first.step); // per step
        eta = (1 - f) / rate / this.sps;
        // the speed of a pour does not decay steadily (collisions with the bed first): say so
        basis = s.type === 'fill' || s.type === 'settle' ? 'rough: recent decay of the rms speed' : 'from the recent rate';
      }
    }
    if (maxTime !== null && eta !== null && this.sps > 0) {
      // the step gives up at maxTime whatever the rate says
      const cap = Math.max(0, this.startTime + maxTime - o.time) / o.timestep / this.sps;
      if (cap < eta) { eta = cap; basis = 'capped by the step\'s maxTime'; }
    }
    return {
      index: o.protocolIndex, total, label: stepLabel(s), fraction: f, etaSeconds: eta, basis,
      later: this.later(o),
    };
  }

  private enter(o: EtaObservation, s: ProtocolStep): void {
    this.index = o.protocolIndex;
    this.startStep = o.step;
    this.startTime = o.time;
    this.history = [];
    this.peakSpeed = 0;
    if (s.type === 'press') this.start = this.pressValue(o, s);
    else if (s.type === 'release') this.start = o.platenForce;
  }

  private pressValue(o: EtaObservation, s: Extract<ProtocolStep, { type: 'press' }>): number {
    const u = s.until;
    return 'density' in u ? o.density : 'solidFraction' in u ? o.solidFraction : 'pressure' in u ? o.platenPressure : o.platenZ;
  }

  private fraction(o: EtaObservation, s: ProtocolStep): number | null {
    const clamp = (x: number) => Math.min(1, Math.max(0, x));
    switch (s.type) {
      case 'servo': case 'hold': case 'run':
        return clamp((o.time - this.startTime) / s.time);
      case 'press': {
        const u = s.until;
        const target = 'density' in u ? u.density : 'solidFraction' in u ? u.solidFraction : 'pressure' in u ? u.pressure : u.z;
        const span = target - this.start;
        if (span === 0 || !Number.isFinite(span)) return null;
        return clamp((this.pressValue(o, s) - this.start) / span);
      }
      case 'fill': case 'settle': {
        const v = o.rmsSpeed;
        if (!(v > 0)) return null;
        if (v >= this.peakSpeed) { this.peakSpeed = v; return null; }
        if (this.peakSpeed <= s.settleSpeed) return 1;
        return clamp(Math.log(this.peakSpeed / v) / Math.log(this.peakSpeed / s.settleSpeed));
      }
      case 'release':
        return this.start > 0 ? clamp(1 - o.platenForce / this.start) : null;
      case 'tap':
        return null;
    }
  }

  /** What follows the current step: fixed-duration steps are summed, the others only counted. */
  private later(o: EtaObservation): string {
    const rest = this.protocol.slice(o.protocolIndex + 1);
    if (rest.length === 0) return 'last step';
    let seconds = 0;
    let unknown = 0;
    for (const s of rest) {
      if ((s.type === 'servo' || s.type === 'hold' || s.type === 'run') && this.sps > 0) seconds += s.time / o.timestep / this.sps;
      else unknown++;
    }
    const known = rest.length - unknown;
    const parts: string[] = [];
    if (known > 0) parts.push(`${known} timed (${formatDuration(seconds)})`);
    if (unknown > 0) parts.push(`${unknown} not estimated until they start`);
    return `then ${rest.length} more: ${parts.join(', ')}`;
  }
}

/** "45 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
