// A ternary contour map as SVG: the simplex lattice is split into small triangles, each filled with
// the mean of its three corner values (viridis), iso-lines at "nice" levels traced by linear
// interpolation inside each lattice triangle (marching triangles), the lattice points as dots,
// corner labels, a colour bar with the contour levels marked, and a title.
import { cssColor } from '../view/colormaps';
import { ternaryToXY, type TernaryPoint } from './ternary';

export interface TernaryMapOptions {
  title: string;
  labels: [string, string, string];   // corners A, B, C
  unit?: string;                      // colour-bar unit, e.g. '' for a solid fraction
  size?: number;                      // px, default 640
  contours?: number;                  // about this many iso-lines (nice levels), default 6; 0 = none
}

/** About `count` round levels strictly inside (lo, hi): steps of 1, 2 or 5 × 10^k. */
export function niceLevels(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || count <= 0) return [];
  const raw = (hi - lo) / (count + 1);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v < hi; v += step) if (v > lo) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * Iso-line segments of level L through the triangle with corners p (xy) and values v, by linear
 * interpolation along its edges (marching triangles); [] when L misses the triangle.
 */
export function triangleIsoSegment(p: [number, number][], v: number[], L: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let e = 0; e < 3; e++) {
    const a = e, b = (e + 1) % 3;
    if ((v[a] < L) !== (v[b] < L)) {
      const t = (L - v[a]) / (v[b] - v[a]);
      pts.push([p[a][0] + t * (p[b][0] - p[a][0]), p[a][1] + t * (p[b][1] - p[a][1])]);
    }
  }
  return pts.length === 2 ? pts : [];
}

/** `points` must be the full lattice of simplexPoints(step) with `values` in the same order. */
export function ternarySvg(points: TernaryPoint[], values: number[], step: number, o: TernaryMapOptions): string {
  const n = Math.round(1 / step);
  const key = (p: TernaryPoint) => `${Math.round(p.a * n)},${Math.round(p.b * n)}`;
  const at = new Map(points.map((p, k) => [key(p), values[k]]));
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite), hi = Math.max(...finite);
  const t = (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  const W = o.size ?? 640, pad = 60, side = W - 2 * pad - 80;
  const xy = (a: number, b: number) => {
    const q = ternaryToXY({ a, b, c: 1 - a - b });
    return [pad + q.x * side, pad + 20 + (Math.sqrt(3) / 2 - q.y) * side] as const;
  };
  const cells: string[] = [];
  const lines: string[] = [];
  const levels = niceLevels(lo, hi, o.contours ?? 6);
  const tri = (v: [number, number][]) => {
    const vals = v.map(([i, j]) => at.get(`${i},${j}`));
    if (vals.some((x) => x === undefined || !Number.isFinite(x))) return;
    const mean = (vals as number[]).reduce((s, x) => s + x, 0) / 3;
    const corners = v.map(([i, j]) => [...xy(i / n, j / n)] as [number, number]);
    const pts = corners.map((c) => c.map((x) => x.toFixed(2)).join(',')).join(' ');
    cells.push(`<polygon points="${pts}" fill="${cssColor('viridis', t(mean))}" stroke="${cssColor('viridis', t(mean))}" stroke-width="0.5"/>`);
    for (const L of levels) {
      const seg = triangleIsoSegment(corners, vals as number[], L);
      if (seg.length) lines.push(`M${seg[0][0].toFixed(2)},${seg[0][1].toFixed(2)}L${seg[1][0].toFixed(2)},${seg[1][1].toFixed(2)}`);
    }
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; i + j < n; j++) {
      tri([[i, j], [i + 1, j], [i, j + 1]]);
      if (i + j + 2 <= n) tri([[i + 1, j], [i + 1, j + 1], [i, j + 1]]);
    }
  }
  const [ax, ay] = xy(1, 0), [bx, by] = xy(0, 1), [cx, cy] = xy(0, 0);
  const esc = (s: string) => s.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' }[ch]!));
  const bar: string[] = [];
  const bx0 = W - pad - 40, by0 = pad + 20, bh = side * 0.8;
  for (let k = 0; k < 32; k++) bar.push(`<rect x="${bx0}" y="${(by0 + bh - ((k + 1) * bh) / 32).toFixed(2)}" width="18" height="${(bh / 32 + 0.5).toFixed(2)}" fill="${cssColor('viridis', (k + 0.5) / 32)}"/>`);
  const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : 'no data');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W}" viewBox="0 0 ${W} ${W}" font-family="sans-serif" font-size="14">
<rect width="100%" height="100%" fill="white"/>
<text x="${W / 2}" y="28" text-anchor="middle" font-size="17">${esc(o.title)}</text>
${finite.length ? '' : `<text x="${W / 2}" y="${W / 2}" text-anchor="middle" fill="#a00">no finite values to map (beds too thin for a bulk solid fraction?)</text>`}
${cells.join('\n')}
<path d="${lines.join('')}" fill="none" stroke="white" stroke-width="1.2" stroke-opacity="0.9"/>
${points.map((p) => { const [x, y] = xy(p.a, p.b); return `<circle cx="${x.toFixed(2)}" cy="${y.toFixed(2)}" r="1.6" fill="#222" fill-opacity="0.5"/>`; }).join('')}
<polygon points="${ax},${ay} ${bx},${by} ${cx},${cy}" fill="none" stroke="#222" stroke-width="1.5"/>
<text x="${ax}" y="${ay + 22}" text-anchor="middle">${esc(o.labels[0])}</text>
<text x="${bx}" y="${by + 22}" text-anchor="middle">${esc(o.labels[1])}</text>
<text x="${cx}" y="${cy - 10}" text-anchor="middle">${esc(o.labels[2])}</text>
${bar.join('\n')}
${levels.map((L) => { const y = by0 + bh - t(L) * bh; return `<line x1="${bx0}" x2="${bx0 + 18}" y1="${y.toFixed(2)}" y2="${y.toFixed(2)}" stroke="white" stroke-width="1.2"/><text x="${bx0 + 24}" y="${(y + 5).toFixed(2)}" font-size="11">${fmt(L)}</text>`; }).join('\n')}
<text x="${bx0 + 24}" y="${by0 + 5}">${fmt(hi)}</text>
<text x="${bx0 + 24}" y="${by0 + bh + 5}">${fmt(lo)}</text>
<text x="${bx0 + 9}" y="${by0 + bh + 28}" text-anchor="middle">${esc(o.unit ?? '')}</text>
</svg>
`;
}
