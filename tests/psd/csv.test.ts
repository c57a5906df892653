// Pasted laser-diffraction tables: layouts, units, decimal commas, and errors with line and column.
import { describe, expect, it } from 'vitest';
import { parsePsdCsv, psdStats, tableToCsv, type CsvResult, type TablePsd } from '../../src/psd';

function ok(r: CsvResult) {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
}
function errors(r: CsvResult) {
  if (r.ok) throw new Error('expected the CSV to be refused');
  return r.errors;
}

describe('parsePsdCsv: accepted input', () => {
  it('reads 3 columns (dLow, dHigh, volume %) in µm with header, comments, CRLF and trailing commas', () => {
    const r = ok(parsePsdCsv('\uFEFF# Mastersizer export\r\nSize low (µm),Size high (µm),Volume %\r\n1,2,10,\r\n2,4,60,\r\n\r\n4,8,30,\r\n'));
    expect(r.layout).toBe('bins');
    expect(r.unit).toBe('µm');
    expect(r.psd.bins).toEqual([
      { dLow: 1e-6, dHigh: 2e-6, volumePercent: 10 },
      { dLow: 2e-6, dHigh: 4e-6, volumePercent: 60 },
      { dLow: 4e-6, dHigh: 8e-6, volumePercent: 30 },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('takes the size unit from the header and accepts semicolons with decimal commas', () => {
    const nm = ok(parsePsdCsv('d_low_nm\td_high_nm\tvol\n500\t1000\t40\n1000\t2000\t60\n'));
    expect(nm.unit).toBe('nm');
    expect(nm.psd.bins[0].dLow).toBeCloseTo(5e-7, 20);
    const eu = ok(parsePsdCsv('Größe (µm);bis (µm);Volumen %\n1,5;3;55,5\n3;6;44,5\n'));
    expect(eu.psd.bins[0]).toEqual({ dLow: 1.5e-6, dHigh: 3e-6, volumePercent: 55.5 });
    const bare = ok(parsePsdCsv('1 2 50\n2 4 50\n'));
    expect(bare.psd.bins).toHaveLength(2);
  });

  it('reads 2 columns as cumulative % passing and renormalises what it covers', () => {
    const r = ok(parsePsdCsv('size_um,cumulative_percent\n1,0\n2,10\n4,50\n8,90\n16,100\n'));
    expect(r.layout).toBe('cumulative');
    expect(r.psd.bins.map((b) => b.volumePercent)).toEqual([10, 40, 40, 10]);
    expect(r.psd.bins[3]).toMatchObject({ dLow: 8e-6, dHigh: 16e-6 });
    expect(psdStats(r.psd, { truncation: { lower: 0, upper: 1, maxSizeRatio: Infinity } }).d50).toBeCloseTo(4e-6, 15);
    const partial = ok(parsePsdCsv('1,2\n2,10\n4,50\n8,90\n16,97\n'));
    expect(partial.warnings.join(' ')).toMatch(/2 % of the volume lies below the first size/);
    expect(partial.warnings.join(' ')).toMatch(/3 % of the volume lies above the last size/);
    expect(partial.psd.bins.reduce((a, b) => a + b.volumePercent, 0)).toBeCloseTo(100, 10);
  });

  it('round-trips tableToCsv', () => {
    const t: TablePsd = { kind: 'table', bins: [{ dLow: 1.25e-6, dHigh: 2.5e-6, volumePercent: 33.3 }, { dLow: 2.5e-6, dHigh: 5e-6, volumePercent: 66.7 }] };
    const back = ok(parsePsdCsv(tableToCsv(t))).psd;
    back.bins.forEach((b, i) => {
      expect(b.dLow / t.bins[i].dLow).toBeCloseTo(1, 12);
      expect(b.dHigh / t.bins[i].dHigh).toBeCloseTo(1, 12);
      expect(b.volumePercent).toBe(t.bins[i].volumePercent);
    });
  });
});

describe('parsePsdCsv: errors name the line, the column and the fix', () => {
  it('a non-numeric cell', () => {
    const [e] = errors(parsePsdCsv('dLow,dHigh,vol\n1,2,10\n2,4,60\n4,abc,30\n'));
    expect(e).toMatchObject({ line: 4, column: 2 });
    expect(e.message).toMatch(/^Line 4, column 2: "abc" is not a number\. Use a plain number/);
  });

  it('an empty cell, reversed edges, overlapping classes, a bad percentage', () => {
    expect(errors(parsePsdCsv('1,,10\n'))[0]).toMatchObject({ line: 1, column: 2 });
    expect(errors(parsePsdCsv('1,2,ten\n'))[0]).toMatchObject({ line: 1, column: 3 });
    const [rev] = errors(parsePsdCsv('# c\n2,1,100\n'));
    expect(rev).toMatchObject({ line: 2, column: 2 });
    expect(rev.message).toMatch(/dHigh = 1 µm must be > dLow = 2 µm/);
    const [ov] = errors(parsePsdCsv('1,3,50\n2,4,50\n'));
    expect(ov).toMatchObject({ line: 2, column: 1 });
    expect(ov.message).toMatch(/overlaps the class on line 1.*Sort the table/);
    expect(errors(parsePsdCsv('1,2,150\n'))[0]).toMatchObject({ line: 1, column: 3 });
    const [neg] = errors(parsePsdCsv('-1,2,100\n'));
    expect(neg.message).toMatch(/Line 1, column 1: size -1 µm must be > 0/);
  });

  it('volumes that do not sum to 100 %, with a hint when the column is cumulative', () => {
    const [e] = errors(parsePsdCsv('1,2,10\n2,4,60\n4,8,100\n'));
    expect(e.message).toMatch(/sums to 170 %.*looks cumulative.*2-column layout/);
    const [f] = errors(parsePsdCsv('1,2,10\n2,4,60\n'));
    expect(f.message).toMatch(/sums to 70 %.*Check for missing rows/);
  });

  it('a 2-column table that is not cumulative, or covers too little', () => {
    const [e] = errors(parsePsdCsv('size,cum\n1,0\n2,30\n4,20\n'));
    expect(e).toMatchObject({ line: 4, column: 2 });
    expect(e.message).toMatch(/falls below 30 %.*3 columns/);
    const [g] = errors(parsePsdCsv('1,0\n2,30\n4,60\n'));
    expect(g.message).toMatch(/covers only 60 %/);
    const [h] = errors(parsePsdCsv('1,0\n0.5,100\n'));
    expect(h.message).toMatch(/must increase down the table/);
  });

  it('wrong column counts, no data, sizes outside the model range', () => {
    expect(errors(parsePsdCsv('1,2,3,4\n'))[0].message).toMatch(/4 columns: expected 3 .* or 2/);
    const [mixed] = errors(parsePsdCsv('1,2,50\n2,4\n'));
    expect(mixed).toMatchObject({ line: 2 });
    expect(errors(parsePsdCsv('# only a comment\n\n'))[0].message).toMatch(/No data rows/);
    const [big] = errors(parsePsdCsv('size (mm),to (mm),vol\n10,30,100\n'));
    expect(big.line).toBe(2);
    expect(big.message).toMatch(/≤ 0\.02 m/);
  });
});
