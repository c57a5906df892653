// Physical constants for the interlayer model (SI; CODATA 2018 exact values where defined).
/** elementary charge, C (exact, SI 2019) */
export const ELEMENTARY_CHARGE = 1.602176634e-19;
/** Boltzmann constant, J/K (exact, SI 2019) */
export const BOLTZMANN = 1.380649e-23;
/** Faraday constant, C/mol (= N_A·e, exact) */
export const FARADAY = 96485.33212;
/**
 * Volume per Li atom in bcc Li, m³: a³/2 with a = 3.51 Å, equivalently M/(ρ·N_A) with M = 6.941 g/mol and
 * ρ = 0.534 g/cm³ (physics-reference §3.1; the brief's 1.3e-29 was a slip).
 */
export const OMEGA_LI = 2.16e-29;
/** 1 mA/cm² in A/m² */
export const MA_PER_CM2 = 10;
/** 1 mAh/cm² in C/m² (3.6 C/cm²) */
export const MAH_PER_CM2 = 36000;
