// Electrode Lab page (interim, until the three.js viewer lands): starts the simulation worker,
// shows its live numbers and drives it with Start/Pause and Reset. All worker traffic follows
// src/worker/messages.ts.

import { presets } from './scene/presets';
import type { ProgressEvent, WorkerCommand, WorkerEvent } from './worker/messages';

const PRESET = 'pour-small';

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
}

const ui = {
  status: $('status'),
  scene: $('scene'),
  count: $('count'),
  step: $('step'),
  time: $('time'),
  rate: $('rate'),
  protocol: $('protocol'),
  hash: $('hash'),
  play: $('play') as HTMLButtonElement,
  reset: $('reset') as HTMLButtonElement,
  error: $('error'),
  footer: $('footer'),
};

type State = 'loading' | 'ready' | 'running' | 'paused' | 'done' | 'error';
let state: State = 'loading';
let everStarted = false;
/** Particles in the scene (from 'ready'); progress.count is how many have been inserted so far. */
let sceneCount = 0;

const stepFormat = new Intl.NumberFormat('en-US');
const rateFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function setState(next: State, text?: string): void {
  state = next;
  ui.status.dataset.state = next;
  ui.status.textContent =
    text ??
    { loading: 'Loading…', ready: 'Ready', running: 'Running', paused: 'Paused', done: 'Done', error: 'Error' }[next];
  const runnable = next === 'ready' || next === 'running' || next === 'paused';
  ui.play.disabled = !runnable;
  ui.play.textContent = next === 'running' ? 'Pause' : everStarted && next === 'paused' ? 'Resume' : 'Start';
  ui.reset.disabled = next === 'loading';
}

/** Errors are shown as text only (never parsed as HTML). */
function showError(message: string): void {
  ui.error.textContent = message;
  ui.error.hidden = false;
  setState('error');
}

function clearError(): void {
  ui.error.textContent = '';
  ui.error.hidden = true;
}

function showProgress(p: ProgressEvent): void {
  ui.count.textContent =
    p.count < sceneCount
      ? `${stepFormat.format(p.count)} of ${stepFormat.format(sceneCount)} inserted`
      : stepFormat.format(p.count);
  ui.step.textContent = stepFormat.format(p.step);
  ui.time.textContent = (p.time * 1e6).toFixed(3);
  ui.rate.textContent = p.running ? rateFormat.format(p.stepsPerSecond) : '—';
  ui.protocol.textContent = p.protocolStep ? `${p.protocolStep} (#${p.protocolIndex + 1})` : '—';
  if (state === 'error') return;
  if (p.done) setState('done');
  else if (p.running) setState('running');
  else if (state === 'running' || (state === 'ready' && p.step > 0)) setState('paused');
}

const worker = new Worker(new URL('./worker/sim.worker.ts', import.meta.url), { type: 'module' });

function send(cmd: WorkerCommand): void {
  worker.postMessage(cmd);
}

worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
  const ev = e.data;
  switch (ev.type) {
    case 'ready':
      clearError();
      everStarted = false;
      sceneCount = ev.count;
      ui.count.textContent = stepFormat.format(ev.count);
      ui.hash.textContent = '—';
      setState('ready');
      break;
    case 'progress':
      showProgress(ev);
      break;
    case 'hash':
      ui.hash.textContent = ev.hash;
      ui.hash.title = `at step ${ev.step}`;
      break;
    case 'error':
      showError(ev.message);
      break;
  }
};
worker.onerror = (e: ErrorEvent) => {
  e.preventDefault();
  showError(`The simulation worker failed: ${e.message || 'it could not be started (see the browser console)'}`);
};
worker.onmessageerror = () => showError('A message from the simulation worker could not be read.');

ui.play.addEventListener('click', () => {
  if (state === 'running') {
    send({ type: 'pause' });
  } else {
    everStarted = true;
    send({ type: 'play' });
  }
});
ui.reset.addEventListener('click', () => {
  clearError();
  ui.hash.textContent = '—';
  setState('loading', 'Resetting…');
  send({ type: 'reset' });
});

ui.footer.textContent = crossOriginIsolated
  ? 'Cross-origin isolated: shared memory available.'
  : 'Not cross-origin isolated: serve with COOP/COEP headers (see README).';

// Debug/test hook: lets the console and the e2e tests speak the worker contract directly.
declare global {
  interface Window {
    electrodeLab: { send(cmd: WorkerCommand): void; preset: string };
  }
}
window.electrodeLab = { send, preset: PRESET };

const preset = presets.get(PRESET);
if (!preset) {
  showError(`Unknown preset "${PRESET}".`);
} else {
  ui.scene.textContent = preset.title;
  ui.scene.title = preset.description;
  try {
    send({ type: 'load', scene: preset.build() });
  } catch (err) {
    showError(err instanceof Error ? err.message : String(err));
  }
}
