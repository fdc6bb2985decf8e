import { options, slugRule, type FieldSpec } from '../../platform/http/forms.ts';
import { frequencies, geographyLevels, polarities, rateDenominators, targetKinds } from './measures.tables.ts';

export const polarityLabels: Record<string, string> = { higher_is_better: 'Higher is better', lower_is_better: 'Lower is better', neutral: 'Neither (context only)' };
export const frequencyLabels: Record<string, string> = { month: 'Monthly', quarter: 'Quarterly', year: 'Yearly (calendar year)', financial_year: 'Yearly (financial year)', ad_hoc: 'When available' };
export const geographyLabels: Record<string, string> = { force_area: 'Force area', local_authority: 'Local authority', lsoa: 'LSOA', hotspot: 'Hotspot' };
export const targetKindLabels: Record<string, string> = {
  absolute: 'Reach a value',
  relative_percent: 'Change by a percentage of the baseline',
  percentage_points: 'Change by percentage points',
  monitor_only: 'No target: monitor only',
};

export const measureFields: FieldSpec[] = [
  { name: 'title', label: 'Title', kind: 'text', required: true, maxLength: 200 },
  { name: 'slug', label: 'Short name for web addresses', kind: 'text', required: true, maxLength: 80, hint: 'Lower-case letters, numbers and hyphens', pattern: slugRule },
  { name: 'definition', label: 'Definition', kind: 'textarea', hint: 'What is counted, plainly' },
  { name: 'unit', label: 'Unit', kind: 'text', maxLength: 100, hint: 'For example: per cent of victims, crimes per 1,000 residents' },
  { name: 'polarity', label: 'Which direction is better', kind: 'select', required: true, options: options(polarities, (p) => polarityLabels[p] ?? p) },
  { name: 'frequency', label: 'How often it is reported', kind: 'select', required: true, options: options(frequencies, (f) => frequencyLabels[f] ?? f) },
  { name: 'geography', label: 'Geography', kind: 'select', required: true, options: options(geographyLevels, (g) => geographyLabels[g] ?? g) },
  { name: 'source', label: 'Source of the data', kind: 'text', maxLength: 300 },
  { name: 'dataNeeded', label: 'Data needed', kind: 'textarea', hint: 'Shown while there is no data: what data would let the office report this, and who holds it' },
  { name: 'interpretation', label: 'How the plan was interpreted', kind: 'textarea', hint: 'Optional' },
  { name: 'decimals', label: 'Decimal places to show', kind: 'number', min: 0, max: 4 },
  { name: 'rateBase', label: 'Rate per', kind: 'number', min: 1, max: 1_000_000, hint: 'Optional. For a rate, like 1000 for "per 1,000": uploads may then give the numerator only' },
  {
    name: 'rateDenominator',
    label: 'Rate denominator',
    kind: 'select',
    options: options(rateDenominators, (d) => (d === 'population' ? "The place's population for that year" : "The observation's own denominator")),
  },
  { name: 'position', label: 'Order', kind: 'number', min: 0, max: 1000 },
];

export const baselineFields: FieldSpec[] = [
  { name: 'placeCode', label: 'Place code', kind: 'text', required: true, maxLength: 20, hint: 'The ONS GSS code, like E23000026 for the force area' },
  { name: 'value', label: 'Baseline value', kind: 'number', hint: 'Leave empty if there is no baseline yet' },
  { name: 'period', label: 'Baseline period', kind: 'text', maxLength: 100, hint: 'For example, 2023 or January to September 2024' },
  { name: 'asWritten', label: 'As written in the plan', kind: 'textarea', maxLength: 2000 },
];

export const targetFields: FieldSpec[] = [
  { name: 'kind', label: 'Kind of target', kind: 'select', required: true, options: options(targetKinds, (k) => targetKindLabels[k] ?? k) },
  { name: 'value', label: 'Value', kind: 'number', hint: 'The value to reach, or the change (+10, -50). Empty for monitor only' },
  { name: 'byDate', label: 'By date', kind: 'date' },
  { name: 'asWritten', label: 'As written in the plan', kind: 'textarea', maxLength: 2000 },
];

export const observationFields: FieldSpec[] = [
  { name: 'period', label: 'Period', kind: 'text', required: true, maxLength: 20, hint: 'A month (2024-03), quarter (2024-Q1), year (2024) or financial year (2024-25)' },
  { name: 'place_code', label: 'Place code', kind: 'text', required: true, maxLength: 20, hint: 'The ONS GSS code, like E06000055' },
  { name: 'value', label: 'Value', kind: 'text', maxLength: 40, hint: 'Leave empty only with the marker c (suppressed) or x (not available)' },
  { name: 'numerator', label: 'Numerator (optional)', kind: 'text', maxLength: 40 },
  { name: 'denominator', label: 'Denominator (optional)', kind: 'text', maxLength: 40 },
  { name: 'marker', label: 'Marker (optional)', kind: 'text', maxLength: 20, hint: 'p provisional, r revised, c suppressed, x not available, e estimated' },
  { name: 'note', label: 'Note (optional)', kind: 'textarea', maxLength: 1000 },
];

export const processChangeFields: FieldSpec[] = [
  { name: 'period', label: 'From period', kind: 'text', required: true, maxLength: 20, hint: 'The first period under the new process, like 2024-04' },
  { name: 'reason', label: 'What changed', kind: 'textarea', required: true, maxLength: 2000, hint: 'For example: new crime recording rules from April 2024' },
];
