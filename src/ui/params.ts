// The scene-parameter editor (lil-gui), generated from the schema's descriptor tree
// (src/scene/schema.ts): every number is shown in its display unit with the range and the
// descriptor's doc as a tooltip. An edit is tried on a copy of the scene and checked by the scene
// validator (the same one the worker, the CLI and share links use); a refused value is put back and
// the validator's reason is shown under the control (as text). "Apply" reloads the scene.
//
// Editable: numbers (null-able ones take "null"), enums, strings, material references, the value
// of a press criterion. Shown read-only: union kinds (particles.kind, psd.kind, protocol step type),
// the choice of press criterion, per-particle lists. Entries cannot be added or removed here
// (edit the scene JSON for that).

import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import type { Descriptor, NumberDesc, ObjectDesc, Scene } from '../scene/schema';
import { validateScene } from '../scene/validate';

/** A number in its display unit, e.g. "5 µm", "50 MPa"; null as "auto". */
export function formatNumber(d: NumberDesc, v: unknown): string {
  if (v === null || v === undefined) return d.nullable ? 'null (auto / none)' : '—';
  if (typeof v !== 'number') return String(v);
  const x = v * d.display.factor;
  const text = Number.isInteger(x) && Math.abs(x) < 1e9 ? String(x) : Number(x.toPrecision(4)).toString();
  return d.display.unit ? `${text} ${d.display.unit}` : text;
}

/** "range (0, 1e+06] MPa" in display units, for tooltips. */
export function formatRange(d: NumberDesc): string {
  const k = d.display.factor;
  const lo = `${d.minExclusive ? '(' : '['}${Number((d.min * k).toPrecision(4))}`;
  const hi = `${Number((d.max * k).toPrecision(4))}${d.maxExclusive ? ')' : ']'}`;
  return `range ${lo}, ${hi}${d.display.unit ? ` ${d.display.unit}` : ''}`;
}

/** SI value → the number shown in the control (display unit, float noise trimmed). */
export function toDisplay(d: NumberDesc, v: number): number {
  return Number((v * d.display.factor).toPrecision(12));
}
/** Control text → SI value; '' / 'null' / 'auto' mean null for null-able fields. NaN if unreadable. */
export function fromDisplay(d: NumberDesc, text: string | number): number | null {
  if (typeof text === 'number') return Number((text / d.display.factor).toPrecision(15));
  const t = text.trim().toLowerCase();
  if (d.nullable && (t === '' || t === 'null' || t === 'auto' || t === 'none')) return null;
  const x = t === '' ? NaN : Number(t);
  return Number.isFinite(x) ? Number((x / d.display.factor).toPrecision(15)) : NaN;
}

type Path = Array<string | number>;
/** "materials[0].poissonRatio", as the validator writes paths. */
export function pathText(p: Path): string {
  return p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
}

function getAt(obj: unknown, p: Path): unknown {
  return p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)?.[k], obj);
}
function setAt(obj: unknown, p: Path, v: unknown): void {
  const parent = getAt(obj, p.slice(0, -1)) as Record<string | number, unknown>;
  parent[p[p.length - 1]] = v;
}

/**
 * Tries `value` at `path` of `scene` (SI): the edited copy when the validator accepts it, else the
 * validator's messages. Pure, so the refusal logic is unit-tested without a DOM.
 */
export function tryEdit(scene: Scene, path: Path, value: unknown): { ok: true; scene: Scene } | { ok: false; reasons: string[] } {
  if (typeof value === 'number' && Number.isNaN(value)) return { ok: false, reasons: [`${pathText(path)}: not a number`] };
  const copy = structuredClone(scene);
  setAt(copy, path, value);
  const v = validateScene(copy);
  if (v.ok) return { ok: true, scene: copy };
  return { ok: false, reasons: v.errors.map((e) => e.message) };
}

export class ParamEditor {
  private draft: Scene | null = null;
  private loaded: Scene | null = null;
  private applyC: Controller;
  private revertC: Controller;
  private body: GUI;

  constructor(private readonly folder: GUI, private readonly onApply: (scene: Scene) => void, private readonly descriptor: ObjectDesc<Scene>) {
    const actions = {
      apply: () => { if (this.draft && this.dirty) this.onApply(structuredClone(this.draft)); },
      revert: () => { if (this.loaded) this.show(this.loaded); },
    };
    this.applyC = folder.add(actions, 'apply').name('Apply: reload the scene');
    this.revertC = folder.add(actions, 'revert').name('Revert edits');
    this.applyC.domElement.classList.add('param-apply');
    this.body = folder.addFolder('parameters');
    this.body.open();
    this.sync();
  }

  get dirty(): boolean { return !!this.draft && !!this.loaded && JSON.stringify(this.draft) !== JSON.stringify(this.loaded); }
  /** The edited scene (valid), or null before a scene is loaded. */
  get scene(): Scene | null { return this.draft; }

  /** A scene was loaded: edit a fresh copy of it. */
  setScene(scene: Scene): void {
    this.loaded = structuredClone(scene);
    this.show(scene);
  }

  private show(scene: Scene): void {
    this.draft = structuredClone(scene);
    for (const c of [...this.body.controllers]) c.destroy();
    for (const f of [...this.body.folders]) f.destroy();
    for (const el of [...this.body.domElement.querySelectorAll('.param-error')]) el.remove();
    this.fields(this.body, this.descriptor as unknown as ObjectDesc, []);
    this.sync();
  }

  private sync(): void {
    const d = this.dirty;
    this.applyC.disable(!d);
    this.revertC.disable(!d);
    this.applyC.name(d ? 'Apply: reload the scene ●' : 'Apply: reload the scene');
  }

  private fields(gui: GUI, d: ObjectDesc, path: Path): void {
    for (const [key, desc] of Object.entries(d.fields) as Array<[string, Descriptor]>) {
      if (key === 'schema' || key === 'version') continue;
      this.walk(gui, key, desc, [...path, key]);
    }
  }

  private walk(gui: GUI, label: string, d: Descriptor, path: Path): void {
    const v = getAt(this.draft, path);
    switch (d.kind) {
      case 'number': return this.number(gui, label, d, path, v as number | null);
      case 'string': return this.edit(gui, gui.add({ v: String(v ?? '') }, 'v'), label, d.doc, path, (x) => x);
      case 'enum': return this.edit(gui, gui.add({ v }, 'v', [...d.values]), label, d.doc, path, (x) => x);
      case 'ref': {
        if (Array.isArray(v)) return this.readOnly(gui, label, `${v.length} ids (per particle)`, d.doc);
        const ids = (this.draft?.materials ?? []).map((m) => m.id);
        return this.edit(gui, gui.add({ v }, 'v', ids), label, d.doc, path, (x) => x);
      }
      case 'object': {
        const f = gui.addFolder(label);
        f.domElement.title = d.doc;
        this.fields(f, d, path);
        f.close();
        return;
      }
      case 'union': {
        const obj = v as Record<string, unknown>;
        const tag = String(obj?.[d.tag]);
        const f = gui.addFolder(label.endsWith(tag) ? label : `${label}: ${tag}`);
        f.domElement.title = `${d.doc}\n(${d.tag} "${tag}" is fixed here; edit the scene JSON to change it)`;
        const variant = d.variants[tag];
        if (variant) this.fields(f, variant, path);
        f.close();
        return;
      }
      case 'choice': {
        const obj = v as Record<string, number>;
        for (const [k, opt] of Object.entries(d.options)) if (k in obj) this.walk(gui, `${label}.${k}`, opt, [...path, k]);
        return;
      }
      case 'array': {
        const list = v as unknown[];
        if (d.items.kind === 'number') {
          const nums = list as number[];
          let lo = Infinity, hi = -Infinity;
          for (const x of nums) { if (x < lo) lo = x; if (x > hi) hi = x; }
          return this.readOnly(gui, label, `${list.length} values, ${formatNumber(d.items, lo)} – ${formatNumber(d.items, hi)}`, d.doc);
        }
        const f = gui.addFolder(`${label} (${list.length})`);
        f.domElement.title = d.doc;
        list.forEach((item, k) => {
          const o = item as Record<string, unknown>;
          const name = typeof o?.id === 'string' ? o.id : typeof o?.type === 'string' ? `${k + 1}. ${o.type}` : `${k + 1}`;
          this.walk(f, name, d.items, [...path, k]);
        });
        f.close();
        return;
      }
    }
  }

  private number(gui: GUI, label: string, d: NumberDesc, path: Path, v: number | null): void {
    const unit = d.display.unit ? ` [${d.display.unit}]` : '';
    const tip = `${d.doc}\n${formatRange(d)}${d.nullable ? ' or null' : ''}${d.integer ? ', integer' : ''}`;
    // null-able numbers are text ("null" or a number); the others are number inputs (no clamping:
    // out-of-range values must be refused with the validator's reason, not silently clipped)
    const c = d.nullable
      ? gui.add({ v: v === null ? 'null' : String(toDisplay(d, v)) }, 'v')
      : gui.add({ v: toDisplay(d, v ?? 0) }, 'v');
    this.edit(gui, c, `${label}${unit}`, tip, path, (x) => fromDisplay(d, x as string | number));
  }

  private readOnly(gui: GUI, label: string, value: string, tip: string): void {
    const c = gui.add({ v: value }, 'v').name(label);
    const input = (c as unknown as { $input?: HTMLInputElement }).$input;
    if (input) { input.readOnly = true; input.tabIndex = -1; }
    c.domElement.title = tip;
    c.domElement.classList.add('param-row');
  }

  /** Wires a control: each finished edit is validated on a copy; refused values are put back. */
  private edit(_gui: GUI, c: Controller, label: string, tip: string, path: Path, parse: (x: unknown) => unknown): void {
    c.name(label);
    c.domElement.title = tip;
    c.domElement.classList.add('param-edit');
    c.domElement.dataset.path = pathText(path);
    const target = c.object as { v: unknown };
    let shown = target.v;
    c.onFinishChange((x: unknown) => {
      if (!this.draft) return;
      const r = tryEdit(this.draft, path, parse(x));
      const old = c.domElement.nextElementSibling;
      if (old?.classList.contains('param-error')) old.remove();
      if (r.ok) {
        this.draft = r.scene;
        shown = target.v;
        c.domElement.classList.toggle('param-changed', JSON.stringify(getAt(this.draft, path)) !== JSON.stringify(getAt(this.loaded, path)));
      } else {
        target.v = shown;
        c.updateDisplay();
        const box = document.createElement('div');
        box.className = 'param-error';
        box.setAttribute('role', 'alert');
        box.textContent = `Refused ${JSON.stringify(String(x))}: ${r.reasons.slice(0, 3).join(' ')}`;
        c.domElement.insertAdjacentElement('afterend', box);
      }
      this.sync();
    });
  }
}
