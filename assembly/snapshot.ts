// Snapshot: the complete dynamic state as bytes (positions, velocities, spins, forces, contact
// histories, neighbour list, platen, clock, PRNG), and a 64-bit hash of it. Restoring a
// snapshot and stepping gives bit-identical results to never having stopped, because forces
// and histories are restored rather than recomputed. Layout (little-endian, version 1):
//   u32 magic 'ELSN', u32 version, i32 count, i32 nbCount,
//   f64 time, stepCount, dt, lx, ly, gravity, platenZ, platenV, servoPressure, servoVmax,
//   servoGain, platenWork, collectorForce, platenForce, platenStiffness; i32 platenMode, rollingMode; u64 rng
//   then per particle (count each): f64 x y z vx vy vz wx wy wz fx fy fz tx ty tz r x0 y0 z0, i32 mat, i32 id
//   then f64 wall history [count·2·8], i32 nbStart [count+1], i32 nbJ [nbCount], f64 nbH [nbCount·8]
import * as S from "./state";
import * as N from "./neighbors";
import * as Wl from "./walls";
import { rngState, setRngState } from "./rng";
import { markForcesValid } from "./integrate";
import { setProps } from "./insert";

const MAGIC: u32 = 0x4E534C45; // "ELSN"
export let snapLen: usize = 0;
let buf: usize = 0; let bufCap: usize = 0; let cur: usize = 0;

@inline function putF(v: f64): void { store<f64>(cur, v); cur += 8; }
@inline function putI(v: i32): void { store<i32>(cur, v); cur += 4; }
@inline function getF(): f64 { const v = load<f64>(cur); cur += 8; return v; }
@inline function getI(): i32 { const v = load<i32>(cur); cur += 4; return v; }
function putArr(p: usize, bytes: usize): void { memory.copy(cur, p, bytes); cur += bytes; }
function getArr(p: usize, bytes: usize): void { memory.copy(p, cur, bytes); cur += bytes; }

const PER_F64: i32 = 19;
function arrays(): StaticArray<usize> {
  return [S.PX, S.PY, S.PZ, S.VX, S.VY, S.VZ, S.WX, S.WY, S.WZ, S.FX, S.FY, S.FZ, S.TX, S.TY, S.TZ, S.RAD, S.X0, S.Y0, S.Z0];
}

export function snapshotSize(): usize {
  const n = <usize>S.count, nb = <usize>N.nbCount;
  return 16 + 17 * 8 + 8 + 8 + n * (<usize>PER_F64 * 8 + 8) + n * 2 * <usize>S.HIST_STRIDE * 8 + (n + 1) * 4 + nb * 4 + nb * <usize>S.HIST_STRIDE * 8;
}

/** Writes the snapshot into an internal buffer; returns its pointer (length: snapLen). */
export function snapshot(): usize {
  const size = snapshotSize();
  if (size > bufCap) { if (bufCap > 0) heap.free(buf); bufCap = size + (size >> 2); buf = heap.alloc(bufCap); }
  const n = S.count;
  cur = buf;
  const nb = N.listValid ? N.nbCount : 0;
  store<u32>(cur, MAGIC); cur += 4; putI(1); putI(n); putI(nb);
  putF(S.time); putF(S.stepCount); putF(S.dt); putF(S.lx); putF(S.ly); putF(S.gravity);
  putF(Wl.platenZ); putF(Wl.platenV); putF(Wl.servoPressure); putF(Wl.servoVmax); putF(Wl.servoGain);
  putF(Wl.platenWork); putF(Wl.collectorForce); putF(Wl.platenForce); putF(Wl.platenStiffness);
  putI(Wl.platenMode); putI(S.rollingMode); store<u64>(cur, rngState()); cur += 8;
  const a = arrays();
  for (let k = 0; k < PER_F64; k++) putArr(a[k], <usize>n << 3);
  putArr(S.MAT, <usize>n << 2);
  putArr(S.ID, <usize>n << 2);
  putArr(S.WHIST, <usize>n * 2 * <usize>S.HIST_STRIDE << 3);
  if (N.listValid) putArr(N.NB_START, <usize>(n + 1) << 2);
  else { memory.fill(cur, 0, <usize>(n + 1) << 2); cur += <usize>(n + 1) << 2; }
  putArr(N.NB_J, <usize>nb << 2);
  putArr(N.NB_H, <usize>nb * <usize>S.HIST_STRIDE << 3);
  snapLen = cur - buf;
  return buf;
}

/** 64-bit hash (FNV-1a over 8-byte words, then a SplitMix finaliser) of len bytes at p. */
export function hashBytes(p: usize, len: usize): u64 {
  let h: u64 = 0xCBF29CE484222325;
  const words = len >> 3;
  for (let k: usize = 0; k < words; k++) { h = (h ^ load<u64>(p + (k << 3))) * 0x100000001B3; }
  for (let k: usize = words << 3; k < len; k++) { h = (h ^ <u64>load<u8>(p + k)) * 0x100000001B3; }
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EB;
  return h ^ (h >> 31);
}

/** Restores a snapshot previously copied to p. Returns 0, or an error code (1 bad magic/version, 2 capacity). */
export function restore(p: usize): i32 {
  cur = p;
  if (load<u32>(cur) != MAGIC) return 1; cur += 4;
  if (getI() != 1) return 1;
  const n = getI(); const nb = getI();
  if (n > S.capacity) return 2;
  S.setCount(n);
  S.setClock(getF(), getF()); S.setTimestep(getF()); S.setBox(getF(), getF()); S.setGravity(getF());
  const pz = getF(), pv = getF(), sp = getF(), svm = getF(), sg = getF(), pw = getF(), cf = getF(), pf = getF(), kp = getF();
  const mode = getI(); S.setRollingMode(getI());
  setRngState(load<u64>(cur)); cur += 8;
  Wl.restorePlaten(mode, pz, pv, sp, svm, sg, pw, cf, pf, kp);
  const a = arrays();
  for (let k = 0; k < PER_F64; k++) getArr(a[k], <usize>n << 3);
  getArr(S.MAT, <usize>n << 2);
  getArr(S.ID, <usize>n << 2);
  for (let i = 0; i < n; i++) setProps(i, S.ldf(S.RAD, i), S.ldi(S.MAT, i));   // mass, inertia from r, ρ
  getArr(S.WHIST, <usize>n * 2 * <usize>S.HIST_STRIDE << 3);
  N.restoreList(cur, n, nb);
  markForcesValid();
  return 0;
}
