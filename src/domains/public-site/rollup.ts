// Summaries of many measures' statuses: counts per status word and the measures needing attention
// first, for the home page, mission pages and the staff dashboard.
import { statusOrder, targetStatusLabels, type Measure, type MeasureStatus } from '../measures/index.ts';

export interface RollupItem {
  measure: Measure;
  status: MeasureStatus | undefined;
}

export function rollup(items: RollupItem[]) {
  const counts = statusOrder.map((word) => ({
    word,
    label: targetStatusLabels[word],
    count: items.filter((i) => (i.status?.headline?.status.status ?? (i.status?.series.length ? 'monitor_only' : 'not_enough_data')) === word).length,
  }));
  const rank = (i: RollupItem) => {
    const word = i.status?.headline?.status.status ?? 'not_enough_data';
    return statusOrder.indexOf(word) - (i.status?.needsAttention ? 10 : 0);
  };
  const attention = items
    .filter((i) => i.status?.needsAttention)
    .sort((a, b) => rank(a) - rank(b))
    .map((i) => ({ measure: i.measure, reasons: i.status?.attentionReasons ?? [], label: i.status?.headline?.statusLabel ?? null }));
  return { counts: counts.filter((c) => c.count > 0), attention, total: items.length };
}

export type Rollup = ReturnType<typeof rollup>;
