// Text summary of a scaffold run for the CLI and logs, in display units (µm, MPa, nm): the as-cast and
// final state, thickness and porosity at lithiation milestones, and the pore-size distribution.
import type { Scaffold, ScaffoldSample } from './scaffold';
import type { PoreSizeDistribution } from './pore-size';

/** Samples at lithiation 0, ¼, ½, ¾, 1, mid-relax and the end (each once). */
export function milestoneSamples(history: readonly ScaffoldSample[]): ScaffoldSample[] {
  const out: ScaffoldSample[] = [];
  for (const x of [0, 0.25, 0.5, 0.75, 1]) {
    const s = history.find((q) => q.phase !== 'cast' && q.lithiation >= x - 1e-9);
    if (s && !out.includes(s)) out.push(s);
  }
  const relax = history.filter((q) => q.phase === 'relax');
  if (relax.length) { const s = relax[Math.floor(relax.length / 2)]; if (!out.includes(s)) out.push(s); }
  const last = history[history.length - 1];
  if (last && !out.includes(last)) out.push(last);
  return out;
}

/** Markdown-ish lines: header, milestone table, pores (pass `pores` to avoid voxelizing again). */
export function scaffoldReport(s: Scaffold, pores?: PoreSizeDistribution & { porosity: number }): string[] {
  const p = s.params, i = s.info;
  const lines: string[] = [];
  lines.push(`Scaffold: ${(p.lx * 1e6).toFixed(2)} × ${(p.ly * 1e6).toFixed(2)} µm, cast ${(p.thickness0 * 1e6).toFixed(2)} µm at porosity ${i.porosity0.toFixed(3)}; ` +
    `${i.si} Si + ${i.tubes} CNT × ${Math.round(i.beads / Math.max(1, i.tubes))} beads; stack ${(p.stackPressure / 1e6).toFixed(1)} MPa; ` +
    `Li15Si4 p_y ${(p.lisiYield / 1e9).toFixed(2)} GPa; lithiation ${p.lithiation}, ${i.lithiationSteps} steps of ${(i.timestep * 1e12).toFixed(2)} ps`);
  lines.push('| phase | x | thickness (µm) | porosity | plane / collector (MPa) | Z |');
  lines.push('|---|---|---|---|---|---|');
  for (const q of milestoneSamples(s.history))
    lines.push(`| ${q.phase} | ${q.lithiation.toFixed(2)} | ${(q.thickness * 1e6).toFixed(3)} | ${q.porosity.toFixed(3)} | ${(q.platenPressure / 1e6).toFixed(1)} / ${(q.collectorPressure / 1e6).toFixed(1)} | ${q.coordination.toFixed(2)} |`);
  if (pores) {
    lines.push(`pores (largest inscribed sphere, ${(s.params.voxelSize * 1e9).toFixed(1)} nm voxels, volume-weighted): mean ${(pores.dMean * 1e9).toFixed(1)} nm, ` +
      `d50 ${(pores.d50 * 1e9).toFixed(1)} nm, d90 ${(pores.d90 * 1e9).toFixed(1)} nm; voxel porosity ${pores.porosity.toFixed(3)}`);
  }
  return lines;
}
