// Exports a scene as a runnable LIGGGHTS-PUBLIC 3.8 input deck, so the same pour / press runs at
// scale under MPI (`mpirun -np 16 liggghts -in in.deck`). Facts about LIGGGHTS 3.8 this relies on
// are in ../../bench/liggghts/README.md and /work/shared/design/liggghts-notes.md; docs/formats.md
// lists what is and is not carried over.
//
// Choices:
// - `units micro` (µm, pg, µs): in SI, insertion of micron particles fails (LIGGGHTS refuses
//   regions < 1e-10 m³ and templates below volume_limit 1e-20), so the deck converts every value
//   (conversion factors in particle-set.ts UNIT_STYLES); its dumps are in micro units too (read
//   them with `electrode-lab import --units micro`).
// - PSD: the scene's own sampled radii (particleList, same seed) are split into at most `bins`
//   classes of equal particle number; each class becomes one particletemplate/sphere whose radius
//   keeps the class's total volume (r = ∛⟨r³⟩), weighted by NUMBER
//   (particledistribution/discrete/numberbased). Monodisperse scenes and lists with ≤ bins distinct
//   sizes are therefore exact; wider PSDs keep count and solid volume exactly but lose the spread
//   inside each class.
// - Contact law: `gran model hertz tangential history limitForce on` (+ `rolling_friction cdt` or
//   `epsd2`), the law of our core (bench/liggghts/README.md "What is identical"). Mixing of e, μ, μ_r
//   per pair is the geometric mean as in assembly/materials.ts. The restitution is mapped as
//   bench/liggghts/run.sh E_MAP=exact does: LIGGGHTS gets the e′ whose damping β equals ours.
// - Protocol: fill (insert/pack once, then run until the RMS speed drops below settleSpeed after
//   the free-fall time, or maxTime), settle, tap, press (mesh platen moving down at the step's speed
//   until the criterion, checked every `pressCheckEvery` steps, its speed capped by the inertial
//   number as the runner does), hold, release, run. Not expressible: Thornton–Ning yield (no such
//   model in LIGGGHTS-PUBLIC 3.8: elastic Hertz is used), servo (written as a hold).
import type { Scene, Material, ProtocolStep } from '../scene/schema';
import { particleList } from '../scene/runner';
import { resolvedTimestep } from '../scene/validate';

export interface DeckOptions {
  /** Most particle templates for the PSD (default 8). */
  bins?: number;
  /** Steps between criterion checks in settle-like loops (default 1000) and while pressing (default 50, the runner's CHECK_EVERY). */
  checkEvery?: number;
  pressCheckEvery?: number;
  /** Also write a multi-frame trajectory traj.dump every N steps (0 = none, the default). */
  dumpEvery?: number;
}

export interface DeckTemplate { radius: number; count: number; type: number }

export interface LiggghtsDeck {
  /** File name → content: in.deck, and platen.stl when the protocol presses. */
  files: Record<string, string>;
  /** What differs from our run (also written as comments at the top of in.deck). */
  notes: string[];
  templates: DeckTemplate[];
  count: number;
  /** Timestep, s. */
  timestep: number;
}

// unit conversion SI → LIGGGHTS `units micro`
const UM = 1e6;             // m → µm
const US = 1e6;             // s → µs
const PRESSURE = 1e-3;      // Pa → pg/(µm·µs²)
const DENSITY = 1e-3;       // kg/m³ → pg/µm³
const ACCEL = 1e-6;         // m/s² → µm/µs²

/** LIGGGHTS restitution limits (fix property/global coefficientRestitution must be in (0.05, 1]). */
const E_MIN_LIGGGHTS = 0.05;

/** Clamped Hertz collision X'' = −max(0, X^1.5 + c X^0.25 X'), X(0)=0, X'(0)=1: the realised restitution −X'(end). RK4, h = 1e-3 (as run.sh). */
function restitutionOfDamping(c: number, h = 1e-3): number {
  const acc = (x: number, v: number) => {
    if (x <= 0) return 0;
    const f = x * Math.sqrt(x) + c * Math.sqrt(Math.sqrt(x)) * v;
    return f > 0 ? -f : 0;
  };
  let x = 0, v = 1;
  for (let it = 0; it < 10_000_000; it++) {
    const a1 = acc(x, v);
    const x2 = x + 0.5 * h * v, v2 = v + 0.5 * h * a1, a2 = acc(x2, v2);
    const x3 = x + 0.5 * h * v2, v3 = v + 0.5 * h * a2, a3 = acc(x3, v3);
    const x4 = x + h * v3, v4 = v + h * a3, a4 = acc(x4, v4);
    const xn = x + (h * (v + 2 * v2 + 2 * v3 + v4)) / 6, vn = v + (h * (a1 + 2 * a2 + 2 * a3 + a4)) / 6;
    if (xn <= 0 || (vn < 0 && acc(xn, vn) === 0)) return -vn;
    x = xn; v = vn;
  }
  return 0;
}

/**
 * The restitution to give LIGGGHTS so that its damping equals our core's for restitution e
 * (LIGGGHTS: β = ln e′/√(ln²e′ + π²); ours: β = −c/√5 with c solving the clamped collision for e).
 * Same algorithm and constants as bench/liggghts/run.sh (E_MAP=exact): e = 0.5 → 0.4363.
 */
export function liggghtsRestitution(e: number): number {
  if (e >= 1) return 1;
  let lo = 0, hi = 64;
  for (let k = 0; k < 40; k++) {
    const mid = 0.5 * (lo + hi);
    if (restitutionOfDamping(mid) > e) lo = mid; else hi = mid;
  }
  const beta = (-0.5 * (lo + hi)) / Math.sqrt(5);
  return Math.exp((Math.PI * beta) / Math.sqrt(1 - beta * beta));
}

/** Smallest prime ≥ n (LIGGGHTS wants prime seeds > 10000). */
function primeAtLeast(n: number): number {
  const isPrime = (k: number) => { if (k < 2) return false; for (let d = 2; d * d <= k; d++) if (k % d === 0) return false; return true; };
  let k = Math.max(10007, Math.floor(n));
  while (!isPrime(k)) k++;
  return k;
}

function g(x: number): string { return Number(x.toPrecision(12)).toString(); }

/** Splits sorted-descending radii into ≤ bins classes of equal count; r = ∛⟨r³⟩ per class. */
export function radiusClasses(radii: number[], bins: number): Array<{ radius: number; count: number }> {
  const distinct = [...new Set(radii)];
  if (distinct.length <= bins) return distinct.map((r) => ({ radius: r, count: radii.filter((x) => x === r).length }));
  const n = radii.length, out: Array<{ radius: number; count: number }> = [];
  for (let b = 0; b < bins; b++) {
    const s = Math.round((b * n) / bins), e = Math.round(((b + 1) * n) / bins);
    if (e <= s) continue;
    let m3 = 0;
    for (let i = s; i < e; i++) m3 += radii[i] ** 3;
    out.push({ radius: Math.cbrt(m3 / (e - s)), count: e - s });
  }
  return out;
}

/** Builds the deck for a validated scene. Throws an Error naming the problem when the scene cannot be expressed. */
export function liggghtsDeck(scene: Scene, o: DeckOptions = {}): LiggghtsDeck {
  const bins = o.bins ?? 8;
  if (!Number.isInteger(bins) || bins < 1 || bins > 64) throw new RangeError(`bins = ${bins} must be an integer from 1 to 64`);
  const check = o.checkEvery ?? 1000, pressCheck = o.pressCheckEvery ?? 50;
  for (const [k, v] of [['checkEvery', check], ['pressCheckEvery', pressCheck]] as const) if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k} = ${v} must be a positive integer number of steps`);
  const dumpEvery = o.dumpEvery ?? 0;
  if (!Number.isInteger(dumpEvery) || dumpEvery < 0) throw new RangeError(`dumpEvery = ${dumpEvery} must be a non-negative integer`);
  const notes: string[] = [];
  const mats = scene.materials;
  const typeOf = new Map(mats.map((m, k) => [m.id, k + 1]));
  const ntypes = mats.length;
  const list = particleList(scene.particles, scene.seed);
  const n = list.radius.length;
  const matIds = [...new Set(list.material)];
  if (scene.protocol[0]?.type !== 'fill') throw new Error('the deck needs the protocol to start with a fill step');
  if (scene.protocol.filter((s) => s.type === 'fill').length > 1) throw new Error('the deck supports one fill step (LIGGGHTS inserts the particle list once)');

  // PSD → templates, per particle material
  const templates: DeckTemplate[] = [];
  for (const id of matIds) {
    const radii = list.radius.filter((_, i) => list.material[i] === id);
    for (const c of radiusClasses(radii, bins)) templates.push({ ...c, type: typeOf.get(id)! });
  }
  const exact = templates.length === new Set(list.radius).size;
  if (!exact) notes.push(`PSD: ${n} sampled radii from ${g(Math.min(...list.radius) * UM)} to ${g(Math.max(...list.radius) * UM)} µm are represented by ${templates.length} size classes of equal number (r = ∛⟨r³⟩ per class: count and solid volume exact, spread within a class lost)`);
  if (mats.some((m) => m.yieldPressure !== null && m.yieldPressure > 0)) notes.push('Thornton–Ning yield (yieldPressure) has no LIGGGHTS-PUBLIC 3.8 model: contacts are elastic Hertz, so pressed densities need higher pressures than in our run');
  for (const m of mats) if (m.youngsModulus < 5e6) notes.push(`material '${m.id}': E = ${g(m.youngsModulus)} Pa is below the 5e6 Pa that LIGGGHTS accepts in units si; fine in units micro as written`);

  // pair tables: geometric mean of e, μ, μ_r (assembly/materials.ts), e mapped to LIGGGHTS' β
  const pair = (f: (a: Material, b: Material) => number) => mats.flatMap((a) => mats.map((b) => g(f(a, b)))).join(' ');
  const eMapped = new Map<string, number>();
  const eOf = (a: Material, b: Material) => {
    const e = Math.sqrt(a.restitution * b.restitution);
    const key = e.toPrecision(12);
    if (!eMapped.has(key)) eMapped.set(key, liggghtsRestitution(e));
    const m = eMapped.get(key)!;
    if (m <= E_MIN_LIGGGHTS) throw new Error(`restitution ${g(e)} (materials '${a.id}'/'${b.id}') maps to ${m.toPrecision(4)} for LIGGGHTS, below its limit ${E_MIN_LIGGGHTS}: LIGGGHTS cannot damp this much with its linear-spring β formula; raise the restitution to ≥ 0.25`);
    return m;
  };
  const rolling = scene.solver.rolling;
  const anyRolling = rolling !== 'none' && mats.some((m) => m.rollingFriction > 0);
  if (rolling === 'epsd') notes.push('rolling: our epsd (spring without dashpot) is written as LIGGGHTS rolling_friction epsd2; check its stiffness definition against docs/model.md');

  const dt = resolvedTimestep(scene);
  const rmin = Math.min(...list.radius), rmax = Math.max(...list.radius);
  const skin = scene.solver.skin * 2 * rmin;
  const { lx, ly, height } = scene.domain;
  const area = lx * ly;
  const volume = list.radius.reduce((a, r) => a + (4 / 3) * Math.PI * r ** 3, 0);
  // the fill region as the runner picks it (src/scene/runner.ts, 'fill')
  const platen0 = scene.walls.platen.z ?? height;
  const z1 = Math.min(Math.min(platen0, height), (1.15 * volume) / (scene.domain.insertFraction * area) + 2 * rmax);
  const fallTime = scene.gravity > 0 ? Math.sqrt((2 * z1) / scene.gravity) : 0;
  const steps = (t: number) => Math.max(1, Math.ceil(t / dt));
  const cType = typeOf.get(scene.walls.collector.material)!, pType = typeOf.get(scene.walls.platen.material)!;
  const seedBase = (scene.seed >>> 0) % 1_000_000;
  // inertial-number cap inputs, as the runner computes them (src/scene/runner.ts configure())
  const meanDiameter = (2 * list.radius.reduce((a, r) => a + r, 0)) / n;
  const firstMat = mats.find((m) => m.id === list.material[0]) ?? mats[0];
  const pRef = 1e-4 * (firstMat.youngsModulus / (2 * (1 - firstMat.poissonRatio ** 2)));

  const L: string[] = [];
  const out = (...lines: string[]) => L.push(...lines);
  out(`# LIGGGHTS-PUBLIC 3.8 deck exported by electrode-lab from scene '${scene.name}' (seed ${scene.seed}).`,
    '# Run: liggghts -in in.deck        (or: mpirun -np N liggghts -in in.deck)',
    '# Units: micro (µm, pg, µs; velocity m/s, force nN, pressure kPa, density g/cm³ = pg/µm³ / 1e3 ...).',
    '# Dumps: stepK-<type>.dump after each protocol step and final.dump, columns id type x y z radius vx vy vz fx fy fz omegax omegay omegaz;',
    '#        read them with: electrode-lab import final.dump --units micro',
    ...(notes.length ? ['# Differences from the electrode-lab run:', ...notes.map((t) => `#  - ${t}`)] : ['# Differences from the electrode-lab run: none beyond those in docs/formats.md']),
    '',
    'atom_style      granular', 'atom_modify     map array', 'boundary        p p f', 'newton          off',
    'communicate     single vel yes', 'units           micro', '',
    `region          domain block 0 ${g(lx * UM)} 0 ${g(ly * UM)} 0 ${g(height * UM)} units box`,
    `create_box      ${ntypes} domain`, '',
    `neighbor        ${g(skin * UM)} bin`, 'neigh_modify    delay 0', '',
    `# materials: ${mats.map((m, k) => `type ${k + 1} = '${m.id}'`).join(', ')}`,
    `fix m1 all property/global youngsModulus peratomtype ${mats.map((m) => g(m.youngsModulus * PRESSURE)).join(' ')}`,
    `fix m2 all property/global poissonsRatio peratomtype ${mats.map((m) => g(m.poissonRatio)).join(' ')}`,
    `# restitution: ours ${pair((a, b) => Math.sqrt(a.restitution * b.restitution))} → LIGGGHTS e′ with the same damping β (bench/liggghts/run.sh E_MAP=exact)`,
    `fix m3 all property/global coefficientRestitution peratomtypepair ${ntypes} ${pair(eOf)}`,
    `fix m4 all property/global coefficientFriction peratomtypepair ${ntypes} ${pair((a, b) => Math.sqrt(a.friction * b.friction))}`);
  if (anyRolling) out(`fix m5 all property/global coefficientRollingFriction peratomtypepair ${ntypes} ${pair((a, b) => Math.sqrt(a.rollingFriction * b.rollingFriction))}`);
  const model = `model hertz tangential history${anyRolling ? ` rolling_friction ${rolling === 'cdt' ? 'cdt' : 'epsd2'}` : ''}`;
  out('', `pair_style      gran ${model} limitForce on`, 'pair_coeff      * *', '',
    `timestep        ${g(dt * US)}`, '',
    `fix collector all wall/gran ${model} primitive type ${cType} zplane 0.0 limitForce on`,
    `fix lid all wall/gran ${model} primitive type ${pType} zplane ${g(platen0 * UM)} limitForce on`,
    `fix gravi all gravity ${g(scene.gravity * ACCEL)} vector 0.0 0.0 -1.0`, '',
    '# particle size distribution');
  templates.forEach((t, k) => {
    const dens = mats[t.type - 1].density * DENSITY;
    out(`fix pts${k + 1} all particletemplate/sphere ${primeAtLeast(15485863 + 97 * k + seedBase)} atom_type ${t.type} density constant ${g(dens)} radius constant ${g(t.radius * UM)}   # ${t.count} particles`);
  });
  out(`fix pdd all particledistribution/discrete/numberbased ${primeAtLeast(32452843 + seedBase)} ${templates.length} ${templates.map((t, k) => `pts${k + 1} ${g(t.count / n)}`).join(' ')}`, '',
    'fix integr all nve/sphere', '',
    '# platen velocity for move/mesh linear/variable: the first variables, never redefined (see the platen notes below)',
    'variable platen_vx equal 0', 'variable platen_vy equal 0', 'variable platen_vz equal v_platen_cmd',
    '# diagnostics: kinetic energy (compute ke sums ½mv², centre-of-mass motion included), top of the bed, solid volume',
    'compute ke all ke',
    'compute rad all property/atom radius',
    'variable ztopatom atom z+c_rad',
    'compute ztop all reduce max v_ztopatom',
    'variable vatom atom 4.0/3.0*PI*c_rad^3',
    'compute vsolid all reduce sum v_vatom',
    'thermo_style    custom step atoms ke c_ke c_ztop c_vsolid cpu   # every compute a variable uses must be in thermo (it is then current at the end of each run)',
    'thermo_modify   lost error norm no',
    `thermo          ${check}`,
    'variable vrms equal sqrt(2*c_ke/mass(all))',
    'variable nowstep equal step',
    'variable bedtop equal c_ztop',
    `variable area equal ${g(area * UM * UM)}`, '');
  if (dumpEvery > 0) out(`dump traj all custom ${dumpEvery} traj.dump id type x y z radius vx vy vz`, '');
  const dumpCols = 'id type x y z radius vx vy vz fx fy fz omegax omegay omegaz';

  const v$ = (name: string) => '${' + name + '}';   // LIGGGHTS immediate substitution
  /** Marks the start of a protocol step: `<lab>_s0` = the step number now, `<lab>_n` = steps since. */
  const begin = (lab: string) => out(`variable ${lab}_s0 equal ${v$('nowstep')}`, `variable ${lab}_n equal step-${v$(lab + '_s0')}`);
  /** Runs `every` steps at a time until `cond` holds after at least minSteps, or maxSteps pass. */
  const loop = (lab: string, every: number, cond: string, minSteps: number, maxSteps: number, before: string[] = [], after: string[] = []) => {
    out(`label ${lab}_loop`,
      ...before,
      `run ${every} pre no post no`,
      ...after,
      `if "${v$(lab + '_n')} >= ${minSteps} && ${cond}" then "jump SELF ${lab}_done"`,
      `if "${v$(lab + '_n')} >= ${maxSteps}" then "jump SELF ${lab}_done"`,
      `jump SELF ${lab}_loop`,
      `label ${lab}_done`);
  };
  // The platen: ONE move/mesh linear/variable fix, created at the first press and never removed;
  // its speed is the variable platen_cmd (0 = at rest), set per chunk of pressCheck steps, so its
  // height is tracked exactly as z += platen_cmd·pressCheck·dt. LIGGGHTS 3.8 (LAMMPS 2012) pitfalls
  // found by the smoke runs: redefining an equal-style variable REMOVES it and appends it anew, so
  // every variable defined after it changes index, while move/mesh linear/variable keeps the indices
  // it looked up when created — the mesh then reads the wrong variables and leaves the domain. So its
  // three velocity variables are the deck's FIRST variables and are never redefined (platen_vz reads
  // platen_cmd by name at every evaluation). Also: after an `unfix` the next run segfaults in
  // Modify::initial_integrate unless a `run 0` comes first.
  let platenMesh = false;
  const platenAtRest = () => { if (platenMesh) out('variable platen_cmd equal 0'); };
  const ensurePlaten = () => {
    if (platenMesh) return;
    // the mesh platen replaces the fixed lid, starting just above the bed as our runner does
    out('run 0', 'variable zstart equal 1.01*c_ztop', `variable platen_z equal ${v$('zstart')}`,
      'unfix lid',
      `fix platen all mesh/surface/stress file platen.stl type ${pType} move 0 0 ${v$('platen_z')}`,
      `fix platenwall all wall/gran ${model} mesh n_meshes 1 meshes platen limitForce on`,
      'variable platen_cmd equal 0',
      'fix platenmove all move/mesh mesh platen linear/variable v_platen_vx v_platen_vy v_platen_vz',
      'run 0   # set up the new fixes: every later run goes with "pre no"');
    platenMesh = true;
  };
  const advanceZ = `variable platen_z equal ${v$('platen_z')}+(${v$('platen_cmd')})*${pressCheck}*dt`;
  /** A plain run of n steps ("pre no" once the platen exists, see above). */
  const runFor = (nsteps: number, comment = '') => out(`run ${nsteps}${platenMesh ? ' pre no post no' : ''}${comment}`);
  scene.protocol.forEach((st: ProtocolStep, k) => {
    const lab = `p${k}`;
    out('', `# ---- protocol step ${k}: ${st.type} ----`);
    switch (st.type) {
      case 'fill':
        out(`region ins block 0 ${g(lx * UM)} 0 ${g(ly * UM)} 0 ${g(z1 * UM)} units box`,
          `fix ins all insert/pack seed ${primeAtLeast(49979693 + seedBase)} distributiontemplate pdd maxattempt 1000 insert_every once overlapcheck yes all_in yes particles_in_region ${n} region ins`,
          'run 1');
        begin(lab);
        loop(lab, check, `${v$('vrms')} < ${g(st.settleSpeed)}`, steps(fallTime), steps(st.maxTime));
        out('unfix ins', 'run 0');
        break;
      case 'settle':
        begin(lab);
        loop(lab, check, `${v$('vrms')} < ${g(st.settleSpeed)}`, 0, steps(st.maxTime));
        break;
      case 'tap': {
        const v = Math.sqrt(2 * scene.gravity * st.height);
        for (let c = 0; c < st.cycles; c++) {
          out(`velocity all set NULL NULL ${g(-v)} sum yes units box   # tap ${c + 1}: drop from ${g(st.height * UM)} µm`);
          begin(`${lab}_${c}`);
          loop(`${lab}_${c}`, check, `${v$('vrms')} < ${g(st.settleSpeed)}`, steps(scene.gravity > 0 ? (2 * v) / scene.gravity : 0), steps(st.maxTime));
        }
        if (platenMesh) notes.push('tap: the platen is not lifted before a tap as our runner does');
        break;
      }
      case 'press': {
        ensurePlaten();
        begin(lab);
        const before: string[] = [];
        if (st.inertialNumber !== null) {
          // the runner's quasi-static cap (src/scene/runner.ts 'press'): v = min(v_max, I·z·√(p_ref/ρ)/d)
          // with p_ref = max(p_platen, 1e-4 E*), d the number-mean diameter, ρ = mass / solid volume;
          // min/max written with abs (LIGGGHTS 3.8 formulas have no min/max of two numbers)
          const pr = `(f_platen[3]/v_area)`, floor = g(pRef * PRESSURE);
          out(`variable ${lab}_pref equal 0.5*(${pr}+${floor}+abs(${pr}-${floor}))`,
            `variable ${lab}_vi equal ${g(st.inertialNumber)}*v_platen_z*sqrt(v_${lab}_pref/(mass(all)/c_vsolid))/${g(meanDiameter * UM)}`,
            `variable ${lab}_vcap equal -0.5*(${g(st.velocity)}+v_${lab}_vi-abs(${g(st.velocity)}-v_${lab}_vi))`);
          before.push(`variable platen_cmd equal ${v$(lab + '_vcap')}`);
        } else out(`variable platen_cmd equal ${g(-st.velocity)}`);
        const u = st.until;
        let cond: string;
        if ('z' in u) cond = `${v$('platen_z')} <= ${g(u.z * UM)}`;
        else if ('solidFraction' in u) { out(`variable ${lab}_phi equal c_vsolid/(v_area*v_platen_z)`); cond = `${v$(lab + '_phi')} >= ${g(u.solidFraction)}`; }
        else if ('density' in u) { out(`variable ${lab}_rho equal mass(all)/(v_area*v_platen_z)`); cond = `${v$(lab + '_rho')} >= ${g(u.density * DENSITY)}`; }
        else { out(`variable ${lab}_p equal f_platen[3]/v_area`); cond = `${v$(lab + '_p')} >= ${g(u.pressure * PRESSURE)}`; }
        loop(lab, pressCheck, cond, 0, steps(st.maxTime), before, [advanceZ]);
        platenAtRest();
        break;
      }
      case 'servo':
        platenAtRest();
        notes.push(`servo step ${k} (${g(st.pressure)} Pa for ${g(st.time)} s) is written as a hold: LIGGGHTS 3.8 servo walls (mesh/surface/stress/servo) are not exported yet`);
        runFor(steps(st.time), '   # servo written as hold');
        break;
      case 'hold':
        platenAtRest();
        runFor(steps(st.time));
        break;
      case 'release': {
        if (!platenMesh) { out('# release without a press: nothing to lift'); break; }
        begin(lab);
        out(`variable platen_cmd equal ${g(st.velocity)}`, `variable ${lab}_f equal f_platen[3]`);
        loop(lab, pressCheck, `${v$(lab + '_f')} <= 0`, 1, steps(st.maxTime), [], [advanceZ]);
        platenAtRest();
        break;
      }
      case 'run':
        runFor(steps(st.time));
        break;
    }
    out(`print "protocol step ${k} (${st.type}) done at step ${v$('nowstep')}: vrms ${v$('vrms')} m/s, bed top ${v$('bedtop')} um${platenMesh ? `, platen ${v$('platen_z')} um` : ''}"`,
      `write_dump all custom step${k}-${st.type}.dump ${dumpCols}`);
  });
  out('', `write_dump all custom final.dump ${dumpCols}`);

  const files: Record<string, string> = { 'in.deck': L.join('\n') + '\n' };
  if (platenMesh) {
    // a square at z = 0 covering the periodic cross-section (two triangles, normal −z), moved into place by mesh/surface `move`
    const X = g(lx * UM), Y = g(ly * UM);
    files['platen.stl'] = ['solid platen',
      'facet normal 0 0 -1', 'outer loop', 'vertex 0 0 0', `vertex 0 ${Y} 0`, `vertex ${X} 0 0`, 'endloop', 'endfacet',
      'facet normal 0 0 -1', 'outer loop', `vertex ${X} 0 0`, `vertex 0 ${Y} 0`, `vertex ${X} ${Y} 0`, 'endloop', 'endfacet',
      'endsolid platen', ''].join('\n');
  }
  // the header was written before the protocol added its notes: rebuild it with all of them
  const header = files['in.deck'].split('\n');
  const first = header.findIndex((l) => l.startsWith('# Differences'));
  const last = header.findIndex((l, i) => i > first && !l.startsWith('#  - '));
  const noteLines = notes.length ? ['# Differences from the electrode-lab run:', ...notes.map((t) => `#  - ${t}`)] : ['# Differences from the electrode-lab run: none beyond those in docs/formats.md'];
  header.splice(first, last - first, ...noteLines);
  files['in.deck'] = header.join('\n');
  return { files, notes, templates, count: n, timestep: dt };
}
