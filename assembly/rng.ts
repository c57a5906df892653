// Seeded PRNG (SplitMix64, Steele et al. 2014): tiny, fast, and bit-identical on every wasm host,
// which is what determinism across Node and browsers needs (Math.random is never used).
let state: u64 = 0x9E3779B97F4A7C15;
export function seed(s: u64): void { state = s ^ 0x9E3779B97F4A7C15; }
export function rngState(): u64 { return state; }
export function setRngState(s: u64): void { state = s; }
export function nextU64(): u64 {
  state += 0x9E3779B97F4A7C15;
  let z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  return z ^ (z >> 31);
}
/** Uniform in [0, 1) with 53 random bits. */
export function uniform(): f64 { return <f64>(nextU64() >> 11) * (1.0 / 9007199254740992.0); }
