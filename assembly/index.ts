// The exported API of the DEM core — and only that. Handles are plain numbers (pointers and
// indices); units are SI. The TS facade (src/core/world.ts) wraps this in a typed class.
// One module instance is one world: create it, init(capacity), configure, insert, step.
import * as S from "./state";
import * as M from "./materials";
import * as N from "./neighbors";
import * as F from "./forces";
import * as W from "./walls";
import * as I from "./integrate";
import * as E from "./energy";
import * as R from "./rng";
import * as Ins from "./insert";
import * as Snap from "./snapshot";
import * as G from "./growth";
import * as B from "./bonds";

export function init(capacity: i32): void { S.setCapacity(capacity); N.initNeighbors(); }
export function capacity(): i32 { return S.capacity; }
export function count(): i32 { return S.count; }

// ---- configuration -------------------------------------------------------------------------
export function setBox(lx: f64, ly: f64): void { S.setBox(lx, ly); N.invalidateList(); I.invalidateForces(); }
export function setGravity(g: f64): void { S.setGravity(g); I.invalidateForces(); }
export function setTimestep(dt: f64): void { S.setTimestep(dt); }
export function timestep(): f64 { return S.dt; }
export function setSkin(s: f64): void { S.setSkin(s); N.invalidateList(); }
export function setRollingMode(m: i32): void { S.setRollingMode(m); }
export function setMaxOverlapRatio(r: f64): void { S.setMaxOverlapRatio(r); }
export function seed(lo: u32, hi: u32): void { R.seed((<u64>hi << 32) | <u64>lo); }
export function setMaterial(m: i32, E_: f64, nu: f64, rho: f64, e: f64, mu: f64, mur: f64, py: f64): void {
  M.setMaterial(m, E_, nu, rho, e, mu, mur, py);
}
export function updatePairs(): void { M.updatePairs(); I.invalidateForces(); }
export function maxMaterials(): i32 { return M.MAX_MATERIALS; }
export function setWallMaterials(collector: i32, platen: i32): void { W.setWallMaterials(collector, platen); I.invalidateForces(); }
/** mode: 0 fixed, 1 velocity (v in m/s, +z up), 3 absent (open top). */
export function setPlaten(mode: i32, z: f64, v: f64): void {
  // a new position (or a platen appearing/disappearing) changes the wall forces: recompute them;
  // a new speed or mode at the same place must not (a second force pass at the same positions
  // would advance the tangential histories twice), it only re-arms the energy guard
  const moved = z != W.platenZ || (mode == 3) != (W.platenMode == 3);
  W.setPlaten(mode, z, v);
  if (moved) I.invalidateForces(); else I.rearm();
}
export function setServo(pressure: f64, vmax: f64, gain: f64): void { W.setServo(pressure, vmax, gain); }
/** Integral time of the servo, s (0 = proportional only, the default). */
export function setServoIntegral(ti: f64): void { W.setServoIntegral(ti); }
// Velocity edits keep the current forces (recomputing them would advance the tangential history
// twice at the same positions); they only re-arm the energy guard, since kinetic energy changed.
export function setVelocity(i: i32, vx: f64, vy: f64, vz: f64): void { S.stf(S.VX, i, vx); S.stf(S.VY, i, vy); S.stf(S.VZ, i, vz); I.rearm(); }
export function setAngularVelocity(i: i32, wx: f64, wy: f64, wz: f64): void { S.stf(S.WX, i, wx); S.stf(S.WY, i, wy); S.stf(S.WZ, i, wz); I.rearm(); }
/** Adds (dvx, dvy, dvz) to every particle's velocity (e.g. a tap: the container stops, the powder does not). */
export function addVelocity(dvx: f64, dvy: f64, dvz: f64): void {
  for (let i = 0; i < S.count; i++) { S.stf(S.VX, i, S.ldf(S.VX, i) + dvx); S.stf(S.VY, i, S.ldf(S.VY, i) + dvy); S.stf(S.VZ, i, S.ldf(S.VZ, i) + dvz); }
  I.rearm();
}
export function setPosition(i: i32, x: f64, y: f64, z: f64): void { S.stf(S.PX, i, x); S.stf(S.PY, i, y); S.stf(S.PZ, i, z); N.invalidateList(); I.invalidateForces(); }

// ---- particles -------------------------------------------------------------------------------
export function addParticle(x: f64, y: f64, z: f64, r: f64, mat: i32): i32 { return Ins.addParticle(x, y, z, r, mat); }
let scratchPtr: usize = 0; let scratchCap: usize = 0;
/** A scratch buffer of at least `bytes` bytes for passing lists in (radii, materials, snapshots). */
export function scratch(bytes: usize): usize {
  if (bytes > scratchCap) { if (scratchCap > 0) heap.free(scratchPtr); scratchCap = bytes; scratchPtr = heap.alloc(bytes); }
  return scratchPtr;
}
export function insertRandom(n: i32, radPtr: usize, matPtr: usize, z0: f64, z1: f64, attempts: i32): i32 {
  return Ins.insertRandom(n, radPtr, matPtr, z0, z1, attempts);
}

// ---- running ---------------------------------------------------------------------------------
/** Advances up to n steps (diagnostics filled on the last one when diag). Returns steps taken. */
export function step(n: i32, diag: bool): i32 { return I.step(n, diag); }
export function time(): f64 { return S.time; }
export function stepCount(): f64 { return S.stepCount; }
export function errorCode(): i32 { return S.errCode; }
export function errorParticle(): i32 { return S.errParticle; }
export function errorParticle2(): i32 { return S.errParticle2; }
export function errorValue(): f64 { return S.errValue; }
export function clearError(): void { S.clearError(); }

// ---- observables -------------------------------------------------------------------------------
export function platenZ(): f64 { return W.platenZ; }
export function platenV(): f64 { return W.platenV; }
export function platenMode(): i32 { return W.platenMode; }
export function collectorForce(): f64 { return W.collectorForce; }
export function platenForce(): f64 { return W.platenForce; }
export function kineticEnergy(): f64 { return I.kineticEnergy(); }
export function rotationalEnergy(): f64 { return I.rotationalEnergy(); }
export function gravityEnergy(): f64 { return I.gravityEnergy(); }
export function contactEnergy(): f64 { return E.contactEnergy(); }
export function contactPairs(): i32 { return F.contactPairs; }
export function wallContacts(): i32 { return F.wallContacts; }
export function maxOverlapRatio(): f64 { return F.maxOverlap; }
export function sumOverlapRatio(): f64 { return F.sumOverlap; }
export function neighborCount(): i32 { return N.nbCount; }
export function rebuildCount(): i32 { return N.rebuilds; }
/** Times the storage was re-sorted by cell: per-particle arrays (radius too) change order then. */
export function sortCount(): i32 { return N.sorts; }
/** Builds the neighbour list now (tests compare it with a brute-force search). */
export function buildNeighbors(): void { N.rebuild(); }

/** Solid fraction of the slab z0 < z < z1: Σ (volume of each sphere inside it) / (lx·ly·(z1−z0)). */
export function solidFractionSlab(z0: f64, z1: f64): f64 {
  let v = 0.0;
  for (let i = 0; i < S.count; i++) {
    const z = S.ldf(S.PZ, i), r = S.ldf(S.RAD, i);
    const a = Math.max(z0, z - r), b = Math.min(z1, z + r);
    if (b <= a) continue;
    // ∫ π (r² − (t−z)²) dt from a to b
    const ua = a - z, ub = b - z;
    v += Math.PI * (r * r * (ub - ua) - (ub * ub * ub - ua * ua * ua) / 3.0);
  }
  return v / (S.lx * S.ly * (z1 - z0));
}

/** Pointer of a per-particle array: 0 x,1 y,2 z,3 vx,4 vy,5 vz,6 wx,7 wy,8 wz,9 fx,10 fy,11 fz,
 * 12 radius,13 mass,14 material(i32),15 contacts(i32),16 force sum,17 force max,
 * 18 sxx,19 syy,20 szz,21 sxy,22 sxz,23 syz (Σ f⊗b, N·m), 24 nbStart(i32), 25 nbJ(i32), 26 nbHist,
 * 27 id(i32): the stable particle id of each storage slot, 28 |F| per neighbour slot (last diagnostic step),
 * 29 target solid volume of the volume-honest radius correction (m³, 0 = none). */
export function ptr(k: i32): usize {
  switch (k) {
    case 0: return S.PX; case 1: return S.PY; case 2: return S.PZ;
    case 3: return S.VX; case 4: return S.VY; case 5: return S.VZ;
    case 6: return S.WX; case 7: return S.WY; case 8: return S.WZ;
    case 9: return S.FX; case 10: return S.FY; case 11: return S.FZ;
    case 12: return S.RAD; case 13: return S.MASS; case 14: return S.MAT;
    case 15: return S.NCONT; case 16: return S.FSUM; case 17: return S.FMAX;
    case 18: return S.SXX; case 19: return S.SYY; case 20: return S.SZZ;
    case 21: return S.SXY; case 22: return S.SXZ; case 23: return S.SYZ;
    case 24: return N.NB_START; case 25: return N.NB_J; case 26: return N.NB_H;
    case 27: return S.ID;
    case 28: return F.NB_F;
    case 29: return S.VTGT;
  }
  return 0;
}

// ---- snapshot ------------------------------------------------------------------------------------
export function snapshot(): usize { return Snap.snapshot(); }
export function snapshotLength(): usize { return Snap.snapLen; }
export function hash(p: usize, len: usize): u64 { return Snap.hashBytes(p, len); }
export function restore(p: usize): i32 { return Snap.restore(p); }

// ---- model helpers exposed for tests -------------------------------------------------------------
export function restitutionForDamping(c: f64): f64 { return M.restitutionForDamping(c); }
export function dampingForRestitution(e: f64): f64 { return M.dampingForRestitution(e); }

// ---- particles that change during a run (growth.ts) ------------------------------------------------
/** Sets particle i's radius (m); mass and inertia follow; effective at the next force pass. */
export function setRadius(i: i32, r: f64): void { G.setRadius(i, r); }
/** Sets particle i's material (index); mass and inertia follow the new density. */
export function setParticleMaterial(i: i32, m: i32): void { G.setParticleMaterial(i, m); }
/** After bulk writes to the radius or material views: mass, inertia, growth record, energy guard. */
export function updateParticles(): void { G.updateParticles(); }
/** Volume-honest radius correction (particles with a target volume, ptr(29)); returns the last relative change. */
export function honestRadii(iterations: i32): f64 { return G.honestRadii(iterations); }
/** Σ (sphere − ½ shared lenses − wall caps), m³. */
export function honestVolume(): f64 { return G.honestVolume(); }
export function lensVolume(a: f64, b: f64, d: f64): f64 { return G.lensVolume(a, b, d); }

// ---- bonds (bonds.ts) ---------------------------------------------------------------------------------
export function addBond(i: i32, j: i32, l0: f64, k: f64, zeta: f64): i32 { const b = B.addBond(i, j, l0, k, zeta); I.invalidateForces(); return b; }
export function addAngle(a: i32, b: i32, c: i32, kTheta: f64, zeta: f64, lever: f64): i32 { const t = B.addAngle(a, b, c, kTheta, zeta, lever); I.invalidateForces(); return t; }
export function clearBonds(): void { B.clearBonds(); I.invalidateForces(); }
export function bondCount(): i32 { return B.nBonds; }
export function angleCount(): i32 { return B.nAngles; }
export function bondI(b: i32): i32 { return B.bondI(b); }
export function bondJ(b: i32): i32 { return B.bondJ(b); }
export function bondEnergy(): f64 { return B.bondEnergyNow(); }
export function maxBondStrain(): f64 { return B.maxBondStrain; }
