// The "Open a particle file" panel (issue #6): a file picker (drag-and-drop onto the page does the
// same), the unit style of dumps without ITEM: UNITS, a progress bar while the file worker reads,
// errors as text (a DumpError names its line), the colour column, and a timeline (slider + play)
// for multi-frame dumps. It only edits its own controls and calls the handlers; src/main.ts talks
// to src/worker/file.worker.ts.
import type { FileColumn, FileLoadedEvent, FileUnits } from '../worker/messages';
import { button, el, ProgressLine, row } from './dom';

export interface FilePanelHandlers {
  onOpen(file: File): void;
  onFrame(index: number): void;
  onColumn(name: string | null): void;
  onUnits(units: FileUnits): void;
  onLeave(): void;
}

/** Frames per second of the timeline's playback (each frame is one request to the file worker). */
export const PLAYBACK_FPS = 4;

const bytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} kB`);

export class FilePanel {
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  private units: HTMLSelectElement;
  private progress = new ProgressLine('File loading progress');
  private error: HTMLElement;
  private info: HTMLElement;
  private column: HTMLSelectElement;
  private slider: HTMLInputElement;
  private playB: HTMLButtonElement;
  private frameLabel: HTMLElement;
  private timeline: HTMLElement;
  private loadedBox: HTMLElement;
  private timer = 0;
  /** The loaded file (null before one loads). */
  file: FileLoadedEvent | null = null;
  frame = 0;
  playing = false;

  constructor(private readonly h: FilePanelHandlers) {
    this.input = el('input', { type: 'file', accept: '.dump,.gz,.lammpstrj,.txt,.vtp,.liggghts,*', 'data-file': 'input', 'aria-label': 'Particle file' });
    this.input.addEventListener('change', () => { const f = this.input.files?.[0]; if (f) h.onOpen(f); this.input.value = ''; });
    this.units = el('select', { 'data-file': 'units', title: 'LAMMPS unit style of a dump without ITEM: UNITS. auto: SI, unless the median radius is ≥ 1 m, which is read as units micro (µm, µs, pg) as LIGGGHTS decks of micron particles write' });
    for (const [v, t] of [['auto', 'auto (file, else SI / micro by radius)'], ['si', 'SI (m, s, kg)'], ['micro', 'micro (µm, µs, pg)']]) this.units.append(el('option', { value: v, text: t }));
    this.units.addEventListener('change', () => h.onUnits(this.units.value as FileUnits));
    this.error = el('div', { class: 'sci-error', role: 'alert', 'data-file': 'error' });
    this.error.hidden = true;
    this.info = el('p', { class: 'sci-note', 'data-file': 'info' });
    this.column = el('select', { 'data-file': 'column', 'aria-label': 'Colour by column' });
    this.column.addEventListener('change', () => h.onColumn(this.column.value || null));
    this.slider = el('input', { type: 'range', min: '0', max: '0', step: '1', value: '0', 'data-file': 'slider', 'aria-label': 'Frame' });
    this.slider.addEventListener('input', () => { this.stop(); this.show(Number(this.slider.value)); });
    this.playB = button('▶ Play', () => (this.playing ? this.stop() : this.play()), { 'data-file': 'play' });
    this.frameLabel = el('span', { class: 'sci-note', 'data-file': 'frame' });
    this.timeline = el('div', { class: 'sci-timeline' }, this.playB, this.slider, this.frameLabel);
    this.loadedBox = el('div', { class: 'sci-body' }, this.info, row('colour by', this.column), this.timeline,
      el('div', { class: 'buttons' }, button('Back to the simulation', () => { this.stop(); h.onLeave(); }, { 'data-file': 'leave' })));
    this.loadedBox.hidden = true;
    this.root = el('div', { class: 'sci-body' },
      el('p', { class: 'sci-note', text: 'LIGGGHTS/LAMMPS text dumps (also .gz) and VTK .vtp files; or drop a file anywhere on the page. The file is read in a worker; the simulation pauses while a file is shown.' }),
      this.input, row('dump units', this.units), this.progress.root, this.error, this.loadedBox);
  }

  loading(name: string, size: number): void {
    this.stop();
    this.error.hidden = true;
    this.progress.set(0, `Reading ${name} (${bytes(size)})…`);
  }

  progressed(fraction: number, read: number, total: number, frames: number): void {
    this.progress.set(fraction, `${Math.round(100 * fraction)} % · ${bytes(read)} of ${bytes(total)} · ${frames} frame${frames === 1 ? '' : 's'} complete`);
  }

  failed(message: string): void {
    this.progress.hide();
    this.error.textContent = message;
    this.error.hidden = false;
  }

  loaded(f: FileLoadedEvent, preferred: string | null): void {
    this.file = f;
    this.progress.set(1, `Read ${f.name} in ${f.seconds.toFixed(2)} s.`);
    const n = f.frames.length;
    const counts = [...new Set(f.frames.map((x) => x.count))];
    this.info.textContent = `${f.name}: ${f.format === 'vtp' ? 'VTK PolyData' : `${f.gzip ? 'gzip ' : ''}dump`}, ${n} frame${n === 1 ? '' : 's'}, ${counts.map((c) => c.toLocaleString('en-US')).join('/')} particles${f.units ? `, ITEM: UNITS ${f.units}` : ''}.`;
    this.column.replaceChildren(el('option', { value: '', text: 'none (uniform)' }),
      ...f.columns.map((c: FileColumn) => el('option', { value: c.name, text: c.unit && c.unit !== '?' ? `${c.name} [${c.unit}]` : c.name })));
    const pick = preferred && f.columns.some((c) => c.name === preferred) ? preferred : f.columns.some((c) => c.name === 'z') ? 'z' : '';
    this.column.value = pick;
    this.slider.max = String(n - 1);
    this.slider.value = '0';
    this.timeline.hidden = n < 2;
    this.loadedBox.hidden = false;
    this.frame = 0;
    this.label();
  }

  get selectedColumn(): string | null { return this.column.value || null; }
  get selectedUnits(): FileUnits { return this.units.value as FileUnits; }

  /** The frame now on screen (called when it arrived). */
  shown(index: number, timestep: number, units: string): void {
    this.frame = index;
    this.slider.value = String(index);
    this.label(timestep, units);
    if (this.playing) {
      const last = (this.file?.frames.length ?? 1) - 1;
      window.clearTimeout(this.timer);
      if (index >= last) this.stop();
      else this.timer = window.setTimeout(() => { if (this.playing) this.h.onFrame(index + 1); }, 1000 / PLAYBACK_FPS);
    }
  }

  private label(timestep?: number, units?: string): void {
    const n = this.file?.frames.length ?? 0;
    const ts = timestep ?? this.file?.frames[this.frame]?.timestep ?? 0;
    this.frameLabel.textContent = `frame ${this.frame + 1} of ${n} · timestep ${ts.toLocaleString('en-US')}${units ? ` · units ${units}` : ''}`;
  }

  private show(index: number): void { this.h.onFrame(index); }

  play(): void {
    if (!this.file || this.file.frames.length < 2) return;
    this.playing = true;
    this.playB.textContent = '⏸ Pause';
    const last = this.file.frames.length - 1;
    this.h.onFrame(this.frame >= last ? 0 : this.frame + 1);
  }

  stop(): void {
    this.playing = false;
    window.clearTimeout(this.timer);
    this.playB.textContent = '▶ Play';
  }

  /** Leaving file mode (a preset or scene was loaded): forget the file. */
  reset(): void {
    this.stop();
    this.file = null;
    this.loadedBox.hidden = true;
    this.progress.hide();
  }
}
