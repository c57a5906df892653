// The two planes bounding the periodic slab: the current collector at z = 0 (fixed) and the top
// platen at z = platenZ, which is fixed, moves at a set velocity, or is servo-controlled to hold
// a set pressure. Forces on the planes are summed in forces.ts; pressures are force / (lx·ly).
import { lx, ly, dt } from "./state";

export const PLATEN_FIXED: i32 = 0;
export const PLATEN_VELOCITY: i32 = 1;
export const PLATEN_SERVO: i32 = 2;
export const PLATEN_ABSENT: i32 = 3;   // no top wall (open box)

export let collectorMat: i32 = 0;
export let platenMat: i32 = 0;
export let platenMode: i32 = PLATEN_ABSENT;
export let platenZ: f64 = 1.0;         // m
export let platenV: f64 = 0.0;         // m/s, +z up
export let servoPressure: f64 = 0.0;   // Pa, target
export let servoVmax: f64 = 0.0;       // m/s, speed limit of the servo
export let servoGain: f64 = 0.0;       // (m/s)/Pa
export let servoTi: f64 = 0.0;         // s, integral time of the servo (0 = proportional only)
export let servoVi: f64 = 0.0;         // m/s, integral part of the servo speed
/** Integral time (s) of the servo, 0 = off (the default); resets the integral. Not in snapshots. */
export function setServoIntegral(ti: f64): void { servoTi = ti; servoVi = 0.0; }

// forces on the planes from the last force evaluation (N, along +z for the collector's push on
// the particles = force on the collector downward; for the platen, the force pushing it up)
export let collectorForce: f64 = 0.0;
export let platenForce: f64 = 0.0;
export let platenWork: f64 = 0.0;      // J, Σ |F·v dt| done by the moving platen (energy budget)

export function setWallMaterials(collector: i32, platen: i32): void { collectorMat = collector; platenMat = platen; }
export function setPlaten(mode: i32, z: f64, v: f64): void { platenMode = mode; platenZ = z; platenV = v; }
/** Servo: downward speed gain·(p* − p), clamped to ±vmax; gain ≤ 0 picks 10·vmax/p* (full speed
 * below 0.9 p*): a proportional controller lags a creeping bed by v_creep/gain, so the gain is
 * high, and movePlaten caps it by the contact stiffness so it never chatters. */
export function setServo(pressure: f64, vmax: f64, gain: f64): void {
  platenMode = PLATEN_SERVO; servoPressure = pressure; servoVmax = vmax;
  servoGain = gain > 0.0 ? gain : 10.0 * vmax / pressure;
}
export function area(): f64 { return lx * ly; }
export function collectorPressure(): f64 { return collectorForce / (lx * ly); }
export function platenPressure(): f64 { return platenForce / (lx * ly); }

/** Moves the platen over one timestep (called between the position update and the force pass). */
export function movePlaten(): void {
  if (platenMode == PLATEN_SERVO) {
    // Stability: moving the platen by x changes its force by ≈ K·x (K = Σ S_n of its contacts, a
    // stiff upper bound of the bed's response), so a gain above 1/(K·dt/A) overshoots within one
    // step and the platen chatters. Cap the gain so the error needs ≥ 20 steps to be corrected.
    let g = servoGain;
    if (platenStiffness > 0.0) g = Math.min(g, 0.05 * lx * ly / (platenStiffness * dt));
    // The contact dashpots answer a platen speed change at once, ΔF = Γ Δv (Γ = Σ γ_n of its
    // contacts): with g Γ/A ≥ 1 the speed flips sign every step (a two-step chatter that only the
    // speed limit bounds; seen when a growing bed drives the platen at tens of m/s). Keep g Γ/A ≤ 0.5.
    if (platenDamping > 0.0) g = Math.min(g, 0.5 * lx * ly / platenDamping);
    let v = g * (servoPressure - platenPressure());   // pressure too low → move down
    if (servoTi > 0.0) {
      // integral action (optional): a bed that keeps growing needs a steady platen speed, which a
      // proportional servo only gets from a steady pressure error v/g; the integral supplies it
      servoVi += v * dt / servoTi;
      if (servoVi > servoVmax) servoVi = servoVmax; else if (servoVi < -servoVmax) servoVi = -servoVmax;
      v += servoVi;
    }
    if (v > servoVmax) v = servoVmax; else if (v < -servoVmax) v = -servoVmax;
    platenV = -v;
  } else if (platenMode != PLATEN_VELOCITY) {
    platenV = 0.0;
  }
  if (platenMode != PLATEN_ABSENT) {
    platenZ += platenV * dt;
    platenWork += Math.abs(platenForce * platenV * dt);
  }
}
export let platenStiffness: f64 = 0.0;  // N/m, Σ S_n of the platen's contacts
export let platenDamping: f64 = 0.0;    // N·s/m, Σ γ_n of the platen's contacts
export function setWallForces(fc: f64, fp: f64, kp: f64): void { collectorForce = fc; platenForce = fp; platenStiffness = kp; }
export function setPlatenDamping(g: f64): void { platenDamping = g; }
export function resetPlatenWork(): void { platenWork = 0.0; }
export function restorePlaten(mode: i32, z: f64, v: f64, sp: f64, svm: f64, sg: f64, work: f64, cf: f64, pf: f64, kp: f64): void {
  platenMode = mode; platenZ = z; platenV = v; servoPressure = sp; servoVmax = svm; servoGain = sg;
  platenWork = work; collectorForce = cf; platenForce = pf; platenStiffness = kp;
}
