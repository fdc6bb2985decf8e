// Turns a measure and its data into what the measure page (and board packs, later) show.
import { renderLineChart, seriesSwatch, type ChartReference, type ChartTarget } from '../../ui/line-chart/line-chart.ts';
import { classificationStyle, renderSpcChart, shape, sharedDomain, type SpcChartInput } from '../../ui/spc-chart/spc-chart.ts';
import { allowedMarkers, ruleLabels, type MeasureStatus, type SeriesStatus } from '../measures/index.ts';
import type { Measure, MeasuresService } from '../measures/index.ts';
import { describeTarget } from '../measures/index.ts';
import { frequencyLabels, geographyLabels, polarityLabels, targetKindLabels } from '../measures/index.ts';

type Detail = Awaited<ReturnType<MeasuresService['detail']>>;

function spcInput(measure: Measure, s: SeriesStatus, id: string, title: string): SpcChartInput {
  const segments = s.spc.segments
    .filter((seg) => seg.limits)
    .map((seg) => ({
      fromDate: s.points[seg.start]?.date ?? '',
      toDate: s.points[seg.end - 1]?.date ?? '',
      mean: seg.limits?.mean ?? 0,
      upper: seg.limits?.upperProcessLimit ?? 0,
      lower: seg.limits?.lowerProcessLimit ?? 0,
    }));
  return {
    id,
    title,
    unit: measure.unit,
    decimals: measure.decimals,
    points: s.points.map((p, i) => {
      const spcPoint = s.spc.points[i];
      return { period: p.period, date: p.date, value: p.value, markers: p.markers, classification: spcPoint?.classification ?? 'common', rules: (spcPoint?.rules ?? []).map((r) => ruleLabels[r]) };
    }),
    segments,
    trajectory: s.trajectory,
    forecast: s.status.forecast,
  };
}

/** What the statistics say, for the page: words first, then the charts and their tables. */
export function presentStatus(measure: Measure, status: MeasureStatus | null) {
  if (!status) return null;
  const headline = status.headline ?? (status.series.length === 1 ? status.series[0] : null) ?? null;
  const charts = status.series.filter((s) => s.points.length >= 2);
  const inputs = charts.map((s) => spcInput(measure, s, `spc-${measure.slug}-${s.placeCode}`, `${measure.title}: ${s.placeName}`));
  const domain = sharedDomain(inputs);
  const multiples = charts.length > 1 ? inputs.map((input, i) => ({ name: charts[i]?.placeName ?? '', svg: renderSpcChart({ ...input, yDomain: domain, width: 360, height: 240 }) })) : [];
  const headlineInput = headline && headline.points.length >= 2 ? inputs[charts.indexOf(headline)] : null;
  const table = (s: SeriesStatus) =>
    s.points.map((p, i) => {
      const point = s.spc.points[i];
      const segment = point ? s.spc.segments[point.segment] : undefined;
      return {
        period: p.period,
        value: p.value,
        markers: p.markers,
        mean: segment?.limits?.mean ?? null,
        lower: segment?.limits?.lowerProcessLimit ?? null,
        upper: segment?.limits?.upperProcessLimit ?? null,
        signal: point && point.classification !== 'common' ? `${point.classification === 'improvement' ? 'Improvement' : point.classification === 'concern' ? 'Concern' : 'Special cause'}: ${point.rules.map((r) => ruleLabels[r]).join('; ')}` : 'Common cause',
      };
    });
  return {
    headline,
    key: Object.values(classificationStyle).map((style) => ({
      label: style.label,
      swatch: `<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">${shape(style.shape, 8, 8, style.colour)}</svg>`,
    })),
    series: status.series,
    chart: headlineInput ? renderSpcChart(headlineInput) : '',
    multiples,
    tables: status.series.map((s) => ({ placeName: s.placeName, rows: table(s), spc: s.spc })),
    attentionReasons: status.attentionReasons,
  };
}

export function presentMeasure(measure: Measure, detail: Detail, options: { planStart: string | null; status?: MeasureStatus | null }) {
  const seriesNames = new Map(detail.series.map((s) => [s.placeCode, s.placeName]));
  const baselineRefs: ChartReference[] = detail.baselines
    .filter((b) => b.value !== null)
    .map((b) => ({
      label: `Baseline, ${b.placeName}${b.period ? ` (${b.period})` : ''}`,
      value: b.value as number,
      ...(detail.baselines.length > 1 && seriesNames.has(b.placeCode) ? { seriesName: b.placeName } : {}),
    }));
  const mainBaseline = detail.baselines[0]?.value ?? null;
  const chartTargets: ChartTarget[] = detail.targets
    .filter((t) => t.resolvedValue !== null)
    .map((t) => ({ label: `Target: ${t.asWritten || describeTarget(t, measure.unit)}`, value: t.resolvedValue as number, byDate: t.byDate, fromValue: mainBaseline }));
  const chart = detail.hasData
    ? renderLineChart({
        id: `chart-${measure.slug}`,
        title: measure.title,
        unit: measure.unit,
        decimals: measure.decimals,
        series: detail.series.map((s) => ({ name: s.placeName, points: s.points })),
        baselines: baselineRefs,
        targets: chartTargets,
        startDate: options.planStart,
      })
    : '';
  // One row per period, one column per place: the chart's data in a table.
  const periods = new Map<string, { period: string; start: string }>();
  for (const s of detail.series) for (const p of s.points) periods.set(p.period, { period: p.period, start: p.periodStart });
  const tableRows = [...periods.values()]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map(({ period }) => ({
      period,
      cells: detail.series.map((s) => {
        const p = s.points.find((q) => q.period === period);
        return p ? { value: p.value, markers: p.markers, note: p.note } : null;
      }),
    }));
  const usedMarkers = [...new Set(detail.series.flatMap((s) => s.points.flatMap((p) => p.markers)))].sort();
  const latestText = detail.latest.map(
    (l) => `${l.placeName}: ${l.value?.toLocaleString('en-GB', { maximumFractionDigits: measure.decimals })} ${measure.unit} in ${l.period}${l.markers.length ? ` [${l.markers.join('][')}]` : ''}`,
  );
  return {
    measure,
    labels: {
      polarity: polarityLabels[measure.polarity] ?? measure.polarity,
      frequency: frequencyLabels[measure.frequency] ?? measure.frequency,
      geography: geographyLabels[measure.geography] ?? measure.geography,
    },
    baselines: detail.baselines,
    targets: detail.targets.map((t) => ({ ...t, kindLabel: targetKindLabels[t.kind] ?? t.kind, described: describeTarget(t, measure.unit) })),
    series: detail.series,
    hasData: detail.hasData,
    latest: detail.latest,
    summary: detail.hasData
      ? `Latest: ${latestText.join('; ')}.`
      : 'No data yet.',
    chart,
    seriesKey: detail.series.map((s, index) => ({ name: s.placeName, swatch: seriesSwatch(index) })),
    hasChartTargets: chartTargets.length > 0,
    tableRows,
    markerKey: usedMarkers.map((m) => ({ marker: m, meaning: allowedMarkers[m] ?? m })),
    status: presentStatus(measure, options.status ?? null),
  };
}

export type MeasureView = ReturnType<typeof presentMeasure>;
