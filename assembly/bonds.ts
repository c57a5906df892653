// Bonds between particles: chains of bonded spheres (carbon nanotubes in the interlayer scaffold).
//
// Stretch: a linear spring along the bond with a dashpot on the stretch rate,
//   F_i = −[k (d − L0) + γ ḋ] n,  n = (x_i − x_j)/d,  γ = 2ζ√(k m*),  m* = m_i m_j/(m_i + m_j),
//   so that ζ is the damping ratio of the two-body stretch mode (ζ = 1: critical).
// Bending: three-body "cosine" angle potential on consecutive bonds (a–b–c, b in the middle),
//   U = k_θ (1 + cos θ), θ the angle a–b–c (θ = π for a straight chain), as LAMMPS `angle_style
//   cosine`. For a small bend ψ = π − θ, U ≈ ½ k_θ ψ², so a chain of bond length L is an
//   Euler–Bernoulli beam with bending stiffness EI = k_θ L. The cosine form has no 1/sin θ
//   singularity at the straight state, which a harmonic-in-θ potential would have.
//   Damping: a Rayleigh dissipation ½ γ_θ ċ² on c = cos θ, force −γ_θ ċ ∇c, with
//   γ_θ = 2ζ L √(k_θ m), m the lightest of the three beads (critical for ζ = 1 on the one-joint
//   mode; the lightest mass keeps the explicit dashpot stable when a bead is made heavy as a clamp).
// Bonded partners also meet as ordinary contacts when they overlap: a chain built with L0 = r_a + r_b
// (beads just touching) carries compression through the bond spring and the Hertz contact in
// parallel, tension through the bond alone.
// Bonds are stored by storage slot and re-mapped when the neighbour rebuild re-sorts the storage
// (remapBonds). Units: SI.
import {
  count, lx, ly, PX, PY, PZ, VX, VY, VZ, FX, FY, FZ, MASS, ldf, stf, ldi, sti, allocF64, allocI32, minImage,
} from "./state";

export let nBonds: i32 = 0;
let bondCap: i32 = 0;
let BI: usize = 0, BJ: usize = 0;          // i32 slots
let BL0: usize = 0, BK: usize = 0, BZ: usize = 0;   // rest length m, stiffness N/m, damping ratio
export let nAngles: i32 = 0;
let angCap: i32 = 0;
let AA: usize = 0, AB: usize = 0, AC: usize = 0;   // i32 slots, b = middle
let AK: usize = 0, AZ: usize = 0, AL: usize = 0;   // k_θ (J), damping ratio, lever length L (m)

export let bondEnergy: f64 = 0.0;   // J, stretch + bending (bond pass with diagnostics)
export let maxBondStrain: f64 = 0.0; // max |d − L0|/L0 (last bond pass)

function growBonds(): void {
  const nc = bondCap * 2 + 64;
  const bi = allocI32(nc), bj = allocI32(nc), bl = allocF64(nc), bk = allocF64(nc), bz = allocF64(nc);
  if (bondCap > 0) {
    memory.copy(bi, BI, <usize>nBonds << 2); memory.copy(bj, BJ, <usize>nBonds << 2);
    memory.copy(bl, BL0, <usize>nBonds << 3); memory.copy(bk, BK, <usize>nBonds << 3); memory.copy(bz, BZ, <usize>nBonds << 3);
    heap.free(BI); heap.free(BJ); heap.free(BL0); heap.free(BK); heap.free(BZ);
  }
  BI = bi; BJ = bj; BL0 = bl; BK = bk; BZ = bz; bondCap = nc;
}
function growAngles(): void {
  const nc = angCap * 2 + 64;
  const a = allocI32(nc), b = allocI32(nc), c = allocI32(nc), k = allocF64(nc), z = allocF64(nc), l = allocF64(nc);
  if (angCap > 0) {
    memory.copy(a, AA, <usize>nAngles << 2); memory.copy(b, AB, <usize>nAngles << 2); memory.copy(c, AC, <usize>nAngles << 2);
    memory.copy(k, AK, <usize>nAngles << 3); memory.copy(z, AZ, <usize>nAngles << 3); memory.copy(l, AL, <usize>nAngles << 3);
    heap.free(AA); heap.free(AB); heap.free(AC); heap.free(AK); heap.free(AZ); heap.free(AL);
  }
  AA = a; AB = b; AC = c; AK = k; AZ = z; AL = l; angCap = nc;
}

/** Adds a stretch bond between slots i and j (rest length l0 m, stiffness k N/m, damping ratio zeta). Returns its index. */
export function addBond(i: i32, j: i32, l0: f64, k: f64, zeta: f64): i32 {
  if (nBonds >= bondCap) growBonds();
  const b = nBonds++;
  sti(BI, b, i); sti(BJ, b, j); stf(BL0, b, l0); stf(BK, b, k); stf(BZ, b, zeta);
  return b;
}
/** Adds a bending triplet a–b–c (b the middle bead): U = kTheta (1 + cos θ); lever = bond length L for the damping. */
export function addAngle(a: i32, b: i32, c: i32, kTheta: f64, zeta: f64, lever: f64): i32 {
  if (nAngles >= angCap) growAngles();
  const t = nAngles++;
  sti(AA, t, a); sti(AB, t, b); sti(AC, t, c); stf(AK, t, kTheta); stf(AZ, t, zeta); stf(AL, t, lever);
  return t;
}
export function clearBonds(): void { nBonds = 0; nAngles = 0; }
export function bondI(b: i32): i32 { return ldi(BI, b); }
export function bondJ(b: i32): i32 { return ldi(BJ, b); }

/** After the storage was re-sorted: slot s moved to inv[s]. */
export function remapBonds(inv: usize): void {
  for (let b = 0; b < nBonds; b++) { sti(BI, b, ldi(inv, ldi(BI, b))); sti(BJ, b, ldi(inv, ldi(BJ, b))); }
  for (let t = 0; t < nAngles; t++) {
    sti(AA, t, ldi(inv, ldi(AA, t))); sti(AB, t, ldi(inv, ldi(AB, t))); sti(AC, t, ldi(inv, ldi(AC, t)));
  }
}

/** Adds bond and angle forces to FX/FY/FZ (called by the force pass when any bond exists). */
export function bondForces(dg: bool): void {
  const Lx = lx, Ly = ly;
  let energy = 0.0, smax = 0.0;
  for (let b = 0; b < nBonds; b++) {
    const i = ldi(BI, b), j = ldi(BJ, b);
    const dx = minImage(ldf(PX, i) - ldf(PX, j), Lx), dy = minImage(ldf(PY, i) - ldf(PY, j), Ly), dz = ldf(PZ, i) - ldf(PZ, j);
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const id = 1.0 / d;
    const nx = dx * id, ny = dy * id, nz = dz * id;
    const l0 = ldf(BL0, b), k = ldf(BK, b);
    const rate = (ldf(VX, i) - ldf(VX, j)) * nx + (ldf(VY, i) - ldf(VY, j)) * ny + (ldf(VZ, i) - ldf(VZ, j)) * nz;
    const mi = ldf(MASS, i), mj = ldf(MASS, j);
    const gam = 2.0 * ldf(BZ, b) * Math.sqrt(k * mi * mj / (mi + mj));
    const f = -(k * (d - l0) + gam * rate);
    stf(FX, i, ldf(FX, i) + f * nx); stf(FY, i, ldf(FY, i) + f * ny); stf(FZ, i, ldf(FZ, i) + f * nz);
    stf(FX, j, ldf(FX, j) - f * nx); stf(FY, j, ldf(FY, j) - f * ny); stf(FZ, j, ldf(FZ, j) - f * nz);
    const s = Math.abs(d - l0) / l0; if (s > smax) smax = s;
    if (dg) energy += 0.5 * k * (d - l0) * (d - l0);
  }
  for (let t = 0; t < nAngles; t++) {
    const a = ldi(AA, t), m = ldi(AB, t), c = ldi(AC, t);
    // u = x_a − x_b, w = x_c − x_b
    const ux = minImage(ldf(PX, a) - ldf(PX, m), Lx), uy = minImage(ldf(PY, a) - ldf(PY, m), Ly), uz = ldf(PZ, a) - ldf(PZ, m);
    const wx = minImage(ldf(PX, c) - ldf(PX, m), Lx), wy = minImage(ldf(PY, c) - ldf(PY, m), Ly), wz = ldf(PZ, c) - ldf(PZ, m);
    const u2 = ux * ux + uy * uy + uz * uz, w2 = wx * wx + wy * wy + wz * wz;
    const iu = 1.0 / Math.sqrt(u2), iw = 1.0 / Math.sqrt(w2);
    const cs = (ux * wx + uy * wy + uz * wz) * iu * iw;
    // ∇_a cos θ = (w/(|u||w|) − cos θ u/|u|²), ∇_c likewise, ∇_b = −(∇_a + ∇_c)
    const gax = wx * iu * iw - cs * ux * iu * iu, gay = wy * iu * iw - cs * uy * iu * iu, gaz = wz * iu * iw - cs * uz * iu * iu;
    const gcx = ux * iu * iw - cs * wx * iw * iw, gcy = uy * iu * iw - cs * wy * iw * iw, gcz = uz * iu * iw - cs * wz * iw * iw;
    const va = ldf(VX, a) - ldf(VX, m), vay = ldf(VY, a) - ldf(VY, m), vaz = ldf(VZ, a) - ldf(VZ, m);
    const vc = ldf(VX, c) - ldf(VX, m), vcy = ldf(VY, c) - ldf(VY, m), vcz = ldf(VZ, c) - ldf(VZ, m);
    const cdot = gax * va + gay * vay + gaz * vaz + gcx * vc + gcy * vcy + gcz * vcz;
    const kt = ldf(AK, t);
    const mmin = Math.min(ldf(MASS, m), Math.min(ldf(MASS, a), ldf(MASS, c)));
    const gth = 2.0 * ldf(AZ, t) * ldf(AL, t) * Math.sqrt(kt * mmin);
    // F = −∂U/∂x − γ ċ ∇c with U = k_θ (1 + c)
    const s = -(kt + gth * cdot);
    const fax = s * gax, fay = s * gay, faz = s * gaz, fcx = s * gcx, fcy = s * gcy, fcz = s * gcz;
    stf(FX, a, ldf(FX, a) + fax); stf(FY, a, ldf(FY, a) + fay); stf(FZ, a, ldf(FZ, a) + faz);
    stf(FX, c, ldf(FX, c) + fcx); stf(FY, c, ldf(FY, c) + fcy); stf(FZ, c, ldf(FZ, c) + fcz);
    stf(FX, m, ldf(FX, m) - fax - fcx); stf(FY, m, ldf(FY, m) - fay - fcy); stf(FZ, m, ldf(FZ, m) - faz - fcz);
    if (dg) energy += kt * (1.0 + cs);
  }
  maxBondStrain = smax;
  if (dg) bondEnergy = energy;
}

/** Stored bond energy (stretch + bending), J, computed read-only (energy guard budget). */
export function bondEnergyNow(): f64 {
  let e = 0.0;
  const Lx = lx, Ly = ly;
  for (let b = 0; b < nBonds; b++) {
    const i = ldi(BI, b), j = ldi(BJ, b);
    const dx = minImage(ldf(PX, i) - ldf(PX, j), Lx), dy = minImage(ldf(PY, i) - ldf(PY, j), Ly), dz = ldf(PZ, i) - ldf(PZ, j);
    const s = Math.sqrt(dx * dx + dy * dy + dz * dz) - ldf(BL0, b);
    e += 0.5 * ldf(BK, b) * s * s;
  }
  for (let t = 0; t < nAngles; t++) {
    const a = ldi(AA, t), m = ldi(AB, t), c = ldi(AC, t);
    const ux = minImage(ldf(PX, a) - ldf(PX, m), Lx), uy = minImage(ldf(PY, a) - ldf(PY, m), Ly), uz = ldf(PZ, a) - ldf(PZ, m);
    const wx = minImage(ldf(PX, c) - ldf(PX, m), Lx), wy = minImage(ldf(PY, c) - ldf(PY, m), Ly), wz = ldf(PZ, c) - ldf(PZ, m);
    const cs = (ux * wx + uy * wy + uz * wz) / Math.sqrt((ux * ux + uy * uy + uz * uz) * (wx * wx + wy * wy + wz * wz));
    e += ldf(AK, t) * (1.0 + cs);
  }
  return e;
}
// keep `count` referenced for readers: bonds index slots < count
export function bondsValid(): bool {
  for (let b = 0; b < nBonds; b++) if (ldi(BI, b) >= count || ldi(BJ, b) >= count) return false;
  return true;
}
