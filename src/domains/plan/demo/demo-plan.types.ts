// The shape of a plan as transcribed from a published Police and Crime Plan document.
// The seeder turns one of these into rows; nothing here is invented data: observations are absent
// on purpose, and a baseline is only given where the document states one.

export type Horizon = 'first_six_months' | 'rest_of_term';
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'neutral';
export type Frequency = 'month' | 'quarter' | 'year' | 'ad_hoc';
export type GeographyLevel = 'force_area' | 'local_authority' | 'lsoa' | 'hotspot';
export type MissionKind = 'mission' | 'foundation';

export type TargetKind =
  | 'absolute' // reach `value` (in the measure's unit) by `byDate`
  | 'relative_percent' // change the baseline by `value` per cent (e.g. +10, -50) by `byDate`
  | 'percentage_points' // change the baseline by `value` percentage points by `byDate`
  | 'monitor_only'; // no target: "measurable outcomes, not always as targets"

export interface DemoTarget {
  kind: TargetKind;
  value: number | null; // null only for monitor_only
  byDate: string | null; // ISO date, e.g. '2025-03-31'; null when the document gives no date
  asWritten: string; // the words of the plan, quoted
}

export interface DemoMeasure {
  slug: string; // url-safe, unique across the plan
  title: string;
  definition: string; // what is counted, plainly
  unit: string; // e.g. 'per cent of victims', 'cases', 'crimes per 1,000 residents'
  polarity: Polarity;
  frequency: Frequency;
  geography: GeographyLevel;
  source: string; // who supplies the data
  dataNeeded: string; // shown while there is no data yet: what data would let us report this
  baseline: {
    value: number | null; // null when the plan states no baseline
    period: string | null; // e.g. '2024', '2024-01 to 2024-09', 'calendar year 2023'
    placeCode: string | null; // GSS code where the baseline is for one place; null = force area
    asWritten: string; // the words of the plan, quoted, or 'No baseline stated in the plan'
  };
  /** Extra baselines by place (e.g. crimes per 1,000 by local authority). */
  placeBaselines?: { placeCode: string; value: number; period: string; asWritten: string }[];
  targets: DemoTarget[];
  interpretation: string | null; // how an ambiguous statement was read (e.g. points vs per cent)
  objectiveRef: string | null; // the objective this measures, by ref
  /** A rate: value = numerator / denominator × base, the denominator the place's population or the row's own. */
  rate?: { base: number; denominator: 'population' | 'observation' };
}

export interface DemoObjective {
  ref: string; // short and stable, e.g. 'PREV-1'
  text: string; // the commitment as written, starting with a verb ("work with partners to …")
  horizon: Horizon;
  dueDate: string | null; // ISO date
  owner: string; // who is accountable, e.g. 'PCC', 'Deputy PCC', 'Chief Constable (held to account by the PCC)'
}

export interface DemoMission {
  slug: string;
  kind: MissionKind; // the six missions, or a foundation (role of the PCC, value for money)
  title: string;
  summary: string; // one plain-English sentence
  purpose: string; // the mission's purpose in the plan's own words (a paragraph or two)
  lead: string; // e.g. 'PCC', 'Deputy PCC'
  objectives: DemoObjective[];
  measures: DemoMeasure[];
}

export interface DemoPlace {
  code: string; // GSS code
  name: string;
  type: 'force_area' | 'local_authority';
  parentCode: string | null;
  population: { year: number; value: number; source: string };
}

export interface DemoPlanDocument {
  office: { name: string; shortName: string; colourPrimary: string; colourSecondary: string };
  plan: {
    slug: string;
    title: string;
    subtitle: string;
    commissioner: string;
    periodStart: string;
    periodEnd: string;
    summary: string;
    sourceDocument: string;
  };
  stages: { name: string; periodStart: string; periodEnd: string; description: string }[];
  places: DemoPlace[];
  missions: DemoMission[];
}
