import { describe, expect, it } from 'vitest';
import { parseSceneJson, presets, validateScene } from '../../src/scene';
import { minimal } from './helpers';

function syntaxError(text: string) {
  const r = parseSceneJson(text);
  if (r.ok) throw new Error('expected a syntax error');
  expect(r.errors).toHaveLength(1);
  return r.errors[0];
}

describe('parseSceneJson', () => {
  it('reports malformed JSON with line and column', () => {
    const text = '{\n  "name": "x",\n  "seed": ,\n}';
    const e = syntaxError(text);
    expect([e.line, e.column]).toEqual([3, 11]); // the comma after "seed":
    expect(e.message).toMatch(/^Malformed JSON at line 3, column 11: unexpected ","/);
  });

  it('explains common mistakes at the right place', () => {
    expect(syntaxError('{"a": [1, 2,]}')).toMatchObject({ line: 1, column: 13 });
    expect(syntaxError('{"a": [1, 2,]}').message).toContain('trailing comma');
    expect(syntaxError('{"a": 1,\n}')).toMatchObject({ line: 2, column: 1 });
    expect(syntaxError("{'a': 1}").message).toContain('property name in double quotes');
    expect(syntaxError('{"a": 1} x')).toMatchObject({ line: 1, column: 10 });
    expect(syntaxError('{"a": NaN}')).toMatchObject({ line: 1, column: 7 });
    expect(syntaxError('{"a": "x\ny"}').message).toContain('line 1, column 9: control character');
    expect(syntaxError('{"a": 1').message).toContain('line 1, column 8');
    expect(syntaxError('').message).toContain('line 1, column 1: unexpected end of the text');
  });

  it('counts columns after CRLF line ends from the line start', () => {
    expect(syntaxError('{\r\n  "a": }')).toMatchObject({ line: 2, column: 8 });
  });

  it('validates well-formed JSON (and ignores a byte-order mark)', () => {
    expect(parseSceneJson('\uFEFF' + JSON.stringify(minimal())).ok).toBe(true);
    const r = parseSceneJson(JSON.stringify({ ...minimal(), seed: -1 }));
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['seed']);
  });
});

describe('round trip', () => {
  const scenes: [string, unknown][] = [['minimal', minimal()], ...[...presets].map(([name, p]): [string, unknown] => [name, p.build()])];
  it.each(scenes)('%s: stringify → parse → validate gives the same scene', (_, input) => {
    const first = validateScene(input);
    if (!first.ok) throw new Error(first.errors[0].message);
    const again = parseSceneJson(JSON.stringify(first.scene, null, 2));
    if (!again.ok) throw new Error(again.errors[0].message);
    expect(again.scene).toEqual(first.scene);
    expect(JSON.stringify(again.scene)).toBe(JSON.stringify(first.scene)); // same key order too
  });
});
