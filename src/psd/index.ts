// Particle size distributions: specs, statistics and curves, seeded sampling, box sizing, the
// Farr–Groot packing estimate and presets. SI units (m) throughout. See docs/model.md §8–9.
export * from './types';
export { checkPsd, checkTruncation, assertPsd } from './validate';
export { compilePsd, CompiledPsd, psdStats, psdCurves, lognormalSigma, resolveTruncation, type PsdStats, type PsdCurves, type Percentiles, type TruncationReport } from './model';
export { sampleDiameters, volumeWeightedPercentile, type SampleOptions } from './sample';
export { countForBox, boxForCount, MIN_LATERAL_DIAMETERS, type BoxCount, type BoxSize, type BoxForCountOptions } from './box';
export { parsePsdCsv, tableToCsv, type CsvError, type CsvResult } from './csv';
export { farrGroot, jammingFraction, FARR_GROOT_F, type FarrGrootOptions, type FarrGrootResult } from './farr-groot';
export { psdPresets, lognormalGrade, GRADE_SPAN, type PsdPreset } from './presets';
