// Elastic energy stored in the contacts, computed read-only (no history update), for the
// energy guard and the energy-conservation test. Hertz: U = 2/5·F·δ = 8/15 E*√R* δ^{5/2};
// the tangential spring adds ½ k_t |ξ|². For Thornton–Ning contacts the Hertz value is used
// (an upper bound of the recoverable energy), which is enough for a budget.
import {
  count, lx, ly, HIST_STRIDE, H_SX, H_SY, H_SZ, PX, PY, PZ, RAD, MAT, WHIST, ldf, ldi, minImage,
} from "./state";
import { NB_START, NB_J, NB_H } from "./neighbors";
import { MAX_MATERIALS, P_ESTAR, P_GSTAR } from "./materials";
import { collectorMat, platenMat, platenMode, platenZ, PLATEN_ABSENT } from "./walls";

@inline function pairEnergy(delta: f64, Rs: f64, pair: i32, hp: usize): f64 {
  const Es = load<f64>(P_ESTAR + (<usize>pair << 3));
  const a = Math.sqrt(Rs * delta);
  const kt = 8.0 * load<f64>(P_GSTAR + (<usize>pair << 3)) * a;
  const sx = load<f64>(hp + (<usize>H_SX << 3)), sy = load<f64>(hp + (<usize>H_SY << 3)), sz = load<f64>(hp + (<usize>H_SZ << 3));
  return (8.0 / 15.0) * Es * a * delta * delta + 0.5 * kt * (sx * sx + sy * sy + sz * sz);
}

export function contactEnergy(): f64 {
  let e = 0.0;
  const n = count;
  for (let i = 0; i < n; i++) {
    const ri = ldf(RAD, i), mi = ldi(MAT, i) * MAX_MATERIALS;
    for (let k = ldi(NB_START, i); k < ldi(NB_START, i + 1); k++) {
      const j = ldi(NB_J, k);
      const dx = minImage(ldf(PX, i) - ldf(PX, j), lx), dy = minImage(ldf(PY, i) - ldf(PY, j), ly);
      const dz = ldf(PZ, i) - ldf(PZ, j);
      const rj = ldf(RAD, j);
      const delta = ri + rj - Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (delta > 0.0) e += pairEnergy(delta, ri * rj / (ri + rj), mi + ldi(MAT, j), NB_H + (<usize>k * <usize>HIST_STRIDE << 3));
    }
    const z = ldf(PZ, i);
    if (ri - z > 0.0) e += pairEnergy(ri - z, ri, mi + collectorMat, WHIST + (<usize>(i * 2) * <usize>HIST_STRIDE << 3));
    if (platenMode != PLATEN_ABSENT && z + ri - platenZ > 0.0)
      e += pairEnergy(z + ri - platenZ, ri, mi + platenMat, WHIST + (<usize>(i * 2 + 1) * <usize>HIST_STRIDE << 3));
  }
  return e;
}
