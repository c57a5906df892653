// Points of the ternary simplex a + b + c = 1 on a regular lattice (the blend map of three grades).

export interface TernaryPoint { a: number; b: number; c: number }

/**
 * Every (a, b, c) with a + b + c = 1 and each a multiple of `step` (step 0.1 → 66 points).
 * Built from integer lattice indices (i/n, j/n, k/n), so they repeat bit-identically; their sum is
 * 1 up to one rounding.
 */
export function simplexPoints(step: number): TernaryPoint[] {
  const n = Math.round(1 / step);
  if (!(step > 0 && step <= 0.5) || Math.abs(n * step - 1) > 1e-9)
    throw new RangeError(`ternary step = ${step} must divide 1 evenly and lie in (0, 0.5] (e.g. 0.1 → 66 blends, 0.05 → 231).`);
  const out: TernaryPoint[] = [];
  for (let i = n; i >= 0; i--) {
    for (let j = n - i; j >= 0; j--) {
      const k = n - i - j;
      out.push({ a: i / n, b: j / n, c: k / n });
    }
  }
  return out;
}

/** Cartesian position of a ternary point in an equilateral triangle with corners A (0,0), B (1,0), C (½, √3/2). */
export function ternaryToXY(p: TernaryPoint): { x: number; y: number } {
  return { x: p.b + 0.5 * p.c, y: (Math.sqrt(3) / 2) * p.c };
}
