// PSD presets: the three graphite grades of Sung et al., "Highly densified fracture-free silicon-
// based electrode…", Batteries & Supercaps (2022), doi:10.1002/batt.202200136 (D50 = 19, 14 and
// 11 µm, their Figs. S1–S2 and Table S1), the paper's narrow SiG (the small grade, Si-coated: the
// 15 nm Si layer does not change the PSD, their Table S2) and its wide blend WD-SiG.
//
// Spreads [E]: the paper's Table S1 (D10/D90 of each grade) was not available to us, so the spans
// are engineering estimates in the range of commercial spheroidised graphite anode grades,
// span = (D90 − D10)/D50 ≈ 1.0–1.3, ordered so that the finest grade is the widest. That ordering
// matches the paper's finding that the small grade packs densest of the three (its tap density):
// packing is scale-free, so only a wider relative spread can make it pack better (Farr–Groot
// φ ≈ 0.682 / 0.688 / 0.694 for the large / medium / small grade). Replace them with the measured
// tables ('table' PSDs, parsePsdCsv) when you have them.
//
// WD-SiG: 50 % large + 50 % small grade by volume: the blend the paper's DEM ternary map found
// densest (its Fig. 2a); the SEM shows particles "from 4 µm to almost 50 µm" (their Fig. 2c), which
// this blend spans (0.5–99.5 % volume quantiles ≈ 3.9–45 µm before the size-ratio-10 cut).
import type { LognormalPsd, PsdSpec } from './types';

export interface PsdPreset {
  title: string;
  description: string;
  spec: PsdSpec;
}

/** A log-normal grade from D50 (µm) and span (dimensionless). */
export function lognormalGrade(d50_um: number, span: number): LognormalPsd {
  return { kind: 'lognormal', d50: d50_um * 1e-6, span };
}

/** Span estimates [E] (see the header): large, medium, small grade. */
export const GRADE_SPAN = Object.freeze({ large: 1.0, medium: 1.1, small: 1.2 });

const large = lognormalGrade(19, GRADE_SPAN.large);
const medium = lognormalGrade(14, GRADE_SPAN.medium);
const small = lognormalGrade(11, GRADE_SPAN.small);

const PAPER = 'Sung et al., Batteries & Supercaps 2022 (doi:10.1002/batt.202200136)';

/** The registry the GUI and the tests iterate (insertion order = display order). */
export const psdPresets: ReadonlyMap<string, PsdPreset> = new Map<string, PsdPreset>([
  ['graphite-large-19', {
    title: 'Graphite, large (D50 19 µm)',
    description: `Large commercial graphite grade of ${PAPER}: log-normal, D50 = 19 µm, span 1.0 (σ = 0.376; estimated, the paper's Table S1 was not available).`,
    spec: large,
  }],
  ['graphite-medium-14', {
    title: 'Graphite, medium (D50 14 µm)',
    description: `Medium graphite grade of ${PAPER}: log-normal, D50 = 14 µm, span 1.1 (σ = 0.410; estimated).`,
    spec: medium,
  }],
  ['graphite-small-11', {
    title: 'Graphite, small (D50 11 µm)',
    description: `Small graphite grade of ${PAPER}: log-normal, D50 = 11 µm, span 1.2 (σ = 0.444; estimated). The paper found it packs densest of the three grades.`,
    spec: small,
  }],
  ['small-graphite-narrow', {
    title: 'SiG: small graphite, narrow PSD',
    description: `The paper's SiG: Si-coated small graphite (the 15 nm Si layer leaves the PSD unchanged), i.e. the D50 = 11 µm grade. Narrow compared with WD-SiG; stress concentrates under calendering (${PAPER}, Fig. 3a).`,
    spec: small,
  }],
  ['wd-sig-wide', {
    title: 'WD-SiG: wide blend (≈ 4–50 µm)',
    description: `The paper's WD-SiG: 50 % large (D50 19 µm) + 50 % small (D50 11 µm) graphite by volume, the densest blend of its DEM map; particles from ~4 to ~50 µm (cut to a size ratio of 10 for the neighbour search) (${PAPER}, Fig. 2).`,
    spec: { kind: 'blend', components: [{ volumeFraction: 0.5, psd: large }, { volumeFraction: 0.5, psd: small }] },
  }],
]);
