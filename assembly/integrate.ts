// Velocity Verlet for translation and rotation (spheres: isotropic inertia 2/5 m r²), periodic
// wrap in x and y, and the run-time guards that stop a blow-up with a named cause.
import {
  count, lx, ly, dt, PX, PY, PZ, VX, VY, VZ, WX, WY, WZ, FX, FY, FZ, TX, TY, TZ, RAD, MASS, INVM, INVI,
  ldf, stf, raise, errCode, advanceClock, ERR_NAN, ERR_ENERGY, ERR_ESCAPED, ERR_JUMP, gravity,
} from "./state";
import { needRebuild, rebuild } from "./neighbors";
import { computeForces, setDiag } from "./forces";
import { movePlaten, platenMode, platenZ, platenWork, PLATEN_ABSENT } from "./walls";
import { contactEnergy } from "./energy";
import { nBonds, nAngles, bondEnergyNow } from "./bonds";

let forcesValid: bool = false;
let armed: bool = false;
let armEnergy: f64 = 0.0;       // J: energy available when the guard was armed
let armWork: f64 = 0.0;         // platen work at arming
export function invalidateForces(): void { forcesValid = false; armed = false; }
/** Re-measures the energy budget before the next step (after velocity edits). */
export function rearm(): void { armed = false; }
export function markForcesValid(): void { forcesValid = true; }

@inline function halfKick(n: i32, h: f64): void {
  for (let i = 0; i < n; i++) {
    const im = ldf(INVM, i) * h, ii = ldf(INVI, i) * h;
    stf(VX, i, ldf(VX, i) + ldf(FX, i) * im); stf(VY, i, ldf(VY, i) + ldf(FY, i) * im); stf(VZ, i, ldf(VZ, i) + ldf(FZ, i) * im);
    stf(WX, i, ldf(WX, i) + ldf(TX, i) * ii); stf(WY, i, ldf(WY, i) + ldf(TY, i) * ii); stf(WZ, i, ldf(WZ, i) + ldf(TZ, i) * ii);
  }
}

export function kineticEnergy(): f64 {
  let e = 0.0;
  for (let i = 0; i < count; i++) {
    const vx = ldf(VX, i), vy = ldf(VY, i), vz = ldf(VZ, i);
    e += 0.5 * ldf(MASS, i) * (vx * vx + vy * vy + vz * vz);
  }
  return e;
}
export function rotationalEnergy(): f64 {
  let e = 0.0;
  for (let i = 0; i < count; i++) {
    const wx = ldf(WX, i), wy = ldf(WY, i), wz = ldf(WZ, i);
    e += 0.5 / ldf(INVI, i) * (wx * wx + wy * wy + wz * wz);
  }
  return e;
}
/** Gravitational energy relative to every particle resting on the collector, J. */
export function gravityEnergy(): f64 {
  let e = 0.0;
  for (let i = 0; i < count; i++) e += ldf(MASS, i) * gravity * (ldf(PZ, i) - ldf(RAD, i));
  return e;
}

/** Brings forces up to date for the current state (first step, after edits). */
export function prepare(): void {
  if (needRebuild()) rebuild();
  if (!forcesValid) { setDiag(false); computeForces(); forcesValid = true; }
  if (!armed) {
    // gravity can release at most m g (z + r) per particle before the escape guard trips (z < −r)
    let g = 0.0;
    for (let i = 0; i < count; i++) g += ldf(MASS, i) * gravity * (ldf(PZ, i) + ldf(RAD, i));
    armEnergy = kineticEnergy() + rotationalEnergy() + g + contactEnergy();
    if (nBonds > 0 || nAngles > 0) armEnergy += bondEnergyNow();
    armWork = platenWork; armed = true;
  }
}

/**
 * Advances up to nsteps steps; the last one also fills the per-particle diagnostics when
 * `diagLast`. Returns the number of steps taken (fewer when an error stopped the run).
 */
export function step(nsteps: i32, diagLast: bool): i32 {
  prepare();
  const n = count;
  const h = dt, hh = 0.5 * dt;
  const Lx = lx, Ly = ly;
  for (let s = 0; s < nsteps; s++) {
    halfKick(n, hh);
    const top = platenMode != PLATEN_ABSENT ? platenZ : Infinity;
    let bad = false;
    for (let i = 0; i < n; i++) {
      let x = ldf(PX, i) + h * ldf(VX, i);
      let y = ldf(PY, i) + h * ldf(VY, i);
      const z = ldf(PZ, i) + h * ldf(VZ, i);
      // NaN fails every comparison, so `!(x >= -L)`-style tests catch it with the escapes
      if (x >= Lx) x -= Lx; else if (x < 0.0) x += Lx;
      if (y >= Ly) y -= Ly; else if (y < 0.0) y += Ly;
      stf(PX, i, x); stf(PY, i, y); stf(PZ, i, z);
      const r = ldf(RAD, i);
      if (!(z > -r && z < top + r) || !(x >= 0.0 && x <= Lx) || !(y >= 0.0 && y <= Ly)) bad = true;
    }
    if (bad) { advanceClock(); reportBad(n, top); return s + 1; }
    movePlaten();
    if (needRebuild()) rebuild();
    setDiag(diagLast && s == nsteps - 1);
    computeForces();
    halfKick(n, hh);
    advanceClock();
    if (errCode != 0) { setDiag(false); return s + 1; }
    if ((s & 255) == 255 && runaway()) return s + 1;
  }
  setDiag(false);
  return nsteps;
}

function runaway(): bool {
  const ke = kineticEnergy() + rotationalEnergy();
  const budget = armEnergy + (platenWork - armWork);
  // A dissipative (or conservative) system cannot hold more kinetic energy than was put in:
  // twice that is a blow-up (usually a timestep too large for the stiffest contact).
  if (ke > 2.0 * budget + 1e-300) { raise(ERR_ENERGY, -1, -1, ke / budget); return true; }
  return false;
}

function reportBad(n: i32, top: f64): void {
  for (let i = 0; i < n; i++) {
    const x = ldf(PX, i), y = ldf(PY, i), z = ldf(PZ, i), r = ldf(RAD, i);
    const vx = ldf(VX, i), vy = ldf(VY, i), vz = ldf(VZ, i);
    if (!isFinite(x + y + z + vx + vy + vz)) { raise(ERR_NAN, i, -1, 0.0); return; }
    if (!(z > -r && z < top + r)) { raise(ERR_ESCAPED, i, -1, z); return; }
    if (!(x >= 0.0 && x <= lx) || !(y >= 0.0 && y <= ly)) { raise(ERR_JUMP, i, -1, 0.0); return; }
  }
}
