// The protocol progress estimator (src/worker/eta.ts) on synthetic runs whose remaining time is
// known exactly: fixed-duration steps, a linear press, an exponential settle, the maxTime cap and
// the steps it refuses to estimate.
import { describe, expect, it } from 'vitest';
import { ProtocolEta, formatDuration, stepLabel, type EtaObservation } from '../../src/worker/eta';
import type { ProtocolStep } from '../../src/scene/schema';

const DT = 1e-6; // s per step
const SPS = 1000; // steps per wall second

function obs(step: number, protocolIndex: number, o: Partial<EtaObservation> = {}): EtaObservation {
  return {
    step, time: step * DT, timestep: DT, protocolIndex, done: false, stepsPerSecond: SPS,
    density: 0, solidFraction: 0, platenPressure: 0, platenZ: 1e-4, platenForce: 0, rmsSpeed: 0, ...o,
  };
}

describe('protocol ETA', () => {
  it('fixed-duration steps: exact fraction and time left; later timed steps are summed', () => {
    const protocol: ProtocolStep[] = [{ type: 'hold', time: 1e-3 }, { type: 'run', time: 2e-3 }, { type: 'release', velocity: 0.01, maxTime: 1e-3 }];
    const eta = new ProtocolEta(protocol);
    eta.update(obs(0, 0));
    const e = eta.update(obs(300, 0));
    expect(e.fraction).toBeCloseTo(0.3, 12);
    expect(e.etaSeconds).toBeCloseTo(0.7, 9); // 700 steps at 1000 steps/s
    expect(e.later).toBe('then 2 more: 1 timed (2 s), 1 not estimated until they start');
    expect(e.label).toBe('hold the platen for 1 ms');
  });

  it('a press whose density rises linearly: ETA = remaining steps / speed', () => {
    const protocol: ProtocolStep[] = [{ type: 'press', velocity: 0.05, until: { density: 1300 }, maxTime: 1, inertialNumber: null }];
    const eta = new ProtocolEta(protocol);
    const density = (k: number) => 900 + 0.1 * k; // reaches 1300 at k = 4000
    let e = eta.update(obs(0, 0, { density: density(0) }));
    expect(e.fraction).toBe(0);
    expect(e.etaSeconds).toBeNull(); // no rate yet
    for (let k = 100; k <= 1000; k += 100) e = eta.update(obs(k, 0, { density: density(k) }));
    expect(e.fraction).toBeCloseTo(0.25, 12);
    expect(e.etaSeconds).toBeCloseTo(3, 9);
    expect(e.basis).toBe('from the recent rate');
    expect(e.label).toBe('press to 1.3 g/cm³');
  });

  it('a press that starts with a flat stretch (platen approaching the bed) measures its rate from when progress starts', () => {
    const protocol: ProtocolStep[] = [{ type: 'press', velocity: 0.05, until: { density: 1300 }, maxTime: 1, inertialNumber: null }];
    const eta = new ProtocolEta(protocol);
    // flat for 5000 steps, then +0.1 kg/m³ per step: reaches 1300 at step 9000
    const density = (k: number) => (k < 5000 ? 900 : 900 + 0.1 * (k - 5000));
    let e = eta.update(obs(0, 0, { density: density(0) }));
    for (let k = 100; k <= 5000; k += 100) e = eta.update(obs(k, 0, { density: density(k) }));
    expect(e.fraction).toBe(0);
    expect(e.etaSeconds).toBeNull(); // no progress yet: "estimating"
    for (let k = 5100; k <= 5400; k += 100) e = eta.update(obs(k, 0, { density: density(k) }));
    expect(e.fraction).toBeCloseTo(0.1, 12);
    expect(e.etaSeconds).toBeCloseTo(3.6, 9); // 3600 steps left at the rate since step 5000, not since 0
  });

  it('a settle with exponentially decaying speed: estimating before the peak, exact after', () => {
    const protocol: ProtocolStep[] = [{ type: 'fill', maxTime: 1, settleSpeed: 1e-3 }];
    const eta = new ProtocolEta(protocol);
    // speed rises to 1 m/s at step 500, then decays by e every 100 steps: 1e-3 at 500 + 100 ln 1000
    const v = (k: number) => (k <= 500 ? (k + 1) / 501 : Math.exp(-(k - 500) / 100));
    let e = eta.update(obs(0, 0, { rmsSpeed: v(0) }));
    for (let k = 50; k <= 500; k += 50) {
      e = eta.update(obs(k, 0, { rmsSpeed: v(k) }));
      expect(e.fraction).toBeNull();
    }
    for (let k = 550; k <= 700; k += 50) e = eta.update(obs(k, 0, { rmsSpeed: v(k) }));
    const end = 500 + 100 * Math.log(1000);
    expect(e.fraction).toBeCloseTo(200 / (end - 500), 9);
    expect(e.etaSeconds).toBeCloseTo((end - 700) / SPS, 6);
  });

  it('the step\'s maxTime caps the estimate; taps, paused runs and finished protocols are said so', () => {
    const press: ProtocolStep[] = [{ type: 'press', velocity: 0.05, until: { pressure: 1e6 }, maxTime: 1.5e-3, inertialNumber: null }];
    const eta = new ProtocolEta(press);
    eta.update(obs(0, 0, { platenPressure: 0 }));
    const e = eta.update(obs(1000, 0, { platenPressure: 1e5 })); // 10 % in 1000 steps: 9 s at this rate
    expect(e.etaSeconds).toBeCloseTo(0.5, 9); // but maxTime ends it 500 steps later
    expect(e.basis).toMatch(/maxTime/);
    const tap = new ProtocolEta([{ type: 'tap', cycles: 3, height: 1e-4, settleSpeed: 1e-3, maxTime: 0.01 }]);
    expect(tap.update(obs(10, 0)).fraction).toBeNull();
    expect(new ProtocolEta(press).update(obs(5, 1, { done: true }))).toMatchObject({ fraction: 1, etaSeconds: 0, index: 1 });
    const paused = new ProtocolEta([{ type: 'hold', time: 1e-3 }]);
    expect(paused.update(obs(10, 0, { stepsPerSecond: 0 })).etaSeconds).toBeNull(); // never measured a speed
  });

  it('formats durations and labels in display units', () => {
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(7500)).toBe('2 h 5 min');
    expect(stepLabel({ type: 'servo', pressure: 1e6, time: 5e-4, gain: null })).toBe('hold 1 MPa for 0.5 ms');
    expect(stepLabel({ type: 'press', velocity: 0.05, until: { solidFraction: 0.62 }, maxTime: 0.01, inertialNumber: null })).toBe('press to solid fraction 0.62');
  });
});
