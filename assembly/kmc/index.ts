// Exported API of the lithium-deposition kMC module (build/kmc.wasm) — and only that. One module
// instance is one lattice: init(nx, ny, nz), write materials and local pore sizes through matPtr() and
// ltPtr(), set parameters, prepare(), then run(). SI units. The TS facade is src/interlayer/kmc.ts.
import * as G from "./grid";
import * as C from "./clusters";
import * as S from "./sites";
import * as W from "./walkers";
import * as E from "./engine";
import * as R from "./rng";
import * as M from "./mechanics";

export function init(nx: i32, ny: i32, nz: i32): void {
  G.initGrid(nx, ny, nz);
  C.initClusters();
  S.initSites();
  W.initWalkers();
  E.initEngine();
}
export function matPtr(): usize { return G.MAT; }
export function ltPtr(): usize { return G.LT; }
export function walkerPosPtr(): usize { return W.POS; }
export function walkerCapacity(): i32 { return W.CAP; }
export function penetrationLogPtr(): usize { return E.PENLOG; }
export function penetrationLogCapacity(): i32 { return E.PENCAP; }

export function seed(lo: u32, hi: u32): void { R.seed((<u64>hi << 32) | <u64>lo); }
export function setRank(m: i32, r: i32): void { G.setRank(m, r); }
export function setRates(m: i32, hop: f64, nuc: f64): void { E.setRates(m, hop, nuc); }
export function setArrival(dt: f64, volRate: f64, h: f64): void { E.setArrival(dt, volRate, h); }
export function setBudget(b: i32): void { E.setBudget(b); }
export function setStackPressure(p: f64): void { E.setStackPressure(p); }
export function setMechanics(kT: f64, omega: f64, ac: f64, dd: f64, s0: f64, dref: f64, m: f64,
                             sb: f64, scap: f64, se: f64, pc: f64): void {
  M.setMechanics(kT, omega, ac, dd, s0, dref, m, sb, scap, se, pc);
}

/** After the materials are written: builds the caches, registers Li already present, finds the sites. */
export function prepare(): void {
  G.refreshSlabs(0, G.nz - 1);
  for (let v = 0; v < G.n; v++) if (G.mat(v) == G.LI) C.addLi(v);
  S.updateAll();
}

/** Runs the current mode until `target` packets have passed in it (arrivals plating, departures stripping). */
export function run(maxEvents: f64, target: f64): f64 { return E.run(maxEvents, target); }
/** 0 = plate, 1 = strip (see engine.ts setMode). */
export function setMode(m: i32): void { E.setMode(m); }
export function mode(): i32 { return E.mode; }

export function time(): f64 { return E.time; }
export function arrivals(): f64 { return E.arrivals; }
export function departures(): f64 { return E.departures; }
export function events(): f64 { return E.events; }
export function hops(): f64 { return E.hops; }
export function nucleations(): f64 { return E.nucleations; }
export function penetrations(): f64 { return E.penetrations; }
export function throughTop(): f64 { return E.throughTop; }
export function blockedSites(): f64 { return E.blocked; }
export function stranded(): f64 { return E.stranded; }
export function miecTransfers(): f64 { return E.miecTransfers; }
export function layerPackets(): f64 { return <f64>G.layerPackets; }
export function walkerCount(): i32 { return W.count; }
export function siteCount(): i32 { return S.count; }
export function clusterCount(): i32 { return C.count(); }
export function errorCode(): i32 { return E.errorCode; }

/** The core's own flow stress and deposit pressure (Pa), for checking against the TS formulas. */
export function flowStress(d: f64, rate: f64): f64 { return M.flowStress(d, rate); }
export function depositPressure(d: f64, rate: f64): f64 { return M.depositPressure(d, rate); }
