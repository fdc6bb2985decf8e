// Plan measures that take their observations from a partner dataset: a feed names a dataset, one of
// its count or number columns and how to aggregate it over each of the measure's places —
//   sum:  the column summed over the dataset's places under the measure's place (its LSOAs, or the
//         place itself when the dataset is at the measure's level);
//   mean: that sum divided by the number of those places with a value for the period;
//   rate: that sum per N residents of the measure's place (N = the measure's own rate base, else
//         perPopulation, 1,000 by default), the population from the places service.
// Dataset periods (month, quarter, year) are the measure's periods as they are: a measure reported
// at another frequency cannot take the feed (refused when attaching, and reported at refresh if the
// measure was changed since).
//
// Which data: the CURRENT submissions of every submitting organisation (submission_periods not
// superseded); where two organisations sent a row for the same place and period, the later
// submission's, exactly as the place profiles read it.
//
// Disclosure: a plan measure is shown to everyone, and nobody but a dataset's owner ever sees its
// raw counts (public datasets too have their rule applied for anonymous visitors), so the dataset's
// rule is applied to every value a feed stores from a COUNT column, whatever the dataset's
// sensitivity. The decision is the place profiles' own (discloseTree over the same tree of places:
// primary suppression, secondary suppression, rounding), so the value a measure shows for a place is
// the value that place's profile shows, and no page shows a number another hides. A suppressed
// value is stored with no value and the marker [c]; a mean or rate is worked out from the value as
// published (rounded), never from the raw count, so the raw count cannot be recovered from it.
// Number columns carry no disclosure rule (disclosure.ts applies to counts only) and are used as sent.
//
// Access: a feed reads the dataset as the office organisation of the editor who attached it; when
// that organisation may no longer see the dataset (an agreement ended) a refresh stores nothing and
// says why. Each refresh's read is audited in the transaction that reads, with the agreement that
// allowed it; attaching and detaching are audited too. Writes go through the measures service, which
// keeps every superseded value and changes nothing when a value is unchanged.
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import { queryRows, type Db, type DbOrTx } from '../../platform/db/database.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { measureFeeds, parsePeriod, validateObservations, type Measure, type MeasureFeedKind, type MeasuresService, type RawObservation } from '../measures/index.ts';
import { places, type PlacesService, type PopulationOf } from '../places/index.ts';
import { plans } from '../plan/plan.tables.ts';
import { accessibleDatasets, resolveAccess, type Viewer } from './access.ts';
import { datasetColumns, datasets, type ColumnType, type DatasetGeographyLevel, type PeriodType } from './datahub.tables.ts';
import type { DisclosureRule } from './disclosure.ts';
import { discloseTree } from './profiles.tree.ts';

export const datasetFeedKind = 'partner-dataset' satisfies MeasureFeedKind;
export const feedAggregates = ['sum', 'mean', 'rate'] as const;
export type FeedAggregate = (typeof feedAggregates)[number];
export const aggregateLabels: Record<FeedAggregate, string> = {
  sum: 'Sum over the places',
  mean: 'Mean over the places',
  rate: 'Rate per residents (the sum over the population)',
};

export interface DatasetFeedOptions {
  datasetId: number;
  columnName: string;
  aggregate: FeedAggregate;
  /** For rate: per how many residents. */
  perPopulation: number | null;
  /** The organisation the feed reads the dataset as (the attaching editor's), and who attached it. */
  organisationId: number | null;
  attachedByUserId: number | null;
}

export interface DatasetFeedRefresh {
  measureId: number;
  title: string;
  datasetId: number;
  /** When it ran (ISO). */
  at: string;
  periods: number;
  added: number;
  revised: number;
  unchanged: number;
  /** Values stored as [c] (suppressed by the dataset's disclosure rule). */
  suppressed: number;
  /** Why nothing or not everything could be written, in words. */
  problems: string[];
}

export interface DatasetFeed extends DatasetFeedOptions {
  measureId: number;
  createdAt: Date;
  createdByLabel: string;
  lastRefresh: DatasetFeedRefresh | null;
}

// Coarser levels rank higher: a measure takes data at its own level or finer.
const datasetLevelRank: Record<DatasetGeographyLevel, number> = { lsoa: 0, ward: 1, local_authority: 2, csp: 3, force_area: 4 };
const measureLevelRank: Record<string, number> = { lsoa: 0, local_authority: 2, force_area: 4 };
const levelWords: Record<string, string> = { lsoa: 'LSOA', ward: 'ward', local_authority: 'local authority', csp: 'community safety partnership', force_area: 'force area', hotspot: 'hotspot' };
const levelPlural: Record<string, string> = { lsoa: 'LSOAs', ward: 'wards', local_authority: 'local authorities', csp: 'community safety partnerships', force_area: 'force areas' };
const periodWords: Record<string, string> = { month: 'month', quarter: 'quarter', year: 'calendar year', financial_year: 'financial year', ad_hoc: 'no fixed period' };

const numeric = (t: ColumnType) => t === 'count' || t === 'number';

function optionsOf(raw: Record<string, unknown>): DatasetFeedOptions | null {
  const datasetId = Number(raw.datasetId);
  const aggregate = raw.aggregate as FeedAggregate;
  if (!Number.isInteger(datasetId) || typeof raw.columnName !== 'string' || !feedAggregates.includes(aggregate)) return null;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return { datasetId, columnName: raw.columnName, aggregate, perPopulation: num(raw.perPopulation), organisationId: num(raw.organisationId), attachedByUserId: num(raw.attachedByUserId) };
}

/** The aggregate in words, e.g. "sum of Referrals received over LSOAs". */
export function describeAggregate(aggregate: FeedAggregate, columnLabel: string, datasetLevel: string, perPopulation: number | null): string {
  const over = levelPlural[datasetLevel] ?? datasetLevel;
  if (aggregate === 'sum') return `sum of ${columnLabel} over ${over}`;
  if (aggregate === 'mean') return `mean of ${columnLabel} over ${over}`;
  return `${columnLabel} per ${(perPopulation ?? 1000).toLocaleString('en-GB')} residents`;
}

interface FeedTarget {
  measure: Pick<Measure, 'frequency' | 'geography' | 'rateBase'>;
  dataset: { name: string; periodType: PeriodType; geographyLevel: DatasetGeographyLevel };
  column: { name: string; label: string; type: ColumnType } | null;
  aggregate: FeedAggregate;
  perPopulation: number | null;
}

/** Why this measure cannot take this feed, in words, or null when it can. */
export function unsuitableFeed(t: FeedTarget): string | null {
  const { measure, dataset } = t;
  if (!(measure.geography in measureLevelRank)) return `The measure is reported by ${levelWords[measure.geography] ?? measure.geography}: only measures for the force area, each local authority or each LSOA can take observations from a partner dataset`;
  if (measure.frequency !== dataset.periodType) {
    return `“${dataset.name}” is reported by ${periodWords[dataset.periodType]} but the measure by ${periodWords[measure.frequency] ?? measure.frequency}: change how often the measure is reported to ${periodWords[dataset.periodType]}, or choose a dataset reported by ${periodWords[measure.frequency] ?? measure.frequency}`;
  }
  if (datasetLevelRank[dataset.geographyLevel] > (measureLevelRank[measure.geography] ?? -1)) {
    return `“${dataset.name}” is by ${levelWords[dataset.geographyLevel]}, coarser than the measure’s places (${levelPlural[measure.geography] ?? measure.geography}): it cannot be split into them`;
  }
  if (!t.column) return `“${dataset.name}” has no such column`;
  if (!numeric(t.column.type)) return `The column “${t.column.label}” holds ${t.column.type === 'category' ? 'categories' : 'text'}: only count and number columns can feed a measure`;
  if (t.perPopulation !== null && !(Number.isInteger(t.perPopulation) && t.perPopulation >= 1)) return 'Per how many residents must be a whole number of 1 or more';
  if (measure.rateBase) {
    if (t.aggregate !== 'rate') return `The measure is a rate per ${measure.rateBase.toLocaleString('en-GB')}: choose the rate per residents, or make the measure not a rate`;
    if (t.perPopulation !== null && t.perPopulation !== measure.rateBase) return `The measure is a rate per ${measure.rateBase.toLocaleString('en-GB')}, not per ${t.perPopulation.toLocaleString('en-GB')}`;
  }
  return null;
}

export interface FeedPlace {
  code: string;
  parentCode: string | null;
}

export interface FeedDataRow {
  placeCode: string;
  period: string;
  value: number | null;
}

export interface FeedComputation {
  /** Rows for the measures' validation: one per period and place with a value or [c]. */
  raws: RawObservation[];
  periods: string[];
  suppressed: number;
  problems: string[];
}

/**
 * The observations a feed writes, worked out from the data (pure). `allPlaces` is every place (for
 * the parent chain); `measurePlaces` the measure's places; `population(code, year)` the population
 * for a rate. The tree of places and its disclosure decision are the place profiles' (see the head
 * of this file): the dataset's places with data, every place above them, ordered by depth then code.
 */
export function computeFeed(input: {
  allPlaces: readonly FeedPlace[];
  measurePlaces: readonly string[];
  rows: readonly FeedDataRow[];
  columnType: ColumnType;
  aggregate: FeedAggregate;
  perPopulation: number;
  rule: DisclosureRule;
  population: (code: string, year: number) => number | null;
  note: string;
}): FeedComputation {
  const parents = new Map(input.allPlaces.map((p) => [p.code, p.parentCode]));
  const ancestors = (code: string): string[] => {
    const out: string[] = [];
    const seen = new Set([code]);
    let parent = parents.get(code) ?? null;
    while (parent !== null && !seen.has(parent) && parents.has(parent)) {
      out.unshift(parent);
      seen.add(parent);
      parent = parents.get(parent) ?? null;
    }
    return out;
  };
  const leaves = new Set(input.rows.map((r) => r.placeCode));
  const inTree = new Set(leaves);
  const leavesUnder = new Map<string, string[]>();
  for (const leaf of leaves) {
    for (const code of [leaf, ...ancestors(leaf)]) {
      inTree.add(code);
      leavesUnder.set(code, [...(leavesUnder.get(code) ?? []), leaf]);
    }
  }
  const order = [...inTree].map((code) => ({ code, depth: ancestors(code).length })).sort((a, b) => a.depth - b.depth || a.code.localeCompare(b.code));
  const parentOf = (code: string) => {
    const p = parents.get(code) ?? null;
    return p !== null && inTree.has(p) ? p : null;
  };
  const children = new Map<string, string[]>();
  for (const { code } of order) {
    const p = parentOf(code);
    if (p !== null) children.set(p, [...(children.get(p) ?? []), code]);
  }
  const byKey = new Map(input.rows.map((r) => [`${r.placeCode}|${r.period}`, r.value]));
  const periods = [...new Set(input.rows.map((r) => r.period))].sort();
  const raws: RawObservation[] = [];
  const problems: string[] = [];
  let suppressed = 0;
  let empty = 0;
  const noPopulation = new Set<string>();
  const outside = input.measurePlaces.filter((code) => !inTree.has(code));
  if (outside.length && leaves.size) problems.push(`No data in the dataset falls in ${outside.length === 1 ? outside[0] : `${outside.length} of the measure’s places (${outside.slice(0, 5).join(', ')}${outside.length > 5 ? ', …' : ''})`}`);
  for (const period of periods) {
    const values = new Map<string, number | null>();
    for (let i = order.length - 1; i >= 0; i--) {
      const code = order[i]?.code ?? '';
      const kids = children.get(code);
      if (leaves.has(code) || !kids) values.set(code, byKey.get(`${code}|${period}`) ?? null);
      else values.set(code, kids.reduce<number | null>((s, k) => ((values.get(k) ?? null) === null ? s : (s ?? 0) + (values.get(k) ?? 0)), null));
    }
    const decided =
      input.columnType === 'count'
        ? discloseTree(
            order.map(({ code }) => ({ code, parentCode: parentOf(code), value: values.get(code) ?? null })),
            input.rule,
          ).cells
        : null;
    const year = Number(period.slice(0, 4));
    for (const code of input.measurePlaces) {
      const raw = values.get(code) ?? null;
      if (raw === null) {
        if (inTree.has(code)) empty++;
        continue;
      }
      const row: RawObservation = { period, place_code: code, note: input.note };
      const cell = decided?.get(code);
      if (cell?.marker === '[c]') {
        row.marker = 'c';
        suppressed++;
        raws.push(row);
        continue;
      }
      const shown = cell ? (cell.value ?? raw) : raw;
      if (input.aggregate === 'sum') row.value = String(shown);
      else if (input.aggregate === 'mean') {
        const n = (leavesUnder.get(code) ?? []).filter((leaf) => (byKey.get(`${leaf}|${period}`) ?? null) !== null).length;
        row.value = String(shown / n);
      } else {
        const population = input.population(code, year);
        if (!population) {
          noPopulation.add(`${code} (${year})`);
          continue;
        }
        row.numerator = String(shown);
        row.denominator = String(population);
        row.value = String((shown / population) * input.perPopulation);
      }
      raws.push(row);
    }
  }
  if (empty) problems.push(`${empty} ${empty === 1 ? 'place and period has' : 'places and periods have'} no data in the dataset, so no value`);
  if (noPopulation.size) problems.push(`No population for ${[...noPopulation].slice(0, 5).join(', ')}${noPopulation.size > 5 ? ` and ${noPopulation.size - 5} more` : ''}: no rate can be worked out there until the population is loaded`);
  return { raws, periods, suppressed, problems };
}

export function createDatasetFeeds(db: Db, deps: { measures: MeasuresService; places: PlacesService; today: () => string; onChange: () => void }) {
  const { measures } = deps;

  async function feedOf(measureId: number, executor: DbOrTx = db): Promise<DatasetFeed | null> {
    const [row] = await executor.select().from(measureFeeds).where(eq(measureFeeds.measureId, measureId));
    if (!row || row.kind !== (datasetFeedKind)) return null;
    const options = optionsOf(row.options);
    if (!options) return null;
    const last = row.options.lastRefresh as DatasetFeedRefresh | undefined;
    return { ...options, measureId, createdAt: row.createdAt, createdByLabel: row.createdByLabel, lastRefresh: last ?? null };
  }

  async function datasetWithColumns(executor: DbOrTx, datasetId: number) {
    const [dataset] = await executor.select().from(datasets).where(eq(datasets.id, datasetId));
    if (!dataset) return null;
    const columns = await executor.select().from(datasetColumns).where(eq(datasetColumns.datasetId, datasetId)).orderBy(asc(datasetColumns.position));
    return { dataset, columns };
  }

  /** The measure's places: the plan's force area, its local authorities or its LSOAs. */
  async function measurePlaces(measure: Measure): Promise<string[]> {
    const [plan] = await db.select({ forceAreaCode: plans.forceAreaCode }).from(plans).where(eq(plans.id, measure.planId));
    let force = plan?.forceAreaCode ?? null;
    if (!force) {
      const [first] = await db.select({ code: places.code }).from(places).where(eq(places.type, 'force_area')).orderBy(asc(places.code)).limit(1);
      force = first?.code ?? null;
    }
    if (!force) return [];
    const tree = await deps.places.placesInForceArea(force);
    if (measure.geography === 'force_area') return tree.forceArea ? [tree.forceArea.code] : [];
    if (measure.geography === 'local_authority') return tree.localAuthorities.map((p) => p.code);
    if (measure.geography === 'lsoa') return tree.lsoas.map((p) => p.code);
    return [];
  }

  async function saveLastRefresh(measureId: number, result: DatasetFeedRefresh) {
    // Only while the feed is still this kind (it may have been stopped meanwhile).
    await db
      .update(measureFeeds)
      .set({ options: sql`${measureFeeds.options} || ${JSON.stringify({ lastRefresh: result })}::jsonb` })
      .where(and(eq(measureFeeds.measureId, measureId), eq(measureFeeds.kind, datasetFeedKind)));
  }

  async function refreshOne(actor: Actor, measure: Measure, feed: DatasetFeed, onlyPeriods?: readonly string[]): Promise<DatasetFeedRefresh> {
    const result: DatasetFeedRefresh = { measureId: measure.id, title: measure.title, datasetId: feed.datasetId, at: new Date().toISOString(), periods: 0, added: 0, revised: 0, unchanged: 0, suppressed: 0, problems: [] };
    const found = await datasetWithColumns(db, feed.datasetId);
    if (!found) {
      result.problems.push(`There is no dataset ${feed.datasetId}`);
      return result;
    }
    const { dataset, columns } = found;
    const column = columns.find((c) => c.name === feed.columnName) ?? null;
    const why = unsuitableFeed({ measure, dataset, column, aggregate: feed.aggregate, perPopulation: feed.perPopulation });
    if (why || !column) {
      result.problems.push(why ?? 'no column');
      return result;
    }
    const index = columns.filter((c) => numeric(c.type)).findIndex((c) => c.name === column.name) + 1; // PostgreSQL arrays count from 1
    const periodFilter = onlyPeriods?.length ? sql`and sp.period in (${sql.join(onlyPeriods.map((p) => sql`${p}`), sql`, `)})` : sql``;
    const viewer: Viewer = { userId: feed.attachedByUserId ?? 0, role: null, organisationId: feed.organisationId, label: actor.label };
    // The read and its audit event in one transaction; nothing but tx inside it.
    const read = await db.transaction(async (tx) => {
      const access = await resolveAccess(tx, viewer, dataset.id, deps.today());
      if (!access.allowed) return { access, rows: [] as FeedDataRow[] };
      const rows = await queryRows<{ place_code: string; period: string; v: number | string | null }>(
        tx,
        sql`select distinct on (r.place_code, r.period) r.place_code, r.period, r.numbers[${index}::int] as v
            from submission_periods sp
            join submissions s on s.id = sp.submission_id
            join submission_rows r on r.submission_id = sp.submission_id and r.period = sp.period
            where sp.dataset_id = ${dataset.id} and sp.superseded_at is null ${periodFilter}
            order by r.place_code, r.period, s.submitted_at desc, s.id desc`,
      );
      await recordAudit(tx, actor, {
        action: 'view',
        entityType: 'dataset',
        entityId: dataset.id,
        planId: measure.planId,
        summary: `Read “${dataset.name}” (${column.label}${onlyPeriods?.length ? `, ${onlyPeriods.join(', ')}` : ''}) to refresh the plan measure “${measure.title}”, with the disclosure rule applied`,
        organisationId: feed.organisationId,
        agreementId: access.agreementId,
      });
      return { access, rows: rows.map((r) => ({ placeCode: r.place_code, period: r.period, value: r.v === null ? null : Number(r.v) })) };
    });
    if (!read.access.allowed) {
      result.problems.push(`The office may no longer see “${dataset.name}” (${read.access.reason}): nothing was refreshed; the values already stored stay`);
      return result;
    }
    const codes = await measurePlaces(measure);
    if (!codes.length) {
      result.problems.push('No places for the measure: load the force area and its places first');
      return result;
    }
    const perPopulation = measure.rateBase ?? feed.perPopulation ?? 1000;
    const years = [...new Set(read.rows.map((r) => Number(r.period.slice(0, 4))))];
    const populations = new Map<number, Map<string, PopulationOf>>();
    if (feed.aggregate === 'rate') for (const year of years) populations.set(year, await deps.places.populations(codes, year));
    const allPlaces = await db.select({ code: places.code, parentCode: places.parentCode }).from(places);
    const computed = computeFeed({
      allPlaces,
      measurePlaces: codes,
      rows: read.rows,
      columnType: column.type,
      aggregate: feed.aggregate,
      perPopulation,
      rule: { suppressBelow: dataset.suppressBelow, roundTo: dataset.roundTo, secondarySuppression: dataset.secondarySuppression },
      population: (code, year) => populations.get(year)?.get(code)?.population ?? null,
      note: `From the partner dataset “${dataset.name}”: ${describeAggregate(feed.aggregate, column.label, dataset.geographyLevel, perPopulation)}${column.type === 'count' && (dataset.suppressBelow || dataset.roundTo) ? ', with its disclosure rule applied' : ''}`,
    });
    result.periods = computed.periods.length;
    result.suppressed = computed.suppressed;
    result.problems.push(...computed.problems);
    for (const period of computed.periods) if (parsePeriod(period)?.kind !== measure.frequency) result.problems.push(`${period} is not a ${periodWords[measure.frequency]}`);
    const context = await measures.validationContext(measure);
    const { valid, problems } = validateObservations(
      computed.raws.map((values) => ({ row: null, values })),
      context,
    );
    for (const p of problems) result.problems.push(p.message);
    if (valid.length) {
      const summary = await measures.addObservations(actor, measure.id, valid, 'import');
      result.added = summary.added;
      result.revised = summary.revised;
      result.unchanged = summary.unchanged;
    }
    result.problems = [...new Set(result.problems)];
    return result;
  }

  /**
   * Refreshes the measures fed from a dataset (or one measure; or every fed measure). `periods`:
   * only those periods (a submission's). One measure's failure is reported in its result and does
   * not stop the others.
   */
  async function refresh(actor: Actor, filter: { datasetId?: number; measureId?: number; periods?: readonly string[] } = {}): Promise<DatasetFeedRefresh[]> {
    const rows = await db.select().from(measureFeeds).where(eq(measureFeeds.kind, datasetFeedKind));
    const out: DatasetFeedRefresh[] = [];
    for (const row of rows) {
      if (filter.measureId !== undefined && row.measureId !== filter.measureId) continue;
      const feed = await feedOf(row.measureId);
      if (!feed || (filter.datasetId !== undefined && feed.datasetId !== filter.datasetId)) continue;
      let result: DatasetFeedRefresh;
      let title = `measure ${row.measureId}`;
      try {
        const measure = await measures.getMeasureById(row.measureId);
        title = measure.title;
        result = await refreshOne(actor, measure, feed, filter.periods);
      } catch (error) {
        result = { measureId: row.measureId, title, datasetId: feed.datasetId, at: new Date().toISOString(), periods: 0, added: 0, revised: 0, unchanged: 0, suppressed: 0, problems: [`Could not refresh: ${(error as Error).message}`] };
      }
      try {
        await saveLastRefresh(row.measureId, result);
      } catch (error) {
        result.problems.push(`The refresh result could not be saved: ${(error as Error).message}`);
      }
      out.push(result);
    }
    return out;
  }

  return {
    feedOf,
    refresh,

    /** What the measure's staff page shows: the current feed, its last refresh, the datasets to choose from. */
    async feedPanel(measureId: number, viewer: Viewer) {
      const measure = await measures.getMeasureById(measureId);
      const current = await feedOf(measureId);
      const [other] = await db.select({ kind: measureFeeds.kind }).from(measureFeeds).where(eq(measureFeeds.measureId, measureId));
      const visible = await accessibleDatasets(db, viewer, deps.today());
      const choices = [];
      for (const d of visible) {
        const found = await datasetWithColumns(db, d.id);
        const columns = (found?.columns ?? []).filter((c) => numeric(c.type)).map((c) => ({ name: c.name, label: c.label, type: c.type, value: `${d.id}:${c.name}`, selected: current?.datasetId === d.id && current.columnName === c.name }));
        if (columns.length) choices.push({ id: d.id, name: d.name, periodWord: periodWords[d.periodType] ?? d.periodType, levelWord: levelWords[d.geographyLevel] ?? d.geographyLevel, basis: d.access.basis, columns });
      }
      let describe: { datasetName: string; datasetSlug: string; columnLabel: string; words: string } | null = null;
      if (current) {
        const found = await datasetWithColumns(db, current.datasetId);
        const column = found?.columns.find((c) => c.name === current.columnName);
        describe = {
          datasetName: found?.dataset.name ?? `dataset ${current.datasetId}`,
          datasetSlug: found?.dataset.slug ?? '',
          columnLabel: column?.label ?? current.columnName,
          words: describeAggregate(current.aggregate, column?.label ?? current.columnName, found?.dataset.geographyLevel ?? '', measure.rateBase ?? current.perPopulation),
        };
      }
      return {
        current,
        describe,
        otherKind: other && other.kind !== (datasetFeedKind) ? other.kind : null,
        placeWord: levelPlural[measure.geography] ? (measure.geography === 'force_area' ? 'the force area' : `each of its ${levelPlural[measure.geography]}`) : measure.geography,
        periodWord: periodWords[measure.frequency] ?? measure.frequency,
        unsuitable: measure.geography in measureLevelRank ? null : unsuitableFeed({ measure, dataset: { name: '', periodType: 'month', geographyLevel: 'lsoa' }, column: null, aggregate: 'sum', perPopulation: null }),
        choices,
        aggregates: feedAggregates.map((a) => ({ value: a, text: aggregateLabels[a], checked: (current?.aggregate ?? 'sum') === a })),
        perPopulation: measure.rateBase ?? current?.perPopulation ?? 1000,
        rateBase: measure.rateBase,
      };
    },

    /**
     * Takes the measure's observations from a dataset's column from now on, and refreshes it. The
     * dataset must be one the viewer (the editor, acting for the office) may see today.
     */
    async setFeed(actor: Actor, viewer: Viewer, measureId: number, input: { datasetId: number; columnName: string; aggregate: string; perPopulation: number | null }): Promise<DatasetFeedRefresh | null> {
      const measure = await measures.getMeasureById(measureId);
      const refuse = (field: string, text: string) => new ValidationError([{ field, text }]);
      if (!feedAggregates.includes(input.aggregate as FeedAggregate)) throw refuse('aggregate', 'Choose sum, mean or rate');
      const aggregate = input.aggregate as FeedAggregate;
      const visible = await accessibleDatasets(db, viewer, deps.today());
      const access = visible.find((d) => d.id === input.datasetId);
      if (!access) throw refuse('column', 'Choose a dataset your organisation may see');
      const found = await datasetWithColumns(db, input.datasetId);
      if (!found) throw refuse('column', 'Choose a dataset your organisation may see');
      const column = found.columns.find((c) => c.name === input.columnName) ?? null;
      const perPopulation = aggregate === 'rate' ? (input.perPopulation ?? measure.rateBase ?? 1000) : null;
      const why = unsuitableFeed({ measure, dataset: found.dataset, column, aggregate, perPopulation });
      if (why) throw refuse(why.startsWith('Per how many') ? 'perPopulation' : 'column', why);
      const options: DatasetFeedOptions = { datasetId: found.dataset.id, columnName: input.columnName, aggregate, perPopulation, organisationId: viewer.organisationId, attachedByUserId: actor.userId };
      const [existing] = await db.select().from(measureFeeds).where(eq(measureFeeds.measureId, measureId));
      if (existing && existing.kind !== (datasetFeedKind)) throw refuse('column', `This measure already takes its observations from ${existing.kind} data: stop that first`);
      const before = existing ? optionsOf(existing.options) : null;
      const words = describeAggregate(aggregate, column?.label ?? input.columnName, found.dataset.geographyLevel, measure.rateBase ?? perPopulation);
      const same = before && before.datasetId === options.datasetId && before.columnName === options.columnName && before.aggregate === options.aggregate && before.perPopulation === options.perPopulation;
      if (!same) {
        await db.transaction(async (tx) => {
          if (existing) await tx.update(measureFeeds).set({ options: { ...options } }).where(eq(measureFeeds.measureId, measureId));
          else await tx.insert(measureFeeds).values({ measureId, kind: datasetFeedKind, options: { ...options }, createdByLabel: actor.label });
          await recordAudit(tx, actor, {
            action: existing ? 'update' : 'create',
            entityType: 'measure-feed',
            entityId: measureId,
            planId: measure.planId,
            summary: `“${measure.title}” takes its observations from the partner dataset “${found.dataset.name}”: ${words}`,
            changes: { feed: { from: before, to: options } },
            organisationId: viewer.organisationId,
            agreementId: access.access.agreementId,
          });
        });
        deps.onChange();
      }
      const [refreshed] = await refresh(actor, { measureId });
      return refreshed ?? null;
    },

    /** Stops taking observations from the dataset; the observations already stored stay. */
    async clearFeed(actor: Actor, measureId: number): Promise<boolean> {
      const measure = await measures.getMeasureById(measureId);
      const feed = await feedOf(measureId);
      if (!feed) return false;
      const found = await datasetWithColumns(db, feed.datasetId);
      await db.transaction(async (tx) => {
        await tx.delete(measureFeeds).where(and(eq(measureFeeds.measureId, measureId), eq(measureFeeds.kind, datasetFeedKind)));
        await recordAudit(tx, actor, {
          action: 'delete',
          entityType: 'measure-feed',
          entityId: measureId,
          planId: measure.planId,
          summary: `“${measure.title}” no longer takes its observations from the partner dataset “${found?.dataset.name ?? feed.datasetId}” (those stored stay)`,
          changes: { feed: { from: { datasetId: feed.datasetId, columnName: feed.columnName, aggregate: feed.aggregate, perPopulation: feed.perPopulation }, to: null } },
          organisationId: feed.organisationId,
        });
      });
      deps.onChange();
      return true;
    },
  };
}

export type DatasetFeeds = ReturnType<typeof createDatasetFeeds>;
