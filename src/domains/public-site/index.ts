// What other domains may use from the public site.
export { measureObservationsCsv, measureObservationsJson, measureSummaryJson } from './downloads.ts';
export { presentMeasure, type MeasureView } from './measure.presenter.ts';
export { createPageCache, noncePlaceholder, pageBytes, type PageCache } from './page-cache.ts';
