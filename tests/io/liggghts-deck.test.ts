// The exported LIGGGHTS deck: restitution map against the core's own damping inversion, PSD
// classes, and — with /usr/bin/liggghts — a real run of a small pour whose settled solid fraction
// is compared with our core's for the same scene (within 0.02), its dumps read back by our reader,
// and our dump read by LIGGGHTS `read_dump`.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liggghtsDeck, liggghtsRestitution, radiusClasses } from '../../src/io/liggghts-deck';
import { validateScene } from '../../src/scene/validate';
import { presets, benchScene } from '../../src/scene/presets';
import { calenderingScene } from '../../src/scene/calendering';
import { psdPresets } from '../../src/psd';
import { SceneRun } from '../../src/scene/runner';
import { World } from '../../src/core/world';
import { loadCoreModuleNode } from '../../src/core/load-node';
import { parseDumpText } from '../../src/io/dump-reader';
import { frameToParticleSet } from '../../src/io/particle-set';
import { settledSolidFraction } from '../../src/io/packing';
import { particleSetFromWorld } from '../../src/io/world-particles';
import { dumpFrameText } from '../../src/io/dump-writer';

const D = 1e-4; // 100 µm spheres, soft (5 MPa): the pour takes ~30k steps in either engine
const SCENE = {
  schema: 'electrode-lab/scene', version: 1, name: 'deck-small', seed: 2,
  materials: [{ id: 'b', youngsModulus: 5e6, poissonRatio: 0.3, density: 2500, restitution: 0.5, friction: 0.5 }, { id: 'w', youngsModulus: 2e7, poissonRatio: 0.3, density: 7800, restitution: 0.5, friction: 0.5 }],
  particles: { kind: 'psd', psd: { kind: 'lognormal', d50: D, sigmaLn: 0.2 }, count: 300, material: 'b' },
  domain: { lx: 6 * D, ly: 6 * D, height: 40 * D, insertFraction: 0.25 },
  walls: { collector: { material: 'w' }, platen: { material: 'w' } },
  protocol: [{ type: 'fill', maxTime: 0.3, settleSpeed: 2e-3 }, { type: 'press', velocity: 0.02, until: { solidFraction: 0.62 }, maxTime: 0.05, inertialNumber: null }, { type: 'hold', time: 1e-3 }, { type: 'release', velocity: 0.02, maxTime: 0.02 }],
};

/** The liggghts binary, installing the Debian package when root and it is missing; else null and why. */
function findLiggghts(): { bin: string | null; why: string } {
  const which = () => { const r = spawnSync('sh', ['-c', 'command -v liggghts'], { encoding: 'utf8' }); return r.status === 0 ? r.stdout.trim() : null; };
  let bin = which();
  if (bin) return { bin, why: '' };
  if (process.getuid?.() !== 0) return { bin: null, why: 'liggghts is not installed and this test is not running as root (install it with: apt-get install -y liggghts)' };
  const r = spawnSync('sh', ['-c', 'apt-get install -y liggghts || (apt-get update && apt-get install -y liggghts)'], { encoding: 'utf8', timeout: 600_000 });
  bin = which();
  return bin ? { bin, why: '' } : { bin: null, why: `apt-get install -y liggghts failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-2).join(' ')}` };
}
const LIG = findLiggghts();
if (!LIG.bin) console.log(`SKIPPED (LIGGGHTS runs): ${LIG.why}`);

describe('LIGGGHTS deck export', () => {
  it('maps restitution so LIGGGHTS damping β equals the core’s (core inverts e independently, finer RK4 step)', async () => {
    const w = await World.create(await loadCoreModuleNode(), 1);
    for (const e of [0.3, 0.5, 0.7, 0.9]) {
      const ep = liggghtsRestitution(e);
      const betaLig = Math.log(ep) / Math.sqrt(Math.log(ep) ** 2 + Math.PI ** 2);
      const betaCore = -w.exports.dampingForRestitution(e) / Math.sqrt(5);
      expect(Math.abs(betaLig / betaCore - 1), `e = ${e}`).toBeLessThan(2e-3);
    }
    expect(liggghtsRestitution(0.5)).toBeCloseTo(0.4363, 4);   // bench/liggghts/README.md
    expect(liggghtsRestitution(1)).toBe(1);
  });

  it('PSD classes keep the count and the solid volume; few distinct sizes stay exact', () => {
    const radii = Array.from({ length: 1000 }, (_, i) => 1e-6 * (10 - 8 * (i / 999) ** 2)).sort((a, b) => b - a);
    const c = radiusClasses(radii, 8);
    expect(c.length).toBe(8);
    expect(c.reduce((a, x) => a + x.count, 0)).toBe(1000);
    const v = (rs: Array<[number, number]>) => rs.reduce((a, [r, n]) => a + n * r ** 3, 0);
    expect(v(c.map((x) => [x.radius, x.count]))).toBeCloseTo(v(radii.map((r) => [r, 1])), 25);
    expect(radiusClasses([3, 3, 2, 1, 1, 1], 8)).toEqual([{ radius: 3, count: 2 }, { radius: 2, count: 1 }, { radius: 1, count: 3 }]);
  });

  it('writes a deck for every preset, naming what it cannot express', () => {
    for (const [name, p] of presets) {
      const deck = liggghtsDeck(p.build());
      const text = deck.files['in.deck'];
      expect(text, name).toMatch(/^units\s+micro$/m);
      expect(text).toMatch(/particledistribution\/discrete\/numberbased/);
      expect(text).toMatch(/fix ins all insert\/pack .* particles_in_region \d+/);
      expect(text).toMatch(/write_dump all custom final\.dump id type x y z radius/);
      if (p.build().protocol.some((s) => s.type === 'press')) expect(deck.files['platen.stl']).toMatch(/^solid platen/);
      if (name.startsWith('calendering')) expect(deck.notes.join('\n')).toMatch(/Thornton–Ning.*elastic Hertz/);
    }
  });

  it.skipIf(!LIG.bin)('runs in LIGGGHTS: settled solid fraction within 0.02 of our core’s, dumps read back', async () => {
    const scene = validateScene(SCENE);
    if (!scene.ok) throw new Error(scene.errors.map((e) => e.message).join('; '));
    const dir = mkdtempSync(join(tmpdir(), 'el-deck-'));
    const deck = liggghtsDeck(scene.scene);
    for (const [f, t] of Object.entries(deck.files)) writeFileSync(join(dir, f), t);
    const r = spawnSync(LIG.bin!, ['-in', 'in.deck', '-echo', 'none', '-log', 'log.liggghts'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, (r.stdout ?? '').split('\n').slice(-15).join('\n')).toBe(0);
    for (const f of ['step0-fill.dump', 'step1-press.dump', 'step2-hold.dump', 'step3-release.dump', 'final.dump']) expect(existsSync(join(dir, f)), f).toBe(true);
    // LIGGGHTS' own dump, read by our reader (micro units → SI)
    const frame = parseDumpText(readFileSync(join(dir, 'step0-fill.dump'), 'utf8'))[0];
    expect(frame.count).toBe(300);
    expect(new Set(frame.id).size).toBe(300);
    const lig = frameToParticleSet(frame, { units: 'micro' });
    expect(lig.box.hi[0]).toBeCloseTo(6 * D, 12);
    const phiLig = settledSolidFraction(lig);
    // our core, same scene, fill only
    const run = await SceneRun.create({ ...scene.scene, protocol: [scene.scene.protocol[0]] }, await loadCoreModuleNode());
    run.runToEnd();
    expect(run.error).toBeUndefined();
    const phiOurs = run.world.metrics().solidFraction;
    expect(settledSolidFraction(particleSetFromWorld(run.world)).solidFraction).toBeCloseTo(phiOurs, 12);  // same definition
    console.log(`settled solid fraction: LIGGGHTS ${phiLig.solidFraction.toFixed(4)}, electrode-lab ${phiOurs.toFixed(4)} (300 spheres, ${deck.templates.length} size classes)`);
    expect(Math.abs(phiLig.solidFraction - phiOurs)).toBeLessThan(0.02);
    // the press reached its target in LIGGGHTS too: solid volume over (area × tracked platen height) ≥ 0.62,
    // and the platen height the deck tracks sits just above the highest particle (it is where the mesh is)
    const log = readFileSync(join(dir, 'log.liggghts'), 'utf8');
    const m = /protocol step 1 \(press\) done at step \d+: vrms \S+ m\/s, bed top (\S+) um, platen (\S+) um/.exec(log);
    expect(m, log.slice(-2000)).not.toBeNull();
    const [top, platen] = [Number(m![1]) * 1e-6, Number(m![2]) * 1e-6];
    // the bed touches the platen, and no sphere sticks through it by more than 10 % of D (Hertz
    // overlaps of these soft spheres reach ~6 µm here — our core shows the same: platen 597.1 µm,
    // highest sphere top 603.6 µm at the same point, vs 597.4 / 603.6 µm in LIGGGHTS)
    expect(top).toBeGreaterThan(platen - 0.01 * D);
    expect(top).toBeLessThan(platen + 0.1 * D);
    const pressed = frameToParticleSet(parseDumpText(readFileSync(join(dir, 'step1-press.dump'), 'utf8'))[0], { units: 'micro' });
    const vs = Array.from(pressed.radii).reduce((a, r) => a + (4 / 3) * Math.PI * r ** 3, 0);
    const phiPressed = vs / (36 * D * D * platen);
    expect(phiPressed).toBeGreaterThanOrEqual(0.62);
    expect(phiPressed).toBeLessThan(0.63);                      // stopped within one check interval
    expect(log).toMatch(/protocol step 3 \(release\) done/);
    // our dump, read by LIGGGHTS read_dump (SI units) and written back: the same particles
    writeFileSync(join(dir, 'ours.dump'), dumpFrameText(particleSetFromWorld(run.world)));
    writeFileSync(join(dir, 'rd.in'), ['atom_style granular', 'atom_modify map array', 'boundary p p f', 'newton off', 'communicate single vel yes', 'units si',
      `region domain block 0 ${6 * D} 0 ${6 * D} 0 ${40 * D} units box`, 'create_box 1 domain',
      `read_dump ours.dump ${run.world.stepCount} x y z vx vy vz radius box yes add yes`, 'set atom * density 2500',
      'write_dump all custom back.dump id type x y z radius vx vy vz', ''].join('\n'));
    const r2 = spawnSync(LIG.bin!, ['-in', 'rd.in', '-echo', 'none', '-log', 'none'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r2.status, r2.stdout).toBe(0);
    const back = frameToParticleSet(parseDumpText(readFileSync(join(dir, 'back.dump'), 'utf8'))[0]);
    const ours = particleSetFromWorld(run.world);
    expect(back.count).toBe(ours.count);
    const byId = new Map(Array.from(back.ids!, (id, i) => [id, i]));
    for (let i = 0; i < ours.count; i++) {
      const j = byId.get(ours.ids![i])!;
      expect(back.radii[j]).toBeCloseTo(ours.radii[i], 10);               // LIGGGHTS writes %g: 6 digits
      expect(Math.abs(back.positions[3 * j + 2] - ours.positions[3 * i + 2])).toBeLessThan(1e-5 * 40 * D);
    }
    run.world.free();
  }, 120_000);

  it.skipIf(!LIG.bin)('every protocol step type runs in LIGGGHTS (calendering with tap, two presses, holds, release; bench with pressure press, servo, z press, settle, run; times shortened)', () => {
    const cal = calenderingScene({ name: 'cal-smoke', psd: psdPresets.get('wd-sig-wide')!.spec, count: 200, tapCycles: 1, targetDensities: [1300, 1750] });
    const bench = benchScene(300);
    bench.protocol.push({ type: 'press', velocity: 0.05, until: { z: 1e-5 }, maxTime: 1e-5, inertialNumber: null }, { type: 'settle', maxTime: 1e-5, settleSpeed: 1e-3 }, { type: 'run', time: 1e-6 });
    for (const sc of [cal, bench]) {
      for (const st of sc.protocol) { if ('maxTime' in st) st.maxTime = 2e-5; if ('time' in st) st.time = 2e-6; }
      const dir = mkdtempSync(join(tmpdir(), 'el-deck-smoke-'));
      const deck = liggghtsDeck(sc, { dumpEvery: 500 });
      for (const [f, t] of Object.entries(deck.files)) writeFileSync(join(dir, f), t);
      const r = spawnSync(LIG.bin!, ['-in', 'in.deck', '-echo', 'none', '-log', 'log.liggghts'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, `${sc.name}: ${(r.stdout ?? '').split('\n').slice(-12).join('\n')}`).toBe(0);
      sc.protocol.forEach((st, k) => expect(existsSync(join(dir, `step${k}-${st.type}.dump`)), `${sc.name} step ${k}`).toBe(true));
      const last = parseDumpText(readFileSync(join(dir, 'final.dump'), 'utf8'))[0];
      expect(last.count).toBe(deck.count);
      if (sc === cal) {
        // the inertial-number cap slows the platen: at vanishing pressure the runner's rule gives
        // v = I·z·√(p_ref/ρ)/d with p_ref = 1e-4 E*, here ≈ 0.17 × the 0.05 m/s maximum
        const log = readFileSync(join(dir, 'log.liggghts'), 'utf8');
        const top = Number(/protocol step 1 \(tap\) done .* bed top (\S+) um/.exec(log)![1]);
        const end = /protocol step 2 \(press\) done at step (\d+).* platen (\S+) um/.exec(log)!;
        const start = /protocol step 1 \(tap\) done at step (\d+)/.exec(log)!;
        const steps = Number(end[1]) - Number(start[1]);
        const travel = 1.01 * top - Number(end[2]);                      // µm
        const uncapped = 0.05 * steps * deck.timestep * 1e6;              // µm/µs × steps × µs
        const E = cal.materials[0].youngsModulus, nu = cal.materials[0].poissonRatio;
        const ratio = (1e-3 * 1.01 * top * 1e-6 * Math.sqrt((1e-4 * E / (2 * (1 - nu * nu))) / cal.materials[0].density) / (2 * deck.templates.reduce((a, t) => a + t.radius * t.count, 0) / deck.count)) / 0.05;
        expect(travel / uncapped).toBeGreaterThan(0.5 * ratio);
        expect(travel / uncapped).toBeLessThan(1.5 * ratio);
      }
    }
  }, 120_000);
});
