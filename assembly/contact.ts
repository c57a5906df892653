// The contact law, one place for particle–particle and particle–wall pairs.
//
// Normal:  Hertz, F_el = 4/3 E* √R* δ^{3/2}, S_n = 2E*a with a = √(R*δ) the contact radius.
//          With a yield contact pressure p_y > 0, Thornton & Ning (Powder Technol. 99 (1998) 154):
//          Hertz up to δ_y = (π p_y / 2E*)² R*, then F = F_y + π p_y R* (δ − δ_y) while loading;
//          unloading/reloading below δ_max is Hertzian with a flattened radius R_p from the
//          residual overlap δ_p: with a_max² = R* δ_max (the loaded contact radius),
//          δ_max − δ_p = 3F_max/(4E* a_max), R_p = a_max²/(δ_max − δ_p), F = 4/3 E* √R_p (δ−δ_p)^{3/2}.
//          This is continuous at δ_max and at δ_y, and S_n never exceeds the Hertz stiffness at
//          the same overlap, so the Hertz-based timestep stays stable.
// Damping: F_d = −γ_n v_n, γ_n = 2√(5/6)(−β)√(S_n m*) (LIGGGHTS `gran model hertz`), with β
//          from the exact restitution map of materials.ts. No tension: F_n ≥ 0.
// Tangent: Mindlin spring with history (LIGGGHTS `tangential history`): the shear displacement
//          ξ is rotated into the current contact plane (keeping its length), incremented by
//          v_t·dt; F_t = −k_t ξ − γ_t v_t with k_t = 8G*a; if |F_t| > μF_n the contact slides:
//          F_t is scaled to μF_n and ξ = −F_t/k_t (as LIGGGHTS).
// Rolling: mode 1 constant directional torque M = −μ_r R* F_n ω̂_rel; mode 2 EPSD (Ai et al.,
//          Powder Technol. 206 (2011) 269): k_r = 2.25 S_n μ_r² R*², M += −k_r ω_rel,t dt,
//          |M| ≤ μ_r R* F_n.
import { dt, rollingMode, HIST_STRIDE, H_SX, H_SY, H_SZ, H_DMAX, H_MX, H_MY, H_MZ } from "./state";
import { P_ESTAR, P_GSTAR, P_MU, P_MUR, P_DAMP, P_PY, P_KTR } from "./materials";

// outputs (wasm globals: cheaper than returning a struct)
export let cFx: f64 = 0.0; export let cFy: f64 = 0.0; export let cFz: f64 = 0.0;   // force on i
export let cTx: f64 = 0.0; export let cTy: f64 = 0.0; export let cTz: f64 = 0.0;   // torque on i
export let cRx: f64 = 0.0; export let cRy: f64 = 0.0; export let cRz: f64 = 0.0;   // torque on j
export let cFn: f64 = 0.0;       // normal force magnitude, N
export let cSn: f64 = 0.0;       // normal tangent stiffness S_n, N/m
export let cEnergy: f64 = 0.0;   // elastic energy of the contact, J (diagnostic passes only)

@inline function hld(hp: usize, k: i32): f64 { return load<f64>(hp + (<usize>k << 3)); }
@inline function hst(hp: usize, k: i32, v: f64): void { store<f64>(hp + (<usize>k << 3), v); }

/**
 * n: unit normal from j to i; delta > 0 overlap; Rs, ms: effective radius and mass;
 * cri, crj: centre-to-contact distances; vr*: v_i − v_j; wi*, wj*: angular velocities;
 * pair: index into the material pair tables; hp: this contact's history record.
 */
@inline export function contact(
  nx: f64, ny: f64, nz: f64, delta: f64, Rs: f64, ms: f64, cri: f64, crj: f64,
  vrx: f64, vry: f64, vrz: f64,
  wix: f64, wiy: f64, wiz: f64, wjx: f64, wjy: f64, wjz: f64,
  pair: i32, hp: usize, dg: bool,
): void {
  const Es = load<f64>(P_ESTAR + (<usize>pair << 3));
  const py = load<f64>(P_PY + (<usize>pair << 3));
  // ---- normal elastic / elasto-plastic force and contact radius a
  let a: f64, Fel: f64, dEl: f64;   // dEl: elastic (recoverable) overlap, for the energy
  const dmax = hld(hp, H_DMAX);
  if (py <= 0.0) {
    a = Math.sqrt(Rs * delta);
    Fel = (4.0 / 3.0) * Es * a * delta;
    dEl = delta;
    if (delta > dmax) hst(hp, H_DMAX, delta);   // also marks the record as "in contact"
  } else {
    const t = 1.5707963267948966 * py / Es;          // π p_y / (2E*)
    const dy = t * t * Rs;                            // yield overlap
    if (delta >= dmax) {                              // virgin loading
      hst(hp, H_DMAX, delta);
      a = Math.sqrt(Rs * delta);
      if (delta <= dy) { Fel = (4.0 / 3.0) * Es * a * delta; dEl = delta; }
      else {
        Fel = (4.0 / 3.0) * Es * Math.sqrt(Rs * dy) * dy + 3.141592653589793 * py * Rs * (delta - dy);
        dEl = 3.0 * Fel / (4.0 * Es * a);
      }
    } else if (dmax <= dy) {                          // never yielded: Hertz
      a = Math.sqrt(Rs * delta);
      Fel = (4.0 / 3.0) * Es * a * delta;
      dEl = delta;
    } else {                                          // unloading / reloading on the flattened contact
      const Fmax = (4.0 / 3.0) * Es * Math.sqrt(Rs * dy) * dy + 3.141592653589793 * py * Rs * (dmax - dy);
      const amax = Math.sqrt(Rs * dmax);
      const de = 3.0 * Fmax / (4.0 * Es * amax);      // elastic part of δ_max
      const dp = dmax - de;                           // residual (plastic) overlap
      if (delta <= dp) { a = 0.0; Fel = 0.0; dEl = 0.0; }
      else {
        const Rp = amax * amax / de;
        dEl = delta - dp;
        a = Math.sqrt(Rp * dEl);
        Fel = (4.0 / 3.0) * Es * a * dEl;
      }
    }
  }
  const Sn = 2.0 * Es * a;
  cSn = Sn;
  const dampc = load<f64>(P_DAMP + (<usize>pair << 3));
  // ---- relative velocity at the contact point
  const vn = vrx * nx + vry * ny + vrz * nz;
  const wrx = cri * wix + crj * wjx, wry = cri * wiy + crj * wjy, wrz = cri * wiz + crj * wjz;
  // v_t = v_r − v_n n − w_r × n
  const vtx = vrx - vn * nx - (wry * nz - wrz * ny);
  const vty = vry - vn * ny - (wrz * nx - wrx * nz);
  const vtz = vrz - vn * nz - (wrx * ny - wry * nx);
  const gn = dampc * Math.sqrt(Sn * ms);   // γ_n
  let Fn = Fel - gn * vn;
  if (Fn < 0.0) Fn = 0.0;
  cFn = Fn;
  // ---- tangential spring with history
  let sx = hld(hp, H_SX), sy = hld(hp, H_SY), sz = hld(hp, H_SZ);
  const s2 = sx * sx + sy * sy + sz * sz;
  if (s2 > 0.0) {
    const sn = sx * nx + sy * ny + sz * nz;
    sx -= sn * nx; sy -= sn * ny; sz -= sn * nz;
    const p2 = sx * sx + sy * sy + sz * sz;
    if (p2 > 0.0) { const sc = Math.sqrt(s2 / p2); sx *= sc; sy *= sc; sz *= sc; }
  }
  const h = dt;
  sx += vtx * h; sy += vty * h; sz += vtz * h;
  const Gs = load<f64>(P_GSTAR + (<usize>pair << 3));
  const kt = 8.0 * Gs * a;
  const Ffric = load<f64>(P_MU + (<usize>pair << 3)) * Fn;
  // Coulomb cap on the whole tangential force (spring + dashpot), then ξ set to match it, as
  // LIGGGHTS `tangential history`: F_t ← F_t·μF_n/|F_t|, ξ = −F_t/k_t.
  const gt = gn * load<f64>(P_KTR + (<usize>pair << 3));   // γ_t = γ_n √(k_t/S_n)
  let ftx = -kt * sx - gt * vtx, fty = -kt * sy - gt * vty, ftz = -kt * sz - gt * vtz;
  const ft2 = ftx * ftx + fty * fty + ftz * ftz;
  if (ft2 > Ffric * Ffric) {
    if (kt > 0.0) {
      const ratio = Ffric / Math.sqrt(ft2);
      ftx *= ratio; fty *= ratio; ftz *= ratio;
      const ik = -1.0 / kt;
      sx = ftx * ik; sy = fty * ik; sz = ftz * ik;
    } else { ftx = 0.0; fty = 0.0; ftz = 0.0; sx = 0.0; sy = 0.0; sz = 0.0; }
  }
  hst(hp, H_SX, sx); hst(hp, H_SY, sy); hst(hp, H_SZ, sz);
  cFx = Fn * nx + ftx; cFy = Fn * ny + fty; cFz = Fn * nz + ftz;
  // torque of the tangential force: τ_i = −cr_i (n × F_t), τ_j = −cr_j (n × F_t)
  const cx = ny * ftz - nz * fty, cy = nz * ftx - nx * ftz, cz = nx * fty - ny * ftx;
  let mx = 0.0, my = 0.0, mz = 0.0;
  if (rollingMode != 0) {
    const mur = load<f64>(P_MUR + (<usize>pair << 3));
    if (mur > 0.0) {
      let ox = wix - wjx, oy = wiy - wjy, oz = wiz - wjz;
      const on = ox * nx + oy * ny + oz * nz;
      ox -= on * nx; oy -= on * ny; oz -= on * nz;      // rolling part only (no twisting)
      const mcap = mur * Rs * Fn;
      if (rollingMode == 1) {
        const om = Math.sqrt(ox * ox + oy * oy + oz * oz);
        if (om > 0.0) { const f = -mcap / om; mx = f * ox; my = f * oy; mz = f * oz; }
      } else {
        mx = hld(hp, H_MX); my = hld(hp, H_MY); mz = hld(hp, H_MZ);
        const mn = mx * nx + my * ny + mz * nz;
        mx -= mn * nx; my -= mn * ny; mz -= mn * nz;
        const kr = 2.25 * Sn * mur * mur * Rs * Rs;
        mx -= kr * ox * h; my -= kr * oy * h; mz -= kr * oz * h;
        const mm = Math.sqrt(mx * mx + my * my + mz * mz);
        if (mm > mcap && mm > 0.0) { const f = mcap / mm; mx *= f; my *= f; mz *= f; }
        hst(hp, H_MX, mx); hst(hp, H_MY, my); hst(hp, H_MZ, mz);
      }
    }
  }
  cTx = -cri * cx + mx; cTy = -cri * cy + my; cTz = -cri * cz + mz;
  cRx = -crj * cx - mx; cRy = -crj * cy - my; cRz = -crj * cz - mz;
  if (dg) {
    // Hertz potential 2/5·F·δ_el plus the tangential spring ½k_t|ξ|²
    cEnergy = 0.4 * Fel * dEl + (kt > 0.0 ? 0.5 * kt * (sx * sx + sy * sy + sz * sz) : 0.0);
  }
}
