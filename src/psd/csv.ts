// Parses a measured PSD pasted as CSV (a laser-diffraction report) into a 'table' PSD.
//
// Accepted layouts (one row per size class, sizes ascending):
//   3 columns   dLow, dHigh, volume %           the volume % in each class [dLow, dHigh)
//   2 columns   size, cumulative volume %       % passing (undersize, Q3) at each size; the classes
//                                               are the intervals between consecutive sizes
// Sizes are in µm unless the header names another unit (nm, µm/um/micron, mm, m). Separators: comma,
// semicolon, tab (with ';' or tab a decimal comma is accepted: "12,5"). Blank lines and lines starting
// with '#' are ignored; one header line (a first line of words, no numbers) is allowed; a 2-column file
// is read as cumulative (the only 2-column layout that is unambiguous).
import { checkPsd } from './validate';
import type { PsdBin, TablePsd } from './types';

export interface CsvError {
  /** 1-based line and column (column = field number; 0 when the whole line or file is meant). */
  line: number;
  column: number;
  message: string;
}

export type CsvResult =
  | { ok: true; psd: TablePsd; warnings: string[]; layout: 'bins' | 'cumulative'; unit: string }
  | { ok: false; errors: CsvError[] };

/** Size units a header may name (as a separate token: "d_um", "Size (nm)", "dLow [mm]"). */
const token = (u: string) => new RegExp(`(^|[^a-z])${u}([^a-z]|$)`, 'i');
const UNITS: Array<[RegExp, string, number]> = [
  [token('nm'), 'nm', 1e-9],
  [/µm|μm|micron/i, 'µm', 1e-6],
  [token('um'), 'µm', 1e-6],
  [token('mm'), 'mm', 1e-3],
  [token('m'), 'm', 1],
];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A cumulative column may miss 100 % by this much (rounding in reports) before a warning. */
const CUMULATIVE_TOLERANCE = 0.5;
/** Below this much covered volume (%) a cumulative table is refused. */
const CUMULATIVE_MIN_COVERED = 90;

/** Parses CSV text; errors name the line, the column and what to do. */
export function parsePsdCsv(text: string): CsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const errors: CsvError[] = [];
  const warnings: string[] = [];
  const rows: { line: number; cells: number[] }[] = [];
  let header: string | undefined;
  let sep: string | undefined;
  let decimalComma = false;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    const line = i + 1;
    if (raw === '' || raw.startsWith('#')) continue;
    if (sep === undefined) {
      sep = raw.includes('\t') ? '\t' : raw.includes(';') ? ';' : raw.includes(',') ? ',' : ' ';
      decimalComma = sep === ';' || sep === '\t';
    }
    let fields = sep === ' ' ? raw.split(/\s+/) : raw.split(sep).map((f) => f.trim());
    while (fields.length > 1 && fields[fields.length - 1] === '') fields = fields.slice(0, -1); // trailing separator
    const isNumeric = (f: string) => NUMBER.test(decimalComma ? f.replace(',', '.') : f);
    // a header is a first line of words only (a line of numbers with a typo is data, reported below)
    if (rows.length === 0 && header === undefined && errors.length === 0 && !fields.some(isNumeric) && /[A-Za-zµμ%]/.test(raw)) {
      header = raw;
      continue;
    }
    const cells: number[] = [];
    fields.forEach((f, k) => {
      const s = decimalComma ? f.replace(',', '.') : f;
      if (!NUMBER.test(s)) {
        const why = f === '' ? 'is empty' : `${JSON.stringify(f)} is not a number`;
        errors.push({ line, column: k + 1, message: `Line ${line}, column ${k + 1}: ${why}. Use a plain number such as 12.5 (sizes in the header's unit, default µm; volume in %).` });
      } else cells.push(Number(s));
    });
    if (cells.length === fields.length) rows.push({ line, cells });
  }
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) {
    return { ok: false, errors: [{ line: 0, column: 0, message: 'No data rows: paste rows of "dLow, dHigh, volume %" or "size, cumulative volume %" (sizes in µm).' }] };
  }
  const width = rows[0].cells.length;
  if (width !== 2 && width !== 3) {
    return { ok: false, errors: [{ line: rows[0].line, column: 0, message: `Line ${rows[0].line} has ${width} columns: expected 3 (dLow, dHigh, volume % per class) or 2 (size, cumulative volume % passing). Delete the other columns.` }] };
  }
  for (const r of rows) {
    if (r.cells.length !== width) {
      errors.push({ line: r.line, column: 0, message: `Line ${r.line} has ${r.cells.length} columns but line ${rows[0].line} has ${width}: every row needs the same columns.` });
    }
  }
  if (errors.length) return { ok: false, errors };

  // size unit: from the header (default µm)
  let unit = 'µm', factor = 1e-6;
  if (header) {
    // the unit of the first (size) column decides
    const firstField = header.split(sep === ' ' ? /\s+/ : sep ?? ',')[0] ?? header;
    for (const [re, name, f] of UNITS) {
      if (re.test(firstField)) { unit = name; factor = f; break; }
    }
  }
  const sizeOk = (r: { line: number }, k: number, v: number) => {
    if (v > 0) return true;
    errors.push({ line: r.line, column: k + 1, message: `Line ${r.line}, column ${k + 1}: size ${v} ${unit} must be > 0.` });
    return false;
  };

  const bins: PsdBin[] = [];
  const lineOfBin: number[] = [];
  let layout: 'bins' | 'cumulative';
  if (width === 3) {
    layout = 'bins';
    let prevHigh = -Infinity, prevLine = 0;
    for (const r of rows) {
      const [lo, hi, v] = r.cells;
      if (!sizeOk(r, 0, lo) || !sizeOk(r, 1, hi)) continue;
      if (hi <= lo) {
        errors.push({ line: r.line, column: 2, message: `Line ${r.line}, column 2: dHigh = ${hi} ${unit} must be > dLow = ${lo} ${unit}. Swap the two size columns or fix the row.` });
        continue;
      }
      if (lo < prevHigh * (1 - 1e-9)) {
        errors.push({ line: r.line, column: 1, message: `Line ${r.line}, column 1: dLow = ${lo} ${unit} overlaps the class on line ${prevLine} (which ends at ${prevHigh} ${unit}): rows must be sorted by size, ascending, without overlap. Sort the table (largest-first reports must be reversed).` });
        continue;
      }
      if (v < 0 || v > 100) {
        errors.push({ line: r.line, column: 3, message: `Line ${r.line}, column 3: volume ${v} % must be ≥ 0 and ≤ 100.` });
        continue;
      }
      prevHigh = hi; prevLine = r.line;
      bins.push({ dLow: lo * factor, dHigh: hi * factor, volumePercent: v });
      lineOfBin.push(r.line);
    }
    if (!errors.length) {
      const sum = bins.reduce((a, b) => a + b.volumePercent, 0);
      if (Math.abs(sum - 100) > 1) {
        const cumulative = bins.every((b, k) => k === 0 || b.volumePercent >= bins[k - 1].volumePercent) && Math.abs(bins[bins.length - 1].volumePercent - 100) < 1;
        errors.push({ line: rows[rows.length - 1].line, column: 3, message: `Column 3 sums to ${Number(sum.toPrecision(6))} %: the class volumes must sum to 100 % (± 1). ${cumulative ? 'The column looks cumulative: use the 2-column layout "size, cumulative %" (upper class edge and % passing) instead.' : 'Check for missing rows.'}` });
      }
    }
  } else {
    layout = 'cumulative';
    let prev: { line: number; d: number; q: number } | undefined;
    let first: { d: number; q: number } | undefined;
    for (const r of rows) {
      const [d, q] = r.cells;
      if (!sizeOk(r, 0, d)) continue;
      if (q < 0 || q > 100 + CUMULATIVE_TOLERANCE) {
        errors.push({ line: r.line, column: 2, message: `Line ${r.line}, column 2: cumulative volume ${q} % must be between 0 and 100.` });
        continue;
      }
      if (prev && d <= prev.d) {
        errors.push({ line: r.line, column: 1, message: `Line ${r.line}, column 1: size ${d} ${unit} is not larger than ${prev.d} ${unit} on line ${prev.line}: sizes must increase down the table. Sort it ascending.` });
        continue;
      }
      if (prev && q < prev.q) {
        errors.push({ line: r.line, column: 2, message: `Line ${r.line}, column 2: cumulative volume ${q} % falls below ${prev.q} % on line ${prev.line}: a 2-column table must be cumulative (% passing). For per-class volumes use 3 columns: dLow, dHigh, volume %.` });
        continue;
      }
      if (prev) {
        bins.push({ dLow: prev.d * factor, dHigh: d * factor, volumePercent: q - prev.q });
        lineOfBin.push(r.line);
      } else first = { d, q };
      prev = { line: r.line, d, q: Math.min(q, 100) };
    }
    if (!errors.length && first && prev) {
      const covered = prev.q - first.q;
      if (bins.length === 0 || covered < CUMULATIVE_MIN_COVERED) {
        errors.push({ line: rows[rows.length - 1].line, column: 2, message: `The table covers only ${Number(covered.toPrecision(4))} % of the volume (from ${first.q} % at ${first.d} ${unit} to ${prev.q} % at ${prev.d} ${unit}): it must cover at least ${CUMULATIVE_MIN_COVERED} %. Add rows down to ~0 % and up to 100 %.` });
      } else {
        if (first.q > CUMULATIVE_TOLERANCE) warnings.push(`${first.q} % of the volume lies below the first size (${first.d} ${unit}) and is left out; add a row with 0 % at a smaller size to keep it.`);
        if (100 - prev.q > CUMULATIVE_TOLERANCE) warnings.push(`${Number((100 - prev.q).toPrecision(4))} % of the volume lies above the last size (${prev.d} ${unit}) and is left out; add a row with 100 % at a larger size to keep it.`);
        for (const b of bins) b.volumePercent = (100 * b.volumePercent) / covered; // renormalise to 100 %
      }
    }
  }
  if (errors.length) return { ok: false, errors };

  const psd: TablePsd = { kind: 'table', bins };
  // the model's own checks (size limits), mapped back to lines
  const issues = checkPsd(psd, '');
  if (issues.length) {
    return {
      ok: false,
      errors: issues.map((iss) => {
        const m = /^bins\[(\d+)\]/.exec(iss.path);
        const line = m ? lineOfBin[Number(m[1])] : rows[0].line;
        return { line, column: 0, message: `Line ${line}: ${iss.message}` };
      }),
    };
  }
  if (!bins.some((b) => b.volumePercent > 0)) {
    return { ok: false, errors: [{ line: rows[0].line, column: 0, message: 'Every class has 0 % volume: the table holds no distribution.' }] };
  }
  return { ok: true, psd, warnings, layout, unit };
}

/** Writes a table PSD as 3-column CSV in µm (what parsePsdCsv reads back). */
export function tableToCsv(psd: TablePsd): string {
  const n = (x: number) => String(Number(x.toPrecision(10)));
  return ['dLow_um,dHigh_um,volume_percent', ...psd.bins.map((b) => `${n(b.dLow * 1e6)},${n(b.dHigh * 1e6)},${n(b.volumePercent)}`)].join('\n') + '\n';
}
