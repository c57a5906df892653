// A read-only lil-gui panel of the current scene's parameters, generated from the schema's
// descriptor tree (src/scene/schema.ts): each row shows the name, the value in its display unit,
// and the descriptor's `doc` (with the allowed range) as a tooltip.

import type GUI from 'lil-gui';
import type { Descriptor, NumberDesc, ObjectDesc, Scene } from '../scene/schema';

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

function row(gui: GUI, label: string, value: string, tip: string): void {
  const obj = { [label]: value };
  const c = gui.add(obj, label);
  // read-only but not disabled: disabled lil-gui rows ignore the pointer, so no tooltip would show
  const input = (c as unknown as { $input?: HTMLInputElement }).$input;
  if (input) { input.readOnly = true; input.tabIndex = -1; }
  c.domElement.title = tip;
  c.domElement.classList.add('param-row');
}

function walk(gui: GUI, label: string, d: Descriptor, v: unknown): void {
  switch (d.kind) {
    case 'number':
      row(gui, label, formatNumber(d, v), `${d.doc}\n${formatRange(d)}`);
      return;
    case 'string': case 'enum': case 'ref':
      row(gui, label, Array.isArray(v) ? `${v.length} ids (per particle)` : String(v), d.doc);
      return;
    case 'object': {
      const f = gui.addFolder(label);
      f.domElement.title = d.doc;
      fields(f, d, v as Record<string, unknown>);
      f.close();
      return;
    }
    case 'union': {
      const obj = v as Record<string, unknown>;
      const tag = String(obj[d.tag]);
      const f = gui.addFolder(label.endsWith(tag) ? label : `${label}: ${tag}`);
      f.domElement.title = d.doc;
      const variant = d.variants[tag];
      if (variant) fields(f, variant, obj);
      f.close();
      return;
    }
    case 'choice': {
      const obj = v as Record<string, number>;
      for (const [k, opt] of Object.entries(d.options)) if (k in obj) walk(gui, `${label}.${k}`, opt, obj[k]);
      return;
    }
    case 'array': {
      const list = v as unknown[];
      if (d.items.kind === 'number') {
        // per-particle lists (radii) are long: summarise
        const nums = list as number[];
        const lo = Math.min(...nums.slice(0, 100000)), hi = Math.max(...nums.slice(0, 100000));
        row(gui, label, `${list.length} values, ${formatNumber(d.items, lo)} – ${formatNumber(d.items, hi)}`, d.doc);
        return;
      }
      const f = gui.addFolder(`${label} (${list.length})`);
      f.domElement.title = d.doc;
      list.forEach((item, k) => {
        const o = item as Record<string, unknown>;
        const name = typeof o?.id === 'string' ? o.id : typeof o?.type === 'string' ? `${k + 1}. ${o.type}` : `${k + 1}`;
        walk(f, name, d.items, item);
      });
      f.close();
      return;
    }
  }
}

function fields(gui: GUI, d: ObjectDesc, v: Record<string, unknown>): void {
  for (const [key, desc] of Object.entries(d.fields) as Array<[string, Descriptor]>) {
    if (key === 'schema') continue;
    walk(gui, key, desc, v?.[key]);
  }
}

/** Fills `folder` (emptied first) with the scene's parameters. */
export function showSceneParams(folder: GUI, descriptor: ObjectDesc<Scene>, scene: Scene): void {
  for (const c of [...folder.controllers]) c.destroy();
  for (const f of [...folder.folders]) f.destroy();
  fields(folder, descriptor as unknown as ObjectDesc, scene as unknown as Record<string, unknown>);
}
