// Streaming reader for LAMMPS / LIGGGHTS text "custom" dumps (`dump ID group custom N file ...`).
//
// Runs in Node and in browsers: the parser takes text or Uint8Array chunks (no Node APIs), keeps
// only the unfinished last line between chunks, and writes values straight into typed arrays sized
// from `ITEM: NUMBER OF ATOMS`, so a 1-million-particle frame never exists as one string or as
// per-particle objects. Format reference: LAMMPS `dump` command documentation ("custom" style,
// the ITEM: header lines) — https://docs.lammps.org/dump.html; LIGGGHTS writes the same layout.
//
// Every error is a DumpError carrying the 1-based line number and saying what was expected.
import { DumpError } from './dump-error';

export { DumpError };
export type FloatArray = Float64Array | Float32Array;

export interface DumpBox {
  /** Lower and upper bounds along x, y, z, in the dump's length unit. */
  lo: [number, number, number];
  hi: [number, number, number];
  /** LAMMPS boundary flags per axis ('pp', 'ff', 'fs', 'sm', …); '' when the header had none (old dumps). */
  boundary: [string, string, string];
  /** true where the axis is periodic ('pp'). */
  periodic: [boolean, boolean, boolean];
}

/** How the positions were given in the file (they are always returned unscaled). */
export type CoordinateStyle = 'x y z' | 'xu yu zu' | 'xs ys zs' | 'xsu ysu zsu';

export interface DumpFrame {
  /** 0-based index of the frame in the file. */
  index: number;
  /** 1-based line of the frame's first header line. */
  line: number;
  timestep: number;
  /** From `ITEM: TIME` (dump_modify time yes), else null. */
  time: number | null;
  /** From `ITEM: UNITS` (dump_modify units yes), else null. */
  units: string | null;
  count: number;
  box: DumpBox;
  /** The column names of the `ITEM: ATOMS` line, in file order. */
  columns: string[];
  coordinates: CoordinateStyle;
  /** 3·count, xyz interleaved, unscaled (xs → lo + xs·(hi − lo)). */
  positions: FloatArray;
  /** From `radius`, or `diameter` / 2; null when the dump has neither. */
  radius: FloatArray | null;
  /** From `id` (LAMMPS tags are integers; f64 holds them exactly up to 2^53); null when absent. */
  id: Float64Array | null;
  /** From `type`; null when absent. */
  type: Int32Array | null;
  /** 3·count interleaved vectors when all three columns are present: vx vy vz, fx fy fz, omegax omegay omegaz. */
  velocity: FloatArray | null;
  force: FloatArray | null;
  omega: FloatArray | null;
  /** Every other column (and x y z-like columns not used for positions), by its header name. */
  fields: Record<string, FloatArray>;
}

export interface DumpReaderOptions {
  /** Element type of the float columns: 64 (default, exact) or 32 (half the memory). */
  float?: 32 | 64;
  /** Called with each complete frame. */
  onFrame?: (frame: DumpFrame) => void;
  /** Keep the frames in `result().frames` (default true). Set false to stream frame by frame. */
  keepFrames?: boolean;
  /** Refuse frames with more atoms than this (default 50 million). */
  maxAtoms?: number;
  /** Longest accepted line in characters (default 1 MiB): longer means binary data, not a dump. */
  maxLineLength?: number;
}

const VECTORS = [['vx', 'vy', 'vz', 'velocity'], ['fx', 'fy', 'fz', 'force'], ['omegax', 'omegay', 'omegaz', 'omega']] as const;
const POSITION_STYLES: Array<[CoordinateStyle, [string, string, string], boolean]> = [
  ['x y z', ['x', 'y', 'z'], false], ['xu yu zu', ['xu', 'yu', 'zu'], false],
  ['xs ys zs', ['xs', 'ys', 'zs'], true], ['xsu ysu zsu', ['xsu', 'ysu', 'zsu'], true],
];

/** Where one column's values go: arr[stride·i + offset] = a + b·value. */
interface Sink { name: string; kind: 'float' | 'id' | 'type'; key: string; stride: number; offset: number; a: number; b: number }

type State = 'item' | 'timestep' | 'time' | 'units' | 'natoms' | 'box' | 'atoms';

interface Pending {
  line: number; timestep: number | null; time: number | null; units: string | null;
  count: number | null; countLine: number; box: DumpBox | null; boxRow: number; boxLine: number;
}

export class DumpParser {
  private readonly f32: boolean;
  private readonly opts: DumpReaderOptions;
  private readonly maxAtoms: number;
  private readonly maxLine: number;
  private decoder: TextDecoder | null = null;
  private rest = '';            // unfinished last line
  private lineNo = 0;           // lines consumed so far
  private state: State = 'item';
  private pending: Pending = emptyPending(1);
  private frameIndex = 0;
  private readonly frames: DumpFrame[] = [];
  private lastFrameEnd = 0;     // line of the last atom line of the previous frame
  private lastCount = 0;
  // the frame being filled
  private sinks: Sink[] = [];
  private targets: Array<FloatArray | Float64Array | Int32Array> = [];   // sinks[k]'s array (no Map lookup per value)
  private arrays = new Map<string, FloatArray | Float64Array | Int32Array>();
  private cap = 0;
  private filled = 0;
  private atomsLine = 0;
  private header: string[] = [];
  private coord: CoordinateStyle = 'x y z';
  private finished = false;

  constructor(opts: DumpReaderOptions = {}) {
    this.opts = opts;
    this.f32 = opts.float === 32;
    this.maxAtoms = opts.maxAtoms ?? 50_000_000;
    this.maxLine = opts.maxLineLength ?? 1 << 20;
  }

  /** Feeds the next chunk (text, or bytes decoded as UTF-8; a multi-byte character may span chunks). */
  push(chunk: string | Uint8Array): void {
    if (this.finished) throw new Error('DumpParser.push after end()');
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else { this.decoder ??= new TextDecoder('utf-8'); text = this.decoder.decode(chunk, { stream: true }); }
    this.consume(text);
  }

  /** Ends the input; throws a DumpError when the file ends inside a frame or holds no frame. */
  end(): { frames: DumpFrame[]; lines: number } {
    if (!this.finished) {
      this.finished = true;
      if (this.decoder) this.consume(this.decoder.decode());
      if (this.rest.length) { const last = this.rest; this.rest = ''; this.line(last, 0, last.length); }
      const p = this.pending;
      if (this.state === 'atoms' && this.filled < (p.count ?? 0)) {
        throw new DumpError(`the file ends after ${this.filled} of the ${p.count} atoms that ITEM: NUMBER OF ATOMS (line ${p.countLine}) announces: truncated file, or a header that overstates the atom count`, this.lineNo);
      }
      if (this.state !== 'item' && this.state !== 'atoms') throw new DumpError(`the file ends inside the header of the frame that starts at line ${p.line}`, this.lineNo);
      if (this.state === 'item' && p.timestep !== null) throw new DumpError(`the file ends inside the header of the frame that starts at line ${p.line} (no ITEM: ATOMS section)`, this.lineNo);
      if (this.frameIndex === 0) throw new DumpError('no frame found: a LAMMPS/LIGGGHTS dump starts with "ITEM: TIMESTEP"', Math.max(1, this.lineNo));
    }
    return { frames: this.frames, lines: this.lineNo };
  }

  /** Frames completed so far (when keepFrames is not false). */
  get completed(): readonly DumpFrame[] { return this.frames; }
  get lines(): number { return this.lineNo; }

  private consume(text: string): void {
    let buf = this.rest.length ? this.rest + text : text;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf('\n', start);
      if (nl < 0) break;
      this.line(buf, start, nl);
      start = nl + 1;
    }
    this.rest = start < buf.length ? buf.slice(start) : '';
    buf = '';
    if (this.rest.length > this.maxLine) {
      throw new DumpError(`line is longer than ${this.maxLine} characters: this is not a text dump (binary data, or a dump_modify format without line breaks?)`, this.lineNo + 1);
    }
  }

  /** One line: buf[s, e) without the '\n'. */
  private line(buf: string, s: number, e: number): void {
    const n = ++this.lineNo;
    if (e - s > this.maxLine) throw new DumpError(`line is longer than ${this.maxLine} characters: this is not a text dump`, n);
    // trim ASCII whitespace (a trailing space is normal in LIGGGHTS dumps, '\r' in Windows files)
    while (s < e && isSpace(buf.charCodeAt(s))) s++;
    while (e > s && isSpace(buf.charCodeAt(e - 1))) e--;
    if (s === e) return;   // blank lines carry nothing
    if (this.state === 'atoms') {
      if (buf.charCodeAt(s) === 73 /* I */ && buf.startsWith('ITEM:', s)) {
        throw new DumpError(`"${clip(buf.slice(s, e))}" after only ${this.filled} of the ${this.pending.count} atoms that ITEM: NUMBER OF ATOMS (line ${this.pending.countLine}) announces: the header overstates the atom count, or lines are missing`, n);
      }
      this.atom(buf, s, e, n);
      return;
    }
    const text = buf.slice(s, e);
    const p = this.pending;
    switch (this.state) {
      case 'item': return this.item(text, n);
      case 'timestep': {
        const v = Number(text);
        if (!isNumberToken(text) || !Number.isInteger(v) || v < 0) throw new DumpError(`ITEM: TIMESTEP must be followed by a non-negative integer, found "${clip(text)}"`, n);
        p.timestep = v; this.state = 'item'; return;
      }
      case 'time': {
        const v = Number(text);
        if (!isNumberToken(text) || !Number.isFinite(v)) throw new DumpError(`ITEM: TIME must be followed by a number, found "${clip(text)}"`, n);
        p.time = v; this.state = 'item'; return;
      }
      case 'units': p.units = text; this.state = 'item'; return;
      case 'natoms': {
        const v = Number(text);
        if (!isNumberToken(text) || !Number.isInteger(v) || v < 0) throw new DumpError(`ITEM: NUMBER OF ATOMS must be followed by a non-negative integer, found "${clip(text)}"`, n);
        if (v > this.maxAtoms) throw new DumpError(`ITEM: NUMBER OF ATOMS = ${v} is above the limit of ${this.maxAtoms} atoms per frame`, n);
        p.count = v; p.countLine = n; this.state = 'item'; return;
      }
      case 'box': {
        const parts = text.split(/[ \t]+/);
        const axis = 'xyz'[p.boxRow];
        if (parts.length === 3) throw new DumpError(`box bounds line for ${axis} has 3 values (lo hi tilt): triclinic boxes are not supported; re-dump the run with an orthogonal box`, n);
        if (parts.length !== 2) throw new DumpError(`box bounds line for ${axis} must hold 2 numbers (lo hi), found ${parts.length} values`, n);
        const lo = Number(parts[0]), hi = Number(parts[1]);
        if (!isNumberToken(parts[0]) || !isNumberToken(parts[1]) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new DumpError(`box bounds for ${axis} must be finite numbers, found "${clip(text)}"`, n);
        if (hi < lo) throw new DumpError(`box bounds for ${axis}: hi ${hi} is below lo ${lo}`, n);
        p.box!.lo[p.boxRow] = lo; p.box!.hi[p.boxRow] = hi;
        if (++p.boxRow === 3) this.state = 'item';
        return;
      }
    }
  }

  private item(text: string, n: number): void {
    const p = this.pending;
    if (!text.startsWith('ITEM:')) {
      if (this.frameIndex > 0 && p.timestep === null && p.count === null && /^[-+.0-9]/.test(text)) {
        throw new DumpError(`atom data after the ${this.lastCount} atoms that ITEM: NUMBER OF ATOMS announced for the previous frame (its last atom is at line ${this.lastFrameEnd}): the header understates the atom count`, n);
      }
      throw new DumpError(`expected an "ITEM:" line, found "${clip(text)}"${this.frameIndex === 0 && n === 1 ? ' (is this a LAMMPS/LIGGGHTS text dump? a dump starts with "ITEM: TIMESTEP")' : ''}`, n);
    }
    const what = text.slice(5).trim();
    const label = what.startsWith('BOX BOUNDS') ? 'BOX BOUNDS' : what.startsWith('ATOMS') ? 'ATOMS' : what;
    const need = (cond: unknown, name: string) => { if (!cond) throw new DumpError(`ITEM: ${label} comes before ITEM: ${name} in the frame that starts at line ${p.line} (expected order: TIMESTEP, NUMBER OF ATOMS, BOX BOUNDS, ATOMS)`, n); };
    if (what === 'TIMESTEP') {
      if (p.timestep !== null) throw new DumpError(`a second ITEM: TIMESTEP in the frame that starts at line ${p.line} (its ITEM: ATOMS section is missing)`, n);
      if (p.count === null && p.box === null && p.time === null && p.units === null) p.line = n;
      this.state = 'timestep';
    } else if (what === 'TIME') { this.state = 'time'; if (p.timestep === null && p.units === null) p.line = n; }
    else if (what === 'UNITS') { this.state = 'units'; p.line = n; }
    else if (what === 'NUMBER OF ATOMS') { need(p.timestep !== null, 'TIMESTEP'); this.state = 'natoms'; }
    else if (what.startsWith('BOX BOUNDS')) {
      need(p.timestep !== null, 'TIMESTEP');
      const flags = what.slice(10).trim().split(/\s+/).filter(Boolean);
      if (flags.some((f) => f === 'xy' || f === 'xz' || f === 'yz' || f === 'abc' || f === 'origin')) {
        throw new DumpError(`triclinic box ("${clip(text)}") is not supported: only orthogonal boxes are read`, n);
      }
      if (flags.length !== 0 && flags.length !== 3) throw new DumpError(`ITEM: BOX BOUNDS takes three boundary flags (e.g. "pp pp ff"), found "${flags.join(' ')}"`, n);
      for (const f of flags) if (!/^[pfsm]{1,2}$/.test(f)) throw new DumpError(`unknown boundary flag "${f}" in ITEM: BOX BOUNDS (LAMMPS flags are p, f, s, m per side, e.g. "pp pp ff")`, n);
      const b = (flags.length ? flags : ['', '', '']) as [string, string, string];
      p.box = { lo: [0, 0, 0], hi: [0, 0, 0], boundary: b, periodic: [b[0] === 'pp', b[1] === 'pp', b[2] === 'pp'] };
      p.boxRow = 0; p.boxLine = n;
      this.state = 'box';
    } else if (what === 'ATOMS' || what.startsWith('ATOMS ')) {
      need(p.timestep !== null, 'TIMESTEP');
      need(p.count !== null, 'NUMBER OF ATOMS');
      need(p.box !== null, 'BOX BOUNDS');
      this.startAtoms(what.slice(5).trim().split(/\s+/).filter(Boolean), n);
    } else if (what.startsWith('ENTRIES') || what.startsWith('NUMBER OF ENTRIES')) {
      throw new DumpError('this is a "dump local" file (ITEM: ENTRIES), not a per-atom dump', n);
    } else {
      throw new DumpError(`unknown header "${clip(text)}" (a custom dump has ITEM: TIMESTEP, NUMBER OF ATOMS, BOX BOUNDS, ATOMS; optionally UNITS and TIME)`, n);
    }
  }

  private startAtoms(cols: string[], n: number): void {
    const p = this.pending, box = p.box!, count = p.count!;
    if (cols.length === 0) throw new DumpError('ITEM: ATOMS names no columns', n);
    const seen = new Set<string>();
    for (const c of cols) {
      if (seen.has(c)) throw new DumpError(`column "${c}" appears twice in ITEM: ATOMS`, n);
      seen.add(c);
    }
    const style = POSITION_STYLES.find(([, names]) => names.every((c) => seen.has(c)));
    if (!style) throw new DumpError(`ITEM: ATOMS has no complete set of coordinates: it needs x y z, xu yu zu, xs ys zs or xsu ysu zsu (columns: ${cols.join(' ')})`, n);
    const [coordStyle, coordNames, scaled] = style;
    this.coord = coordStyle;
    this.header = cols;
    this.atomsLine = n;
    this.filled = 0;
    this.cap = Math.min(count, 1 << 16);
    this.arrays = new Map();
    this.sinks = [];
    const vectorOf = new Map<string, [string, number]>();
    for (const [a, b, c, key] of VECTORS) if (seen.has(a) && seen.has(b) && seen.has(c)) [a, b, c].forEach((name, k) => vectorOf.set(name, [key, k]));
    for (const c of cols) {
      const k = coordNames.indexOf(c as never);
      let sink: Sink;
      if (k >= 0) sink = { name: c, kind: 'float', key: 'positions', stride: 3, offset: k, a: scaled ? box.lo[k] : 0, b: scaled ? box.hi[k] - box.lo[k] : 1 };
      else if (c === 'id') sink = { name: c, kind: 'id', key: 'id', stride: 1, offset: 0, a: 0, b: 1 };
      else if (c === 'type') sink = { name: c, kind: 'type', key: 'type', stride: 1, offset: 0, a: 0, b: 1 };
      else if (c === 'radius') sink = { name: c, kind: 'float', key: 'radius', stride: 1, offset: 0, a: 0, b: 1 };
      else if (c === 'diameter' && !seen.has('radius')) sink = { name: c, kind: 'float', key: 'radius', stride: 1, offset: 0, a: 0, b: 0.5 };
      else if (vectorOf.has(c)) { const [key, off] = vectorOf.get(c)!; sink = { name: c, kind: 'float', key, stride: 3, offset: off, a: 0, b: 1 }; }
      else sink = { name: c, kind: 'float', key: 'field:' + c, stride: 1, offset: 0, a: 0, b: 1 };
      this.sinks.push(sink);
      if (!this.arrays.has(sink.key)) this.arrays.set(sink.key, this.alloc(sink.kind, sink.stride * this.cap));
    }
    this.targets = this.sinks.map((s) => this.arrays.get(s.key)!);
    this.state = 'atoms';
    if (count === 0) this.finishFrame();
  }

  private alloc(kind: Sink['kind'], n: number): FloatArray | Float64Array | Int32Array {
    if (kind === 'id') return new Float64Array(n);
    if (kind === 'type') return new Int32Array(n);
    return this.f32 ? new Float32Array(n) : new Float64Array(n);
  }

  /** Grows every column (×4, capped at the announced count): memory follows the data actually read, so a header that overstates the count cannot allocate gigabytes. */
  private grow(): void {
    const count = this.pending.count!;
    const cap = Math.min(count, this.cap * 4);
    for (const s of this.sinks) {
      const old = this.arrays.get(s.key)!;
      if (old.length >= s.stride * cap) continue;
      const next = this.alloc(s.kind, s.stride * cap);
      next.set(old as never);
      this.arrays.set(s.key, next);
    }
    this.targets = this.sinks.map((s) => this.arrays.get(s.key)!);
    this.cap = cap;
  }

  private atom(buf: string, s: number, e: number, n: number): void {
    if (this.filled === this.cap) this.grow();
    const i = this.filled;
    const sinks = this.sinks, targets = this.targets, ncol = sinks.length;
    let col = 0, pos = s;
    while (pos < e) {
      let t = pos;
      while (t < e && !isSpace(buf.charCodeAt(t))) t++;
      if (col >= ncol) throw new DumpError(`${countTokens(buf, s, e)} values, but ITEM: ATOMS (line ${this.atomsLine}) names ${ncol} columns`, n);
      let v = fastNumber(buf, pos, t);
      if (v !== v) {
        // not a plain short decimal: let the engine's exact parser decide, then validate the text
        const tok = buf.slice(pos, t);
        v = Number(tok);
        if (!(v === v) || !isNumberToken(tok)) {
          const what = /^[-+]?(nan|inf)/i.test(tok) ? 'not a finite number' : 'not a number';
          throw new DumpError(`column ${col + 1} (${sinks[col].name}) of atom ${i + 1}: "${clip(tok)}" is ${what}`, n);
        }
        if (v === Infinity || v === -Infinity) throw new DumpError(`column ${col + 1} (${sinks[col].name}) of atom ${i + 1}: "${clip(tok)}" overflows a double (not a finite number)`, n);
      }
      const sink = sinks[col];
      const arr = targets[col];
      if (sink.kind === 'float') {
        const x = sink.b === 1 ? v : sink.a + sink.b * v;
        if (this.f32 && (x > 3.4e38 || x < -3.4e38)) throw new DumpError(`column ${col + 1} (${sink.name}) of atom ${i + 1}: ${buf.slice(pos, t)} is beyond the float32 range; read with 64-bit floats`, n);
        if (x - x !== 0) throw new DumpError(`column ${col + 1} (${sink.name}) of atom ${i + 1}: ${buf.slice(pos, t)} overflows when unscaled with the box`, n);
        arr[sink.stride * i + sink.offset] = x;
      } else {
        if (!Number.isInteger(v) || (sink.kind === 'type' && (v < 0 || v > 0x7fffffff)) || Math.abs(v) > Number.MAX_SAFE_INTEGER) {
          throw new DumpError(`column ${col + 1} (${sink.name}) of atom ${i + 1}: "${clip(buf.slice(pos, t))}" is not a valid ${sink.name} (an integer${sink.kind === 'type' ? ' from 0 to 2^31 − 1' : ''})`, n);
        }
        arr[i] = v;
      }
      col++;
      pos = t;
      while (pos < e && isSpace(buf.charCodeAt(pos))) pos++;
    }
    if (col !== ncol) throw new DumpError(`${col} values, but ITEM: ATOMS (line ${this.atomsLine}) names ${ncol} columns`, n);
    this.filled = i + 1;
    if (this.filled === this.pending.count) this.finishFrame();
  }

  private finishFrame(): void {
    const p = this.pending;
    const get = (k: string) => this.arrays.get(k) ?? null;
    const fields: Record<string, FloatArray> = {};
    for (const s of this.sinks) if (s.key.startsWith('field:')) fields[s.name] = get(s.key) as FloatArray;
    const frame: DumpFrame = {
      index: this.frameIndex, line: p.line, timestep: p.timestep!, time: p.time, units: p.units,
      count: p.count!, box: p.box!, columns: this.header, coordinates: this.coord,
      positions: get('positions') as FloatArray,
      radius: get('radius') as FloatArray | null,
      id: get('id') as Float64Array | null,
      type: get('type') as Int32Array | null,
      velocity: get('velocity') as FloatArray | null,
      force: get('force') as FloatArray | null,
      omega: get('omega') as FloatArray | null,
      fields,
    };
    this.frameIndex++;
    this.lastFrameEnd = this.lineNo;
    this.lastCount = p.count!;
    this.pending = emptyPending(this.lineNo + 1);
    this.arrays = new Map();
    this.sinks = [];
    this.targets = [];
    this.state = 'item';
    if (this.opts.keepFrames !== false) this.frames.push(frame);
    this.opts.onFrame?.(frame);
  }
}

function emptyPending(line: number): Pending {
  return { line, timestep: null, time: null, units: null, count: null, countLine: 0, box: null, boxRow: 0, boxLine: 0 };
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Exact fast path for plain decimals buf[s, e) with at most 15 significant digits and a decimal
 * exponent within ±22 (e.g. LIGGGHTS' default %g output): the digits are an exact integer m < 2^53
 * and 10^|k| is exact, so m·10^k or m/10^−k is ONE correctly rounded operation, equal to what
 * Number() returns (Clinger, "How to read floating point numbers accurately", PLDI 1990).
 * Returns NaN when the text is anything else (longer mantissas, hex, "inf", garbage) so the caller
 * falls back to Number() and validation.
 */
function fastNumber(buf: string, s: number, e: number): number {
  let i = s, neg = false;
  let c = buf.charCodeAt(i);
  if (c === 45) { neg = true; c = buf.charCodeAt(++i); } else if (c === 43) c = buf.charCodeAt(++i);
  let m = 0, digits = 0, scale = 0, any = false;
  while (i < e && c >= 48 && c <= 57) { if (digits > 0 || c !== 48) digits++; m = m * 10 + (c - 48); any = true; c = buf.charCodeAt(++i); }
  if (i < e && c === 46) {
    c = buf.charCodeAt(++i);
    while (i < e && c >= 48 && c <= 57) { if (digits > 0 || c !== 48) digits++; m = m * 10 + (c - 48); scale--; any = true; c = buf.charCodeAt(++i); }
  }
  if (!any || digits > 15) return NaN;
  if (i < e && (c === 101 || c === 69)) {
    c = buf.charCodeAt(++i);
    let eneg = false;
    if (c === 45) { eneg = true; c = buf.charCodeAt(++i); } else if (c === 43) c = buf.charCodeAt(++i);
    let x = 0, ed = 0;
    while (i < e && c >= 48 && c <= 57) { x = x * 10 + (c - 48); ed++; c = buf.charCodeAt(++i); if (ed > 4) return NaN; }
    if (ed === 0) return NaN;
    scale += eneg ? -x : x;
  }
  if (i !== e) return NaN;
  let v: number;
  if (scale === 0) v = m;
  else if (scale > 0 && scale <= 22) v = m * POW10[scale];
  else if (scale < 0 && scale >= -22) v = m / POW10[-scale];
  else return NaN;
  return neg ? -v : v;
}

function isSpace(c: number): boolean { return c === 32 || c === 9 || c === 13 || c === 11 || c === 12; }

/**
 * Number() also accepts "Infinity", hex/binary/octal ("0x1f") and Unicode whitespace around the
 * digits; a dump value is a plain decimal: first character a digit, sign or '.', last a digit or '.',
 * and no radix prefix.
 */
function isNumberToken(t: string): boolean {
  const c0 = t.charCodeAt(0), cl = t.charCodeAt(t.length - 1);
  if (!((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46)) return false;
  if (!((cl >= 48 && cl <= 57) || cl === 46)) return false;
  if (c0 === 48 && t.length > 2) { const c1 = t.charCodeAt(1) | 32; if (c1 === 120 || c1 === 98 || c1 === 111) return false; }
  return true;
}

function countTokens(buf: string, s: number, e: number): number {
  return buf.slice(s, e).split(/[ \t\r\v\f]+/).filter(Boolean).length;
}

/** A line shown in a message: printable ASCII, at most 60 characters. */
function clip(t: string): string {
  const shown = t.length > 60 ? t.slice(0, 57) + '…' : t;
  return shown.replace(/[^\x20-\x7e…]/g, '?');
}

// ------------------------------------------------------------------------------------------------
// Convenience front ends (still no Node APIs)

export interface ReadProgress { bytesRead: number; totalBytes: number | null }

export interface StreamReadOptions extends DumpReaderOptions {
  /** Called after every chunk with the bytes of the (possibly compressed) input read so far. */
  onProgress?: (p: ReadProgress) => void;
  /** Size of the input in bytes when known (File.size, fs.stat), for progress. */
  totalBytes?: number;
  /** Allows a caller to stop the read (throws an AbortError-named Error). */
  signal?: AbortSignal;
}

/** Parses a whole dump held in memory (text or bytes; gzip is not handled here: use readDumpStream). */
export function parseDumpText(text: string, opts: DumpReaderOptions = {}): DumpFrame[] {
  const p = new DumpParser(opts);
  p.push(text);
  return p.end().frames;
}

/** True when the bytes start with the gzip magic number 1f 8b (RFC 1952 §2.3.1). */
export function isGzip(head: Uint8Array): boolean { return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b; }

/**
 * Streams a dump from byte chunks (a File's stream, a fetch body, a Node file stream): gzip is
 * detected by its magic number and inflated with DecompressionStream('gzip') (Node ≥ 18, Chromium,
 * Firefox, Safari ≥ 16.4). Progress counts input bytes, so it is right for compressed files too.
 */
export async function readDumpStream(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>, opts: StreamReadOptions = {}): Promise<{ frames: DumpFrame[]; lines: number; gzip: boolean }> {
  const parser = new DumpParser(opts);
  const input = source instanceof ReadableStream ? iterateStream(source) : source;
  let read = 0;
  const total = opts.totalBytes ?? null;
  const progress = opts.onProgress;
  let gzip: boolean | null = null;
  let inflater: Inflater | null = null;
  try {
    for await (const chunk of input) {
      if (opts.signal?.aborted) throw abortError();
      if (!chunk.length) continue;
      if (gzip === null) { gzip = isGzip(chunk); if (gzip) inflater = new Inflater((b) => parser.push(b)); }
      read += chunk.length;
      if (inflater) await inflater.write(chunk); else parser.push(chunk);
      progress?.({ bytesRead: read, totalBytes: total });
    }
    if (inflater) await inflater.close();
  } catch (e) {
    inflater?.abort();
    throw e;
  }
  const r = parser.end();
  return { ...r, gzip: gzip === true };
}

/** Pumps bytes through DecompressionStream('gzip'), handing inflated chunks to `sink` as they come. */
class Inflater {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  private readonly reading: Promise<void>;
  private failure: unknown = null;
  constructor(sink: (b: Uint8Array) => void) {
    if (typeof DecompressionStream === 'undefined') throw new Error('this runtime has no DecompressionStream: cannot read gzip-compressed dumps (decompress the file first)');
    const ds = new DecompressionStream('gzip');
    this.writer = ds.writable.getWriter();
    const reader = ds.readable.getReader();
    this.reading = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          sink(value);
        }
      } catch (e) {
        this.failure = e;
        try { await reader.cancel(); } catch { /* already failed */ }
      }
    })();
  }
  async write(b: Uint8Array): Promise<void> {
    if (this.failure) throw this.wrap(this.failure);
    // copy: the caller's chunk may be reused (Node streams pool their buffers)
    try { await this.writer.write(b.slice()); } catch (e) { await this.reading; throw this.wrap(this.failure ?? e); }
    if (this.failure) throw this.wrap(this.failure);
  }
  async close(): Promise<void> {
    try { await this.writer.close(); } catch (e) { await this.reading; throw this.wrap(this.failure ?? e); }
    await this.reading;
    if (this.failure) throw this.wrap(this.failure);
  }
  abort(): void { this.writer.abort().catch(() => undefined); }
  private wrap(e: unknown): Error {
    if (e instanceof DumpError) return e;
    return new Error(`gzip data is corrupt or truncated: ${(e as Error)?.message ?? e}`);
  }
}

async function* iterateStream(s: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = s.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally { reader.releaseLock(); }
}

function abortError(): Error { const e = new Error('reading the dump was cancelled'); e.name = 'AbortError'; return e; }
