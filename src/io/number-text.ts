/** A number as the shortest text that reads back to the same double (ECMAScript Number::toString), keeping the sign of −0. */
export function num(v: number): string {
  return v !== 0 ? String(v) : 1 / v < 0 ? '-0' : '0';
}
