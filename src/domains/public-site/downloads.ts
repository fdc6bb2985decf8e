import { toCsv } from '../../platform/http/csv.ts';
import type { Measure, MeasuresService, Series } from '../measures/index.ts';

export const observationCsvHeader = ['measure', 'period', 'period_start', 'period_end', 'place_code', 'place_name', 'value', 'numerator', 'denominator', 'marker', 'note'];

export function measureObservationsCsv(measure: Measure, series: Series[]): string {
  const rows = series.flatMap((s) =>
    s.points.map((p) => [measure.slug, p.period, p.periodStart, p.periodEnd, s.placeCode, s.placeName, p.value, p.numerator, p.denominator, p.markers.map((m) => `[${m}]`).join(''), p.note]),
  );
  return toCsv(observationCsvHeader, rows);
}

export function measureSummaryJson(measure: Measure) {
  return {
    id: measure.id,
    slug: measure.slug,
    title: measure.title,
    definition: measure.definition,
    unit: measure.unit,
    polarity: measure.polarity,
    frequency: measure.frequency,
    geography: measure.geography,
    source: measure.source,
    interpretation: measure.interpretation,
  };
}

export function measureObservationsJson(measure: Measure, detail: Awaited<ReturnType<MeasuresService['detail']>>) {
  return {
    measure: measureSummaryJson(measure),
    baselines: detail.baselines.map((b) => ({ placeCode: b.placeCode, placeName: b.placeName, value: b.value, period: b.period, asWritten: b.asWritten })),
    targets: detail.targets.map((t) => ({ kind: t.kind, value: t.value, byDate: t.byDate, resolvedValue: t.resolvedValue, asWritten: t.asWritten })),
    observations: detail.series.flatMap((s) =>
      s.points.map((p) => ({ period: p.period, periodStart: p.periodStart, periodEnd: p.periodEnd, placeCode: s.placeCode, placeName: s.placeName, value: p.value, numerator: p.numerator, denominator: p.denominator, markers: p.markers, note: p.note })),
    ),
  };
}
