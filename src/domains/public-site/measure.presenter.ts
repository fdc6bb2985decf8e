// Turns a measure and its data into what the measure page (and board packs, later) show.
import { renderLineChart, seriesSwatch, type ChartReference, type ChartTarget } from '../../ui/line-chart/line-chart.ts';
import { allowedMarkers } from '../measures/index.ts';
import type { Measure, MeasuresService } from '../measures/index.ts';
import { describeTarget } from '../measures/index.ts';
import { frequencyLabels, geographyLabels, polarityLabels, targetKindLabels } from '../measures/index.ts';

type Detail = Awaited<ReturnType<MeasuresService['detail']>>;

export function presentMeasure(measure: Measure, detail: Detail, options: { planStart: string | null }) {
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
  };
}

export type MeasureView = ReturnType<typeof presentMeasure>;
