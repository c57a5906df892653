// Seeded PRNG of the kMC module (SplitMix64, Steele, Lea & Flood, OOPSLA 2014): the same generator as
// the DEM core's assembly/rng.ts, kept as its own copy so the kMC module builds and versions apart.
// Bit-identical on every wasm host, which is what Node/browser determinism needs.
let state: u64 = 0x9E3779B97F4A7C15;
export function seed(s: u64): void { state = s ^ 0x9E3779B97F4A7C15; }
export function nextU64(): u64 {
  state += 0x9E3779B97F4A7C15;
  let z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  return z ^ (z >> 31);
}
/** Uniform in [0, 1) with 53 random bits. */
@inline export function uniform(): f64 { return <f64>(nextU64() >> 11) * (1.0 / 9007199254740992.0); }
/** Uniform in (0, 1]: safe for −ln(u). */
@inline export function uniformOpen(): f64 { return 1.0 - uniform(); }
