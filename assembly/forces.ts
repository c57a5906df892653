// Force pass: gravity, particle–particle contacts over the half neighbour list, particle–wall
// contacts with the collector and the platen. The contact law itself lives in contact.ts.
import {
  count, lx, ly, gravity, maxOverlapRatio, HIST_STRIDE, H_DMAX,
  PX, PY, PZ, VX, VY, VZ, WX, WY, WZ, FX, FY, FZ, TX, TY, TZ, RAD, MASS, INVM, MAT,
  NCONT, FSUM, FMAX, SXX, SYY, SZZ, SXY, SXZ, SYZ, WHIST,
  ldf, stf, ldi, sti, minImage, raise, ERR_OVERLAP, allocF64,
} from "./state";
import { NB_START, NB_J, NB_H, nbCount } from "./neighbors";
import { MAX_MATERIALS, P_DAMP } from "./materials";
import { contact, cFx, cFy, cFz, cTx, cTy, cTz, cRx, cRy, cRz, cFn, cSn, cEnergy } from "./contact";
import { nBonds, nAngles, bondForces } from "./bonds";
import { collectorMat, platenMat, platenMode, platenZ, platenV, PLATEN_ABSENT, setWallForces, setPlatenDamping } from "./walls";

/** When true, the pass also fills contact counts, force sums/maxima and Love–Weber sums. */
export let diag: bool = false;
export function setDiag(on: bool): void { diag = on; }
export let contactPairs: i32 = 0;      // particle–particle contacts (diag pass)
export let wallContacts: i32 = 0;      // particle–wall contacts (diag pass)
export let elasticEnergy: f64 = 0.0;   // J, stored in springs (diag pass)
export let maxOverlap: f64 = 0.0;      // max δ/min(r) (diag pass)
export let sumOverlap: f64 = 0.0;      // Σ δ/min(r) over contacts (diag pass)
/** |F| of each neighbour-list slot from the last diagnostic pass (0 = not touching), N:
 * contact-force statistics and the force network read it together with NB_START / NB_J. */
export let NB_F: usize = 0;
let nbfCap: i32 = 0;

export function computeForces(): void {
  const n = count;
  const g = gravity;
  for (let i = 0; i < n; i++) {
    stf(FX, i, 0.0); stf(FY, i, 0.0); stf(FZ, i, -ldf(MASS, i) * g);
    stf(TX, i, 0.0); stf(TY, i, 0.0); stf(TZ, i, 0.0);
  }
  const dg = diag;
  if (dg) {
    memory.fill(NCONT, 0, <usize>n << 2);
    memory.fill(FSUM, 0, <usize>n << 3); memory.fill(FMAX, 0, <usize>n << 3);
    memory.fill(SXX, 0, <usize>n << 3); memory.fill(SYY, 0, <usize>n << 3); memory.fill(SZZ, 0, <usize>n << 3);
    memory.fill(SXY, 0, <usize>n << 3); memory.fill(SXZ, 0, <usize>n << 3); memory.fill(SYZ, 0, <usize>n << 3);
    contactPairs = 0; wallContacts = 0; elasticEnergy = 0.0; maxOverlap = 0.0; sumOverlap = 0.0;
    if (nbCount > nbfCap) { if (nbfCap > 0) heap.free(NB_F); nbfCap = nbCount + (nbCount >> 1); NB_F = allocF64(nbfCap); }
    memory.fill(NB_F, 0, <usize>nbCount << 3);
  }
  const Lx = lx, Ly = ly, ovl = maxOverlapRatio;
  for (let i = 0; i < n; i++) {
    const s = ldi(NB_START, i), e = ldi(NB_START, i + 1);
    if (s == e) continue;
    const xi = ldf(PX, i), yi = ldf(PY, i), zi = ldf(PZ, i), ri = ldf(RAD, i);
    const vxi = ldf(VX, i), vyi = ldf(VY, i), vzi = ldf(VZ, i);
    const wxi = ldf(WX, i), wyi = ldf(WY, i), wzi = ldf(WZ, i);
    const imi = ldf(INVM, i);
    const mrow = ldi(MAT, i) * MAX_MATERIALS;
    let fxi = 0.0, fyi = 0.0, fzi = 0.0, txi = 0.0, tyi = 0.0, tzi = 0.0;
    for (let k = s; k < e; k++) {
      const j = ldi(NB_J, k);
      const hp = NB_H + (<usize>k * <usize>HIST_STRIDE << 3);
      // n points from j to i
      const dx = minImage(xi - ldf(PX, j), Lx);
      const dy = minImage(yi - ldf(PY, j), Ly);
      const dz = zi - ldf(PZ, j);
      const rj = ldf(RAD, j);
      const rsum = ri + rj;
      const r2 = dx * dx + dy * dy + dz * dz;
      if (r2 >= rsum * rsum) {
        if (load<f64>(hp + (<usize>H_DMAX << 3)) != 0.0) memory.fill(hp, 0, <usize>HIST_STRIDE << 3);
        continue;
      }
      const d = Math.sqrt(r2);
      const invd = 1.0 / d;
      const delta = rsum - d;
      const rmin = rj < ri ? rj : ri;
      if (delta > ovl * rmin) raise(ERR_OVERLAP, i, j, delta / rmin);
      contact(
        dx * invd, dy * invd, dz * invd, delta,
        ri * rj / rsum, 1.0 / (imi + ldf(INVM, j)),
        ri - 0.5 * delta, rj - 0.5 * delta,
        vxi - ldf(VX, j), vyi - ldf(VY, j), vzi - ldf(VZ, j),
        wxi, wyi, wzi, ldf(WX, j), ldf(WY, j), ldf(WZ, j),
        mrow + ldi(MAT, j), hp, dg,
      );
      fxi += cFx; fyi += cFy; fzi += cFz;
      txi += cTx; tyi += cTy; tzi += cTz;
      stf(FX, j, ldf(FX, j) - cFx); stf(FY, j, ldf(FY, j) - cFy); stf(FZ, j, ldf(FZ, j) - cFz);
      stf(TX, j, ldf(TX, j) + cRx); stf(TY, j, ldf(TY, j) + cRy); stf(TZ, j, ldf(TZ, j) + cRz);
      if (dg) {
        const nx = dx * invd, ny = dy * invd, nz = dz * invd;
        const fm = Math.sqrt(cFx * cFx + cFy * cFy + cFz * cFz);
        addDiag(i, fm, ri - 0.5 * delta, nx, ny, nz);
        addDiag(j, fm, rj - 0.5 * delta, nx, ny, nz);
        contactPairs++;
        stf(NB_F, k, fm);
        elasticEnergy += cEnergy;
        const ov = delta / rmin;
        sumOverlap += ov; if (ov > maxOverlap) maxOverlap = ov;
      }
    }
    stf(FX, i, ldf(FX, i) + fxi); stf(FY, i, ldf(FY, i) + fyi); stf(FZ, i, ldf(FZ, i) + fzi);
    stf(TX, i, ldf(TX, i) + txi); stf(TY, i, ldf(TY, i) + tyi); stf(TZ, i, ldf(TZ, i) + tzi);
  }
  if (nBonds > 0 || nAngles > 0) bondForces(dg);
  wallForces();
}

/** Love–Weber: σ_p += F ⊗ b, b = −cr·n (centre → contact point), F = force on p; symmetric part.
 * For both partners F⊗b = −cr·(F_i ⊗ n) with F_i the force on i, so one helper serves both. */
@inline function addDiag(p: i32, fm: f64, cr: f64, nx: f64, ny: f64, nz: f64): void {
  sti(NCONT, p, ldi(NCONT, p) + 1);
  stf(FSUM, p, ldf(FSUM, p) + fm);
  if (fm > ldf(FMAX, p)) stf(FMAX, p, fm);
  const fx = cFx, fy = cFy, fz = cFz;
  stf(SXX, p, ldf(SXX, p) - cr * fx * nx);
  stf(SYY, p, ldf(SYY, p) - cr * fy * ny);
  stf(SZZ, p, ldf(SZZ, p) - cr * fz * nz);
  stf(SXY, p, ldf(SXY, p) - 0.5 * cr * (fx * ny + fy * nx));
  stf(SXZ, p, ldf(SXZ, p) - 0.5 * cr * (fx * nz + fz * nx));
  stf(SYZ, p, ldf(SYZ, p) - 0.5 * cr * (fy * nz + fz * ny));
}

function wallForces(): void {
  const n = count;
  const dg = diag;
  const top = platenMode != PLATEN_ABSENT;
  const zp = platenZ, vp = platenV, ovl = maxOverlapRatio;
  let fc = 0.0, fp = 0.0, kp = 0.0, gp = 0.0;
  for (let i = 0; i < n; i++) {
    const zi = ldf(PZ, i), ri = ldf(RAD, i);
    for (let w = 0; w < 2; w++) {
      const hp = WHIST + (<usize>(i * 2 + w) * <usize>HIST_STRIDE << 3);
      let delta: f64, nz: f64, vwall: f64, wm: i32;
      if (w == 0) { delta = ri - zi; nz = 1.0; vwall = 0.0; wm = collectorMat; }
      else { if (!top) continue; delta = zi + ri - zp; nz = -1.0; vwall = vp; wm = platenMat; }
      if (delta <= 0.0) {
        if (load<f64>(hp + (<usize>H_DMAX << 3)) != 0.0) memory.fill(hp, 0, <usize>HIST_STRIDE << 3);
        continue;
      }
      if (delta > ovl * ri) raise(ERR_OVERLAP, i, -1 - w, delta / ri);
      const cr = ri - delta;   // centre to the wall plane
      contact(
        0.0, 0.0, nz, delta, ri, ldf(MASS, i), cr, 0.0,
        ldf(VX, i), ldf(VY, i), ldf(VZ, i) - vwall,
        ldf(WX, i), ldf(WY, i), ldf(WZ, i), 0.0, 0.0, 0.0,
        ldi(MAT, i) * MAX_MATERIALS + wm, hp, dg,
      );
      stf(FX, i, ldf(FX, i) + cFx); stf(FY, i, ldf(FY, i) + cFy); stf(FZ, i, ldf(FZ, i) + cFz);
      stf(TX, i, ldf(TX, i) + cTx); stf(TY, i, ldf(TY, i) + cTy); stf(TZ, i, ldf(TZ, i) + cTz);
      if (w == 0) fc += cFz;
      else {
        fp -= cFz; kp += cSn;
        // γ_n of this contact (as in contact.ts), for the servo's damping bound
        gp += load<f64>(P_DAMP + (<usize>(ldi(MAT, i) * MAX_MATERIALS + wm) << 3)) * Math.sqrt(cSn * ldf(MASS, i));
      }
      if (dg) {
        addDiag(i, Math.sqrt(cFx * cFx + cFy * cFy + cFz * cFz), cr, 0.0, 0.0, nz);
        wallContacts++;
        elasticEnergy += cEnergy;
        const ov = delta / ri;
        sumOverlap += ov; if (ov > maxOverlap) maxOverlap = ov;
      }
    }
  }
  setWallForces(fc, fp, kp);
  setPlatenDamping(gp);
}
