// VTK XML PolyData (.vtp) for ParaView / VTK: one point per particle, one vertex cell per point
// (so the "Points" and "Point Gaussian" representations both show them), radius and every field
// as PointData. Format: VTK XML file formats, https://docs.vtk.org/en/latest/vtk_file_formats/vtkxml_file_format.html
//
// Encoding: inline base64 "binary" DataArrays, uncompressed, little-endian, UInt32 byte-count
// header (VTKFile version 0.1). Chosen over ASCII (exact doubles at ~1/2 the size, fast to parse)
// and over appended raw data (which is not valid XML and cannot be built as a string in a browser
// without mixing text and bytes). Per VTK's writer (vtkXMLWriter::WriteBinaryData), an
// uncompressed array is ONE base64 stream of [UInt32 byte count][data bytes].
// Units: SI; VTK has no unit attribute, so the file carries an XML comment listing each array's unit,
// which readVtp reads back.
import { checkParticleSet, type NumberArray, type ParticleSet } from './particle-set';
import { encodeBase64, decodeBase64 } from './base64';
import { DumpError } from './dump-error';

type VtkType = 'Float64' | 'Float32' | 'Int32' | 'Int64' | 'UInt32' | 'UInt8' | 'Int8' | 'Int16' | 'UInt16' | 'UInt64';
const SIZE: Record<VtkType, number> = { Float64: 8, Float32: 4, Int32: 4, Int64: 8, UInt32: 4, UInt8: 1, Int8: 1, Int16: 2, UInt16: 2, UInt64: 8 };

function binary(values: ArrayLike<number>, type: 'Float64' | 'Int32'): string {
  const size = SIZE[type];
  const bytes = new Uint8Array(4 + size * values.length);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, size * values.length, true);
  if (type === 'Float64') for (let i = 0; i < values.length; i++) dv.setFloat64(4 + 8 * i, values[i], true);
  else for (let i = 0; i < values.length; i++) dv.setInt32(4 + 4 * i, values[i], true);
  return encodeBase64(bytes);
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function isInt32(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) { const v = a[i]; if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) return false; }
  return true;
}

function dataArray(name: string, values: ArrayLike<number>, components = 1, integer = false): string {
  const type = integer && isInt32(values) ? 'Int32' : 'Float64';
  return `        <DataArray type="${type}" Name="${xmlEscape(name)}"${components > 1 ? ` NumberOfComponents="${components}"` : ''} format="binary">${binary(values, type)}</DataArray>\n`;
}

/** The set as .vtp text. */
export function vtpText(set: ParticleSet): string {
  checkParticleSet(set);
  const n = set.count;
  const units: string[] = ['radius=m'];
  let pd = dataArray('radius', set.radii);
  pd += dataArray('id', set.ids ?? Array.from({ length: n }, (_, i) => i + 1), 1, true);
  pd += dataArray('type', set.types ?? new Int32Array(n).fill(1), 1, true);
  if (set.velocities) { pd += dataArray('velocity', set.velocities, 3); units.push('velocity=m/s'); }
  const names = new Set(['radius', 'id', 'type', 'velocity']);
  for (const [name, f] of Object.entries(set.fields)) {
    let nm = name; let k = 2;
    while (names.has(nm)) nm = `${name}_${k++}`;
    names.add(nm);
    pd += dataArray(nm, f.values, 1, f.values instanceof Int32Array);
    units.push(`${nm}=${f.unit}`);
  }
  const conn = new Int32Array(n), off = new Int32Array(n);
  for (let i = 0; i < n; i++) { conn[i] = i; off[i] = i + 1; }
  const box = `${set.box.lo.join(' ')} ${set.box.hi.join(' ')}`;
  const field = [`      <DataArray type="Float64" Name="box" NumberOfTuples="1" NumberOfComponents="6" format="ascii">${box}</DataArray>\n`,
    `      <DataArray type="Int32" Name="periodic" NumberOfTuples="1" NumberOfComponents="3" format="ascii">${set.box.periodic.map(Number).join(' ')}</DataArray>\n`];
  if (set.time !== undefined) field.push(`      <DataArray type="Float64" Name="TimeValue" NumberOfTuples="1" format="ascii">${set.time}</DataArray>\n`);
  return '<?xml version="1.0"?>\n' +
    `<!-- electrode-lab particles; SI units: positions m, ${units.map(xmlEscape).join('; ').replace(/--/g, '- -')} -->\n` +
    '<VTKFile type="PolyData" version="0.1" byte_order="LittleEndian" header_type="UInt32">\n' +
    '  <PolyData>\n' +
    '    <FieldData>\n' + field.join('') + '    </FieldData>\n' +
    `    <Piece NumberOfPoints="${n}" NumberOfVerts="${n}" NumberOfLines="0" NumberOfStrips="0" NumberOfPolys="0">\n` +
    `      <PointData Scalars="radius"${set.velocities ? ' Vectors="velocity"' : ''}>\n` + pd + '      </PointData>\n' +
    '      <Points>\n' + dataArray('Points', set.positions, 3).replace('        ', '        ') + '      </Points>\n' +
    '      <Verts>\n' + dataArray('connectivity', conn, 1, true) + dataArray('offsets', off, 1, true) + '      </Verts>\n' +
    '    </Piece>\n  </PolyData>\n</VTKFile>\n';
}

// ------------------------------------------------------------------------------------------------
// Reader: the subset of VTK XML PolyData that this writer and ParaView's default writer produce
// (ascii or uncompressed inline base64 arrays, little-endian, UInt32/UInt64 headers). Compressed
// or appended data is refused with a message. Errors carry the line of the offending element.

interface RawArray { name: string; type: VtkType; components: number; values: Float64Array; line: number }

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag);
  return m ? m[1] : null;
}

function decodeArray(tag: string, body: string, line: number, header64: boolean): Float64Array {
  const type = (attr(tag, 'type') ?? '') as VtkType;
  if (!(type in SIZE)) throw new DumpError(`DataArray type "${type}" is not supported`, line);
  const format = attr(tag, 'format') ?? 'ascii';
  if (format === 'ascii') {
    const toks = body.trim().split(/\s+/).filter(Boolean);
    const out = new Float64Array(toks.length);
    toks.forEach((t, i) => { const v = Number(t); if (!Number.isFinite(v)) throw new DumpError(`DataArray value "${t.slice(0, 30)}" is not a finite number`, line); out[i] = v; });
    return out;
  }
  if (format === 'appended') throw new DumpError('appended DataArrays are not supported: save the .vtp from ParaView with "Data Mode: Binary" or "Ascii"', line);
  if (format !== 'binary') throw new DumpError(`DataArray format "${format}" is unknown`, line);
  let bytes: Uint8Array;
  try { bytes = decodeBase64(body); } catch (e) { throw new DumpError(`DataArray: ${(e as Error).message}`, line); }
  const hs = header64 ? 8 : 4;
  if (bytes.length < hs) throw new DumpError('binary DataArray is shorter than its header', line);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nbytes = header64 ? Number(dv.getBigUint64(0, true)) : dv.getUint32(0, true);
  const size = SIZE[type];
  if (nbytes % size !== 0 || hs + nbytes > bytes.length) throw new DumpError(`binary DataArray header says ${nbytes} bytes, the data holds ${bytes.length - hs}`, line);
  const n = nbytes / size, out = new Float64Array(n);
  for (let i = 0, o = hs; i < n; i++, o += size) {
    switch (type) {
      case 'Float64': out[i] = dv.getFloat64(o, true); break;
      case 'Float32': out[i] = dv.getFloat32(o, true); break;
      case 'Int32': out[i] = dv.getInt32(o, true); break;
      case 'UInt32': out[i] = dv.getUint32(o, true); break;
      case 'Int64': out[i] = Number(dv.getBigInt64(o, true)); break;
      case 'UInt64': out[i] = Number(dv.getBigUint64(o, true)); break;
      case 'Int16': out[i] = dv.getInt16(o, true); break;
      case 'UInt16': out[i] = dv.getUint16(o, true); break;
      case 'Int8': out[i] = dv.getInt8(o); break;
      case 'UInt8': out[i] = dv.getUint8(o); break;
    }
  }
  return out;
}

function arraysIn(text: string, section: string, offset: number, header64: boolean): RawArray[] {
  const out: RawArray[] = [];
  const re = /<DataArray\b([^>]*?)(\/>|>([\s\S]*?)<\/DataArray>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(section))) {
    const line = lineAt(text, offset + m.index);
    const tag = m[1];
    const values = decodeArray(tag, m[3] ?? '', line, header64);
    out.push({ name: attr(tag, 'Name') ?? '', type: attr(tag, 'type') as VtkType, components: Number(attr(tag, 'NumberOfComponents') ?? 1), values, line });
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Reads a .vtp written by vtpText (or an equivalent ParaView export) back to a particle set. */
export function readVtp(text: string): ParticleSet {
  const root = /<VTKFile\b([^>]*)>/.exec(text);
  if (!root) throw new DumpError('not a VTK XML file (no <VTKFile> element)', 1);
  const rootLine = lineAt(text, root.index);
  if (attr(root[1], 'type') !== 'PolyData') throw new DumpError(`VTKFile type "${attr(root[1], 'type')}" is not PolyData`, rootLine);
  if ((attr(root[1], 'byte_order') ?? 'LittleEndian') !== 'LittleEndian') throw new DumpError('big-endian VTK files are not supported', rootLine);
  if (attr(root[1], 'compressor')) throw new DumpError(`compressed VTK data (${attr(root[1], 'compressor')}) is not supported: save without compression`, rootLine);
  const header64 = attr(root[1], 'header_type') === 'UInt64';
  const pieces = text.match(/<Piece\b/g) ?? [];
  if (pieces.length !== 1) throw new DumpError(`expected one <Piece>, found ${pieces.length}`, rootLine);
  const piece = /<Piece\b([^>]*)>/.exec(text)!;
  const pieceLine = lineAt(text, piece.index);
  const n = Number(attr(piece[1], 'NumberOfPoints'));
  if (!Number.isInteger(n) || n < 0) throw new DumpError(`NumberOfPoints "${attr(piece[1], 'NumberOfPoints')}" is not a count`, pieceLine);
  const section = (tag: string) => {
    const m = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(text);
    return m ? arraysIn(text, m[1], m.index + m[0].indexOf(m[1]), header64) : [];
  };
  const points = section('Points');
  if (points.length !== 1 || points[0].components !== 3) throw new DumpError('<Points> must hold one 3-component DataArray', pieceLine);
  if (points[0].values.length !== 3 * n) throw new DumpError(`<Points> holds ${points[0].values.length / 3} points, NumberOfPoints says ${n}`, points[0].line);
  const units = new Map<string, string>();
  const comment = /<!--\s*electrode-lab particles; SI units:([\s\S]*?)-->/.exec(text);
  if (comment) for (const part of comment[1].split(';')) { const m = /^\s*([^=]+?)=(.*)$/.exec(part); if (m) units.set(unescapeXml(m[1].trim()), unescapeXml(m[2].trim())); }
  const set: ParticleSet = { count: n, positions: points[0].values, radii: new Float64Array(0), fields: {}, box: { lo: [0, 0, 0], hi: [0, 0, 0], periodic: [false, false, false] } };
  let radius: Float64Array | null = null;
  for (const a of section('PointData')) {
    if (a.values.length !== a.components * n) throw new DumpError(`PointData array "${a.name}" has ${a.values.length} values, expected ${a.components * n}`, a.line);
    if (a.name === 'radius' && a.components === 1) radius = a.values;
    else if (a.name === 'diameter' && a.components === 1 && !radius) radius = a.values.map((d) => d / 2);
    else if (a.name === 'id' && a.components === 1) set.ids = a.values;
    else if (a.name === 'type' && a.components === 1) set.types = Int32Array.from(a.values);
    else if (a.name === 'velocity' && a.components === 3) set.velocities = a.values;
    else if (a.components === 1) set.fields[a.name] = { values: a.type.startsWith('Int') ? Int32Array.from(a.values) : a.values, unit: units.get(a.name) ?? '?' };
    else for (let k = 0; k < a.components; k++) set.fields[`${a.name}_${k}`] = { values: a.values.filter((_, i) => i % a.components === k), unit: units.get(a.name) ?? '?' };
  }
  if (!radius) throw new DumpError('PointData has no "radius" (or "diameter") array', pieceLine);
  set.radii = radius;
  let boxFound = false;
  for (const a of section('FieldData')) {
    if (a.name === 'box' && a.values.length === 6) { set.box.lo = [a.values[0], a.values[1], a.values[2]]; set.box.hi = [a.values[3], a.values[4], a.values[5]]; boxFound = true; }
    if (a.name === 'periodic' && a.values.length === 3) set.box.periodic = [a.values[0] !== 0, a.values[1] !== 0, a.values[2] !== 0];
    if (a.name === 'TimeValue' && a.values.length === 1) set.time = a.values[0];
  }
  if (!boxFound) {
    // no box stored (a foreign file): the bounding box of the spheres
    for (let k = 0; k < 3; k++) {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < n; i++) { lo = Math.min(lo, set.positions[3 * i + k] - radius[i]); hi = Math.max(hi, set.positions[3 * i + k] + radius[i]); }
      set.box.lo[k] = n ? lo : 0; set.box.hi[k] = n ? hi : 0;
    }
  }
  try { checkParticleSet(set); } catch (e) { throw new DumpError((e as Error).message, pieceLine); }
  return set;
}

export type { NumberArray };
