// What the crime pages show: the monthly series with its SPC judgement (the measures' statistics,
// reused as they are), the tables beside each chart, and the words around them.
import { renderLineChart } from '../../../ui/line-chart/line-chart.ts';
import { classificationStyle, renderSpcChart, shape } from '../../../ui/spc-chart/spc-chart.ts';
import { computeMeasureStatus, ruleLabels, variationDescriptions, type SeriesStatus } from '../../measures/index.ts';
import type { AreaReport, StopSearchSummary } from './crime-analysis.service.ts';
import { allCrime, chargedOrSummonsedOutcomes } from './crime-types.ts';
import { levelLabels, levelPlurals, type Population } from './geography.ts';

const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
export const monthStart = (month: string) => `${month}-01`;
export const monthEnd = (month: string) => `${month}-${String(lastDay(month)).padStart(2, '0')}`;
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const monthLabel = (month: string) => `${monthNames[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`;

/** The SPC judgement of a monthly count series: fewer recorded crimes counts as improvement. */
export function monthlySpc(placeCode: string, placeName: string, monthly: { month: string; crimes: number }[]): SeriesStatus | null {
  if (!monthly.length) return null;
  const status = computeMeasureStatus({
    measure: { id: 0, polarity: 'lower_is_better' },
    baselines: [],
    targets: [],
    series: [
      {
        placeCode,
        placeName,
        points: monthly.map((m) => ({ period: m.month, periodStart: monthStart(m.month), periodEnd: monthEnd(m.month), value: m.crimes, numerator: null, denominator: null, markers: [], note: '' })),
      },
    ],
    processChanges: [],
    planStart: monthStart(monthly[0]?.month ?? '2000-01'),
    forceAreaCode: placeCode,
    today: monthEnd(monthly.at(-1)?.month ?? '2000-01'),
  });
  return status.series[0] ?? null;
}

export function describePopulation(population: Population | null, gap: string): string {
  if (!population) return `No rate: ${gap}.`;
  const figure = population.value.toLocaleString('en-GB');
  return population.basis === 'own'
    ? `Rates per 1,000 residents use the area’s own population, ${figure} (${population.year}, ${population.source}).`
    : `Rates per 1,000 residents use the sum of its LSOAs’ populations, ${figure} (${population.year}, ${population.source}).`;
}

export function presentArea(report: AreaReport, options: { title: string; populationGap: string }) {
  const { area, type } = report;
  const typeLabel = type === allCrime ? 'All crime (every type except anti-social behaviour)' : type;
  const spc = monthlySpc(area.code, area.name, report.monthly);
  const chartTitle = `${type} recorded each month, ${area.name}`;
  const chart =
    spc && spc.points.length >= 2
      ? renderSpcChart({
          id: 'crime-monthly-spc',
          title: chartTitle,
          unit: 'crimes',
          decimals: 0,
          points: spc.points.map((p, i) => {
            const point = spc.spc.points[i];
            return { period: p.period, date: p.date, value: p.value, markers: p.markers, classification: point?.classification ?? 'common', rules: (point?.rules ?? []).map((r) => ruleLabels[r]) };
          }),
          segments: spc.spc.segments
            .filter((seg) => seg.limits)
            .map((seg) => ({ fromDate: spc.points[seg.start]?.date ?? '', toDate: spc.points[seg.end - 1]?.date ?? '', mean: seg.limits?.mean ?? 0, upper: seg.limits?.upperProcessLimit ?? 0, lower: seg.limits?.lowerProcessLimit ?? 0 })),
          trajectory: null,
          forecast: null,
        })
      : '';
  const monthlyRows = report.monthly.map((m, i) => {
    const point = spc?.spc.points[i];
    const segment = point ? spc?.spc.segments[point.segment] : undefined;
    return {
      month: m.month,
      label: monthLabel(m.month),
      crimes: m.crimes,
      ratePer1000: m.ratePer1000,
      mean: segment?.limits?.mean ?? null,
      lower: segment?.limits?.lowerProcessLimit ?? null,
      upper: segment?.limits?.upperProcessLimit ?? null,
      signal: point && point.classification !== 'common' ? `${point.classification === 'improvement' ? 'Improvement' : point.classification === 'concern' ? 'Concern' : 'Special cause'}: ${point.rules.map((r) => ruleLabels[r]).join('; ')}` : 'Common cause',
    };
  });
  const total = report.monthly.reduce((s, m) => s + m.crimes, 0);
  return {
    title: options.title,
    typeLabel,
    total,
    totalRate: report.typeRows.find((t) => t.crimeType === type)?.ratePer1000 ?? null,
    populationText: describePopulation(report.population, options.populationGap),
    spc,
    variationDescription: spc?.spc.variation ? variationDescriptions[spc.spc.variation] : null,
    chart,
    chartTitle,
    key: Object.values(classificationStyle).map((style) => ({
      label: style.label,
      swatch: `<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">${shape(style.shape, 8, 8, style.colour)}</svg>`,
    })),
    monthlyRows,
    typeRows: report.typeRows,
    children: report.children.map((c) => ({ level: c.level, heading: levelPlurals[c.level].replace(/^./, (x) => x.toUpperCase()), label: levelLabels[c.level], rows: c.rows })),
    notPlaced: report.notPlaced,
    chargedOutcomes: chargedOrSummonsedOutcomes,
  };
}

export function presentStopSearch(summary: StopSearchSummary) {
  const chart =
    summary.byMonth.length >= 2
      ? renderLineChart({
          id: 'stop-search-monthly',
          title: 'Stop and search each month',
          unit: 'searches',
          decimals: 0,
          series: [{ name: 'Searches', points: summary.byMonth.map((m) => ({ period: m.label, periodStart: monthStart(m.label), periodEnd: monthEnd(m.label), value: m.count, markers: [] })) }],
          baselines: [],
          targets: [],
        })
      : '';
  const share = (count: number) => (summary.total ? count / summary.total : null);
  return {
    ...summary,
    chart,
    byMonth: summary.byMonth.map((m) => ({ ...m, monthLabel: monthLabel(m.label) })),
    byObject: summary.byObject.map((r) => ({ ...r, share: share(r.count) })),
    byOutcome: summary.byOutcome.map((r) => ({ ...r, share: share(r.count) })),
    byEthnicity: summary.byEthnicity.map((r) => ({ ...r, share: share(r.count) })),
  };
}
