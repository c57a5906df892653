// Tiny DOM builders for the science panels. Text goes in through textContent only (never HTML), so
// anything a user pastes or a file contains cannot inject markup.

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** A labelled control on one row. */
export function row(label: string, control: HTMLElement, title = ''): HTMLLabelElement {
  const l = el('label', { class: 'sci-row', ...(title ? { title } : {}) }, el('span', { text: label }), control);
  return l;
}

/** A progress bar (role=progressbar) with a text line under it. */
export class ProgressLine {
  readonly root: HTMLElement;
  private fill: HTMLElement;
  private text: HTMLElement;
  private bar: HTMLElement;
  constructor(label: string, attrs: Record<string, string> = {}) {
    this.fill = el('div', { class: 'sci-fill' });
    this.bar = el('div', { class: 'sci-bar', role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': '100' }, this.fill);
    this.text = el('div', { class: 'sci-progress-text' });
    this.root = el('div', { class: 'sci-progress', ...attrs }, this.bar, this.text);
    this.root.hidden = true;
  }
  set(fraction: number | null, text: string): void {
    this.root.hidden = false;
    const pct = fraction === null ? 100 : Math.round(100 * Math.max(0, Math.min(1, fraction)));
    this.fill.style.width = `${pct}%`;
    this.fill.style.opacity = fraction === null ? '0.3' : '1';
    this.bar.setAttribute('aria-valuenow', String(pct));
    this.text.textContent = text;
  }
  hide(): void { this.root.hidden = true; }
}

/** Number of an <input>, or an error naming the parameter and its allowed range. */
export function readInt(input: HTMLInputElement, name: string, lo: number, hi: number): number {
  const v = Number(input.value);
  if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`${name} must be a whole number from ${lo.toLocaleString('en-US')} to ${hi.toLocaleString('en-US')}, got "${input.value.slice(0, 40)}".`);
  return v;
}
