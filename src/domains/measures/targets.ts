import { formatDate } from '../../platform/views/format.ts';
import type { TargetKind } from './measures.tables.ts';

export interface TargetLike {
  kind: TargetKind;
  value: number | null;
  byDate: string | null;
}

/** The value a target asks for, in the measure's unit, or null when it cannot be known yet. */
export function resolveTargetValue(target: TargetLike, baseline: number | null): number | null {
  if (target.value === null) return null;
  switch (target.kind) {
    case 'absolute':
      return target.value;
    case 'relative_percent':
      return baseline === null ? null : baseline * (1 + target.value / 100);
    case 'percentage_points':
      return baseline === null ? null : baseline + target.value;
    case 'monitor_only':
      return null;
  }
}

export function describeTarget(target: TargetLike, unit: string): string {
  const v = target.value;
  const by = target.byDate ? ` by ${formatDate(target.byDate)}` : '';
  switch (target.kind) {
    case 'absolute':
      return `Reach ${[v, unit].filter((part) => part !== '' && part !== null).join(' ')}${by}`;
    case 'relative_percent':
      return `${v !== null && v >= 0 ? 'Increase' : 'Reduce'} by ${Math.abs(v ?? 0)}% on the baseline${by}`;
    case 'percentage_points':
      return `${v !== null && v >= 0 ? 'Increase' : 'Reduce'} by ${Math.abs(v ?? 0)} percentage points on the baseline${by}`;
    case 'monitor_only':
      return 'No target: monitored only';
  }
}
