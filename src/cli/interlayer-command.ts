// `electrode-lab interlayer <preset>`: the issue #5 scene end to end in Node — form the cell (DEM
// scaffold of part 1 unless the preset is the bare cell or the CNT mat), then plate lithium into it with
// the kMC of part 2 (src/interlayer/pipeline.ts). Prints the scaffold's thickness and porosity over time,
// the pore-size distribution, the plating record (Li by place, Li–SE contact, nucleations, penetrations,
// capacity over time) and the mechanism map summary; --out writes result.json and CSV tables.
// Bad input: a message naming the option and its allowed range, exit code 64; never a stack trace.
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError, parseOptions } from './args';
import { loadCoreModuleNode } from '../core/load-node';
import { loadKmcModuleNode } from '../interlayer/kmc-load-node';
import { InterlayerRun, resultCsv, type InterlayerProgress } from '../interlayer/pipeline';
import { INTERLAYER_PRESET_NAMES, interlayerPreset } from '../interlayer/presets';
import { STACK_RANGE_MPA } from '../interlayer/scaffold-params';
import { decodeScaffoldFile, encodeScaffoldFile, ScaffoldFileError, type ScaffoldFile } from '../interlayer/scaffold-file';
import { coreDigestNode } from '../core/load-node';

export const INTERLAYER_USAGE = `  electrode-lab interlayer <preset> [--seed N] [--capacity 1] [--current 1] [--small] [--samples 50]
                          [--voxel-nm 10] [--stack <MPa>] [--cycles 0] [--out <dir>] [--quiet] [--save-scaffold <file>] [--scaffold <file>]
      Li3.75Si–CNT interlayer (issue #5): forms the cell under stack pressure by DEM (not for bare-cell and
      cnt-only), then plates lithium into it (lattice kMC) at --current mA/cm² to --capacity mAh/cm².
      Presets: ${INTERLAYER_PRESET_NAMES.join(', ')}; --small runs the reduced slab (seconds).
      --cycles N strips and re-plates the capacity N times after the first plating (0–20), reporting each
      cycle's Coulombic efficiency, dead Li and contact.
      --stack sets the stack pressure the scaffold forms under (MPa, ${STACK_RANGE_MPA.min}–${STACK_RANGE_MPA.max}; presets 65 and 5).
      Prints thickness/porosity over time, pore sizes d10/d50/d90, Li by place, Li–electrolyte contact,
      nucleations, penetrations and capacity over time; --out writes result.json, scaffold.csv,
      pore-sizes.csv, plating.csv, mechanism-map.csv and deposits.csv.
      --save-scaffold writes the formed DEM scaffold (JSON, docs/formats.md); --scaffold plates into a
      saved one instead of forming it again (same preset and seed; the full DEM takes 10–25 min).
`;


const VALUED = ['--seed', '--capacity', '--current', '--out', '--samples', '--cycles', '--voxel-nm', '--stack', '--save-scaffold', '--scaffold'];
const FLAGS = ['--small', '--quiet'];

/** A numeric option: must parse completely and lie in [lo, hi] (or (lo, hi] with loOpen). */
function numberOption(flags: Map<string, string | true>, name: string, def: number, lo: number, hi: number, what: string, integer = false, loOpen = false): number {
  const raw = flags.get(name);
  if (raw === undefined) return def;
  const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  const ok = Number.isFinite(v) && (loOpen ? v > lo : v >= lo) && v <= hi && (!integer || Number.isInteger(v));
  if (!ok) throw new UsageError(`${name} ${String(raw)}: ${what} must be ${integer ? 'an integer' : 'a number'} ${loOpen ? `above ${lo} and up to` : `from ${lo} to`} ${hi}.`);
  return v;
}

const um = (m: number) => (m * 1e6).toFixed(3);
const nm = (m: number) => (m * 1e9).toFixed(1);

export async function cmdInterlayer(argv: string[]): Promise<number> {
  try {
    const { pos, flags } = parseOptions(argv, VALUED, FLAGS);
    if (pos.length !== 1) throw new UsageError(`interlayer needs exactly one preset (${INTERLAYER_PRESET_NAMES.join(', ')}).`);
    const small = flags.has('--small');
    let preset;
    try { preset = interlayerPreset(pos[0], small); } catch (e) { throw new UsageError((e as Error).message); }
    const seed = numberOption(flags, '--seed', 1, 0, 0xffffffff, 'the seed', true);
    const capacity = numberOption(flags, '--capacity', preset.capacity, 0, 100, 'the plated capacity in mAh/cm²', false, true);
    const current = numberOption(flags, '--current', preset.currentDensity, 1e-4, 100, 'the current density in mA/cm²');
    const samples = numberOption(flags, '--samples', 50, 1, 10000, 'the number of plating samples', true);
    const cycles = numberOption(flags, '--cycles', 0, 0, 20, 'the number of plating/stripping cycles after the first plating', true);
    const voxelNm = numberOption(flags, '--voxel-nm', preset.voxelSize * 1e9, 2, 100, 'the kMC voxel edge in nm');
    const stackMpa = flags.has('--stack') ? numberOption(flags, '--stack', 0, STACK_RANGE_MPA.min, STACK_RANGE_MPA.max, 'the stack pressure in MPa') : null;
    if (stackMpa !== null && preset.cell.kind !== 'scaffold') throw new UsageError(`--stack: preset ${preset.name} has no DEM scaffold (cell kind ${preset.cell.kind}); the stack pressure forms the Li3.75Si–CNT presets.`);
    const quiet = flags.has('--quiet');
    const out = flags.get('--out');
    const log = (s: string) => { if (!quiet) process.stderr.write(s + '\n'); };

    const savePath = flags.get('--save-scaffold'); const loadPath = flags.get('--scaffold');
    if (preset.cell.kind !== 'scaffold' && (savePath || loadPath))
      throw new UsageError(`--save-scaffold / --scaffold: preset ${preset.name} has no DEM scaffold (cell kind ${preset.cell.kind}).`);
    if (savePath && loadPath) throw new UsageError('--save-scaffold and --scaffold together: a run from a saved scaffold forms nothing new to save (copy the file instead).');
    if (typeof savePath === 'string') {
      // fail now, not after 4–25 min of DEM
      try { accessSync(dirname(resolve(savePath)), constants.W_OK); } catch { throw new UsageError(`--save-scaffold ${savePath}: the folder ${dirname(resolve(savePath))} does not exist or is not writable.`); }
    }
    let scaffoldFile: ScaffoldFile | undefined;
    if (typeof loadPath === 'string') {
      let text: string;
      try { text = readFileSync(loadPath, 'utf8'); } catch (e) { throw new UsageError(`--scaffold ${loadPath}: cannot read it (${(e as Error).message}).`); }
      try { scaffoldFile = decodeScaffoldFile(text, loadPath); } catch (e) { if (e instanceof ScaffoldFileError) throw new UsageError(e.message); throw e; }
    }
    const core = preset.cell.kind === 'scaffold' && !scaffoldFile ? await loadCoreModuleNode() : null;
    const kmc = await loadKmcModuleNode();
    const t0 = performance.now();
    const run = await InterlayerRun.create({ core, kmc }, { preset, seed, capacity, currentDensity: current, samples, cycles, voxelSize: voxelNm * 1e-9, scaffoldFile,
      ...(stackMpa !== null ? { scaffold: { stackPressure: stackMpa * 1e6 } } : {}) });
    if (scaffoldFile) log(`  scaffold from ${String(loadPath)} (made with: ${scaffoldFile.createdWith || 'unknown'})`);
    console.log(`${preset.title} — preset ${preset.name}, seed ${seed}${stackMpa !== null ? `; stack pressure set to ${stackMpa} MPa (--stack)` : ''}`);
    console.log(`  ${preset.description}`);
    let tDem = scaffoldFile ? t0 : 0; let lastPrint = 0;
    const onProgress = (p: InterlayerProgress) => {
      const now = performance.now();
      if (p.stage !== 'scaffold' && tDem === 0) tDem = now;
      if (now - lastPrint > 2000) {
        lastPrint = now;
        const what = p.stage === 'scaffold' && p.scaffold ? `scaffold ${p.scaffold.phase}, h ${um(p.scaffold.thickness)} µm, porosity ${p.scaffold.porosity.toFixed(3)}`
          : p.plating ? `${p.plating.phase === 'strip' ? `stripping (cycle ${p.plating.cycle})` : p.plating.cycle ? `re-plating (cycle ${p.plating.cycle})` : 'plating'}, Li on the anode ${p.plating.capacity.toFixed(3)} mAh/cm²` : p.stage;
        log(`  … ${(p.fraction * 100).toFixed(0)} % ${what}`);
      }
    };
    let saved = false;
    while (!run.done) {
      onProgress(await run.advance({ demSteps: 2000, kmcEvents: 5e6 }));
      const formed = run.formedScaffold();
      if (typeof savePath === 'string' && !saved && formed) {
        const coreSha = coreDigestNode();
        writeFileSync(savePath, encodeScaffoldFile({ preset: preset.name, seed, createdWith: `electrode-lab interlayer ${preset.name} --seed ${seed} --save-scaffold ${savePath}`, coreSha, scaffold: formed }));
        saved = true; log(`  wrote the formed scaffold to ${savePath}`);
      }
    }
    const tEnd = performance.now();
    const r = run.result();
    if (tDem === 0) tDem = tEnd;

    if (r.scaffold) {
      const hs = r.scaffold.history;
      console.log(`\nScaffold (DEM): ${r.scaffold.as.si} Si + ${r.scaffold.as.beads} CNT beads in ${r.scaffold.as.tubes} tubes, ${r.scaffold.as.steps} steps; as cast ${um(r.scaffold.as.thickness0)} µm at porosity ${r.scaffold.as.porosity0.toFixed(3)}`);
      console.log('  time (ns)  phase     lithiation  thickness (µm)  porosity  plane (MPa)');
      const picks = new Set<number>();
      for (let k = 0; k <= 10; k++) picks.add(Math.round((k * (hs.length - 1)) / 10));
      for (const k of picks) {
        const h = hs[k];
        console.log(`  ${(h.time * 1e9).toFixed(2).padStart(9)}  ${h.phase.padEnd(8)}  ${h.lithiation.toFixed(3).padStart(10)}  ${um(h.thickness).padStart(14)}  ${h.porosity.toFixed(3).padStart(8)}  ${(h.platenPressure / 1e6).toFixed(1).padStart(11)}`);
      }
      const stack = r.params.scaffold?.stackPressure ?? NaN;
      console.log(`  final: thickness ${um(r.cell.thickness)} µm, porosity ${r.cell.porosity.toFixed(3)} at ${(stack / 1e6).toPrecision(3)} MPa${Math.abs(stack - 65e6) < 1 ? ' (paper at 65 MPa: 3.25 µm, 0.110)' : ' (paper, at 65 MPa only: 3.25 µm, 0.110)'}`);
    } else {
      console.log(`\nCell: ${r.cell.kind === 'bare' ? 'bare steel collector, electrolyte touching it at asperities' : 'CNT mat'} ${um(r.cell.thickness)} µm, porosity ${r.cell.porosity.toFixed(3)}`);
    }
    const ps = r.poreSizes;
    console.log(`Pore sizes (local thickness, ${nm(ps.h)} nm voxels, volume-weighted): d10 ${nm(ps.d10)} nm, d50 ${nm(ps.d50)} nm, d90 ${nm(ps.d90)} nm, mean ${nm(ps.dMean)} nm`);
    const g = r.cell.grid;
    console.log(`\nPlating (kMC, ${g.nx}×${g.ny}×${g.nz} voxels of ${nm(g.h)} nm, ${g.electrolyteLayers} electrolyte layers on top) at ${current} mA/cm² to ${capacity} mAh/cm²`);
    console.log(`  time (h)  ${r.cycles.length ? 'Li now' : 'capacity'}${r.cycles.length ? ' half-cycle' : ''}  near SE  mid-layer  at collector  (mAh/cm²)  Li–SE contact  nucleations  penetrations`);
    const ss = r.plating; const picks = new Set<number>();
    for (let k = 0; k <= 10; k++) picks.add(Math.round((k * (ss.length - 1)) / 10));
    for (const k of picks) {
      const s = ss[k]; const i = s.inventory;
      const c = (p: number) => (i.total > 0 ? (p / i.total) * s.capacity : 0).toFixed(4).padStart(9);
      console.log(`  ${(s.time / 3600).toFixed(4).padStart(8)}  ${s.capacity.toFixed(4).padStart(8)}${r.cycles.length ? ` ${s.phase} ${s.cycle}` : ''}  ${c(i.nearElectrolyte)}  ${c(i.mid)}  ${c(i.layer + i.nearCollector)}              ${(s.contactFraction * 100).toFixed(1).padStart(9)} %  ${String(s.nucleations).padStart(11)}  ${String(s.penetrations).padStart(12)}`);
    }
    const f = r.final; const inv = f.inventory;
    console.log(`\nLi inventory (mAh/cm²): near electrolyte ${inv.nearElectrolyte.toFixed(4)}, mid-layer ${inv.mid.toFixed(4)}, at collector ${inv.atCollector.toFixed(4)} (dense layer ${um(f.layerThickness)} µm), in the electrolyte ${inv.inElectrolyte.toFixed(4)}, in flight ${inv.inFlight.toFixed(4)}`);
    console.log(`  ${(f.atCollectorShare * 100).toFixed(1)} % at the collector side, ${(f.nearElectrolyteShare * 100).toFixed(1)} % near the electrolyte`);
    console.log(`Li–electrolyte contact: ${(f.contactArea * 1e12).toFixed(4)} µm² = ${(f.contactFraction * 100).toFixed(1)} % of the nominal area`);
    console.log(`Nucleation sites: ${f.nucleations}; penetration events: ${f.penetrations}${f.throughTop ? ` (${f.throughTop} reached the top of the modelled electrolyte)` : ''}`);
    console.log(`Li at the electrolyte contacts: ${f.contactStress.voxels} voxels, flow stress mean ${(f.contactStress.meanStress / 1e6).toFixed(3)} / max ${(f.contactStress.maxStress / 1e6).toFixed(3)} MPa (pore ${nm(f.contactStress.sizeOfMax)} nm) at the local plating rate; margin to penetration ${f.penetrationMargin.toExponential(2)} (1 = cracks the SE)`);
    console.log(`Deposits on the mechanism map: mean pore size ${nm(f.meanDepositSize)} nm, mean flow stress ${(f.meanFlowStress / 1e6).toFixed(3)} MPa (penetration threshold ${(r.mechanism.criticalPressure / 1e6).toFixed(0)} MPa)`);
    if (r.cycles.length) {
      console.log(`\nCycles (strip ${capacity} mAh/cm², re-plate ${capacity} mAh/cm²; stack pressure ${(r.params.kmc.stackPressure / 1e6).toPrecision(3)} MPa while stripping):`);
      console.log('  cycle  plated  stripped  (mAh/cm²)  efficiency  contact lost  Li left  contact after strip / re-plate  penetrations');
      for (const y of r.cycles)
        console.log(`  ${String(y.cycle).padStart(5)}  ${y.plated.toFixed(4)}  ${y.stripped.toFixed(4).padStart(8)}             ${(y.efficiency * 100).toFixed(2).padStart(8)} %  ${(y.contactLost ? 'yes' : 'no').padStart(12)}  ${y.left.toFixed(4).padStart(7)}  ${(y.contactAfterStrip * 100).toFixed(1).padStart(13)} % / ${(y.contactAfterPlate * 100).toFixed(1)} %  ${String(y.penetrations).padStart(12)}`);
    }
    if (r.stopped) console.log(`Plating stopped early at ${f.capacity.toFixed(4)} mAh/cm²: ${r.stopped}`);
    console.log(`Time: ${r.scaffold ? (scaffoldFile ? 'scaffold from the file, ' : `scaffold ${((tDem - t0) / 1000).toFixed(1)} s, `) : ''}hand-over + plating ${((tEnd - tDem) / 1000).toFixed(1)} s (${f.events.toExponential(3)} kMC events); real plating time ${(f.time / 3600).toFixed(3)} h`);

    if (typeof out === 'string') {
      mkdirSync(out, { recursive: true });
      const json = { ...r, timing: { scaffoldSeconds: r.scaffold ? (tDem - t0) / 1000 : 0, platingSeconds: (tEnd - tDem) / 1000 } };
      writeFileSync(join(out, 'result.json'), JSON.stringify(json, null, 1));
      const csv = resultCsv(r);
      for (const [name, text] of Object.entries(csv)) writeFileSync(join(out, name), text);
      console.log(`wrote result.json and ${Object.keys(csv).join(', ')} to ${out}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError) {
      console.error(`error: interlayer: ${e.message}\n\nusage:\n${INTERLAYER_USAGE}`);
      return 64;
    }
    console.error(`error: interlayer: ${(e as Error).message}`);
    return 1;
  }
}
