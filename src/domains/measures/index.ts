// What other domains may use from the measures domain.
export * from './measures.tables.ts';
export { baselineFields, processChangeFields, frequencyLabels, geographyLabels, measureFields, observationFields, polarityLabels, targetFields, targetKindLabels } from './measures.forms.ts';
export { createMeasuresService, type Measure, type MeasuresService, type Series } from './measures.service.ts';
export { allowedMarkers, readObservationsCsv, validateObservations, type InputProblem, type ObservationInput, type RawObservation } from './observation-input.ts';
export { parsePeriod } from './period.ts';
export { describeTarget, resolveTargetValue } from './targets.ts';
export { computeMeasureStatus, statusOrder, type MeasureStatus, type SeriesStatus } from './measure-status.ts';
export { assuranceDescriptions, classificationLabels, ruleLabels, targetStatusLabels, variationDescriptions, variationLabels } from './statistics/index.ts';
