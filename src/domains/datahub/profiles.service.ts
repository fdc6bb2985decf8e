// Place profiles: for the force area, each partnership, local authority and LSOA, every dataset the
// viewer may see (access.ts), its count and number columns over time for that place, and the crime
// counts beside them. Where a dataset is recorded for finer places (LSOA data on a local authority's
// profile) the place's count is the sum over its places; number columns are not summed ("not
// aggregated", [z]). Disclosure control for everyone but the owner is decided over the whole place
// tree at once (profiles.tree.ts), so a profile, its parent's and children's profiles and the
// downloads all show the same cells suppressed. Every view and download writes one audit event per
// dataset shown, in the same transaction as the read: if the audit cannot be written, nothing is shown.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { queryRows, type Db, type DbOrTx } from '../../platform/db/database.ts';
import { allCrime, type CrimeAnalysis } from '../crime/analysis/index.ts';
import { places, type PlaceType } from '../places/places.tables.ts';
import { accessibleDatasets, resolveAccess, type AccessBasis, type AccessibleDataset, type Viewer } from './access.ts';
import { datasetColumns, datasets, type ColumnType, type DatasetGeographyLevel, type PeriodType, type Sensitivity } from './datahub.tables.ts';
import type { DisclosureMarker, DisclosureRule } from './disclosure.ts';
import { periodExamples, periodTypeLabels, parseDatasetPeriod } from './periods.ts';
import { discloseTree } from './profiles.tree.ts';

/** What a page or file shows for one number: a value, or a marker ([z]: a number column not summed). */
export interface ProfileCell {
  value: number | null;
  marker: DisclosureMarker | '[z]' | null;
}

export interface ProfilePlace {
  code: string;
  name: string;
  type: PlaceType;
}

export interface ProfileColumn {
  name: string;
  label: string;
  type: 'count' | 'number';
  unit: string | null;
}

export type ProfileState =
  /** Values for the place (its own, or summed from finer places). */
  | 'data'
  /** The dataset has no current submission at all. */
  | 'no-data-yet'
  /** The dataset is recorded for bigger places than this one (see recordedFor). */
  | 'coarser'
  /** There are submissions, but none has a row for this place or any place inside it. */
  | 'none-here';

export interface ProfileDataset {
  id: number;
  slug: string;
  name: string;
  description: string;
  ownerName: string;
  sensitivity: Sensitivity;
  geographyLevel: DatasetGeographyLevel;
  periodType: PeriodType;
  basis: AccessBasis;
  agreementId: number | null;
  /** The owner's view: no disclosure control. */
  raw: boolean;
  rule: DisclosureRule | null;
  state: ProfileState;
  /** For 'coarser': the place containing this one that the dataset is recorded for, if any. */
  recordedFor: ProfilePlace | null;
  /** True when the place's counts are sums over finer places. */
  aggregated: boolean;
  columns: ProfileColumn[];
  /** Category and text columns: in the whole-dataset download, not on profiles. */
  otherColumns: string[];
  periods: string[];
  /** periods × columns for the place. */
  series: ProfileCell[][];
  /** The places inside this one with data, for one period (the latest by default). */
  breakdown: { period: string; places: (ProfilePlace & { cells: ProfileCell[] })[]; total: ProfileCell[] } | null;
  lastSubmittedAt: Date | null;
}

export interface CrimeMonth {
  month: string;
  crimes: number;
  ratePer1000: number | null;
}

export interface PlaceProfile {
  place: ProfilePlace;
  /** From the top down to the parent. */
  ancestors: ProfilePlace[];
  children: ProfilePlace[];
  datasets: ProfileDataset[];
  /** All crime (police.uk street crime, excluding anti-social behaviour) by month; null where none. */
  crime: { months: CrimeMonth[]; type: string } | null;
}

/** What the profile service needs from the crime analysis (its public index). */
export type CrimeCountsSource = Pick<CrimeAnalysis, 'geography' | 'months' | 'counts'>;

interface PlaceRow extends ProfilePlace {
  parentCode: string | null;
}

interface DataRow {
  placeCode: string;
  period: string;
  numbers: (number | null)[];
  labels: (string | null)[];
}

interface ColumnRow {
  name: string;
  label: string;
  type: ColumnType;
  unit: string | null;
  position: number;
}

interface DatasetData {
  rows: DataRow[];
  periods: string[];
  lastSubmittedAt: Date | null;
}

const numeric = (t: ColumnType): t is 'count' | 'number' => t === 'count' || t === 'number';
const notAggregated: ProfileCell = { value: null, marker: '[z]' };
const missing: ProfileCell = { value: null, marker: '[x]' };

/** The places (all of them: a few thousand at most for a force area's LSOAs). */
async function loadPlaces(tx: DbOrTx): Promise<Map<string, PlaceRow>> {
  const rows = await tx.select({ code: places.code, name: places.name, type: places.type, parentCode: places.parentCode }).from(places);
  return new Map(rows.map((r) => [r.code, r]));
}

function ancestorsOf(all: Map<string, PlaceRow>, code: string): PlaceRow[] {
  const out: PlaceRow[] = [];
  const seen = new Set([code]);
  let parent = all.get(code)?.parentCode ?? null;
  while (parent !== null && !seen.has(parent)) {
    const row = all.get(parent);
    if (!row) break;
    out.unshift(row);
    seen.add(parent);
    parent = row.parentCode;
  }
  return out;
}

/** The current rows of a dataset: for each place and period, the current submission's (the latest if two organisations both sent one). */
async function loadData(tx: DbOrTx, datasetId: number): Promise<DatasetData> {
  const rows = await queryRows<{ place_code: string; period: string; numbers: (number | null)[] | null; labels: (string | null)[] | null }>(
    tx,
    sql`select distinct on (r.place_code, r.period) r.place_code, r.period, r.numbers, r.labels
        from submission_periods sp
        join submissions s on s.id = sp.submission_id
        join submission_rows r on r.submission_id = sp.submission_id and r.period = sp.period
        where sp.dataset_id = ${datasetId} and sp.superseded_at is null
        order by r.place_code, r.period, s.submitted_at desc, s.id desc`,
  );
  const [last] = await queryRows<{ at: Date | string | null }>(
    tx,
    sql`select max(s.submitted_at) as at from submission_periods sp join submissions s on s.id = sp.submission_id where sp.dataset_id = ${datasetId} and sp.superseded_at is null`,
  );
  const data = rows.map((r) => ({ placeCode: r.place_code, period: r.period, numbers: (r.numbers ?? []).map((n) => (n === null ? null : Number(n))), labels: r.labels ?? [] }));
  return { rows: data, periods: [...new Set(data.map((r) => r.period))].sort(), lastSubmittedAt: last?.at ? new Date(last.at) : null };
}

/**
 * The disclosed (or, for the owner, raw) count of every place in the dataset's tree, per period and
 * count column: the dataset's places, and every place above them holding the sum of its children.
 */
function treeValues(all: Map<string, PlaceRow>, data: DatasetData, columns: ColumnRow[], rule: DisclosureRule | null) {
  const numberColumns = columns.filter((c) => numeric(c.type));
  const leaves = new Set(data.rows.map((r) => r.placeCode));
  const inTree = new Set<string>(leaves);
  for (const code of leaves) for (const a of ancestorsOf(all, code)) inTree.add(a.code);
  const depth = (code: string) => ancestorsOf(all, code).length;
  const order = [...inTree].map((code) => ({ code, depth: depth(code) })).sort((a, b) => a.depth - b.depth || a.code.localeCompare(b.code));
  const parentOf = (code: string) => {
    const p = all.get(code)?.parentCode ?? null;
    return p !== null && inTree.has(p) ? p : null;
  };
  const children = new Map<string, string[]>();
  for (const { code } of order) {
    const p = parentOf(code);
    if (p !== null) children.set(p, [...(children.get(p) ?? []), code]);
  }
  const byKey = new Map(data.rows.map((r) => [`${r.placeCode}|${r.period}`, r]));
  // period → column index (among number columns) → place → cell
  const cells = new Map<string, ProfileCell[][]>();
  const index = new Map(order.map((o, i) => [o.code, i]));
  for (const period of data.periods) {
    const perColumn: ProfileCell[][] = [];
    numberColumns.forEach((column, j) => {
      if (column.type === 'number') {
        perColumn.push(
          order.map(({ code }) => {
            if (!leaves.has(code)) return notAggregated;
            const v = byKey.get(`${code}|${period}`)?.numbers[j] ?? null;
            return v === null ? missing : { value: v, marker: null };
          }),
        );
        return;
      }
      const values = new Map<string, number | null>();
      for (let i = order.length - 1; i >= 0; i--) {
        const code = order[i]?.code ?? '';
        const kids = children.get(code);
        if (leaves.has(code) || !kids) values.set(code, byKey.get(`${code}|${period}`)?.numbers[j] ?? null);
        else values.set(code, kids.reduce<number | null>((s, k) => (values.get(k) ?? null) === null ? s : (s ?? 0) + (values.get(k) ?? 0), null));
      }
      const decided = discloseTree(
        order.map(({ code }) => ({ code, parentCode: parentOf(code), value: values.get(code) ?? null })),
        rule,
      );
      perColumn.push(order.map(({ code }) => {
        const c = decided.cells.get(code);
        return c ? { value: c.value, marker: c.marker } : missing;
      }));
    });
    cells.set(period, perColumn);
  }
  return {
    numberColumns,
    leaves,
    inTree,
    children,
    cellOf(code: string, period: string): ProfileCell[] {
      const i = index.get(code);
      const perColumn = cells.get(period);
      if (i === undefined || !perColumn) return numberColumns.map(() => missing);
      return perColumn.map((col) => col[i] ?? missing);
    },
  };
}

function ruleOf(dataset: { suppressBelow: number | null; roundTo: number | null; secondarySuppression: boolean }, raw: boolean): DisclosureRule | null {
  return raw ? null : { suppressBelow: dataset.suppressBelow, roundTo: dataset.roundTo, secondarySuppression: dataset.secondarySuppression };
}

const actorOf = (viewer: Viewer): Actor => ({ userId: viewer.userId, label: viewer.label });

async function datasetRules(tx: DbOrTx, ids: number[]) {
  if (!ids.length) return { rules: new Map<number, typeof datasets.$inferSelect>(), columns: new Map<number, ColumnRow[]>() };
  const rows = await tx.select().from(datasets).where(inArray(datasets.id, ids));
  const cols = await tx
    .select({ datasetId: datasetColumns.datasetId, name: datasetColumns.name, label: datasetColumns.label, type: datasetColumns.type, unit: datasetColumns.unit, position: datasetColumns.position })
    .from(datasetColumns)
    .where(inArray(datasetColumns.datasetId, ids))
    .orderBy(asc(datasetColumns.datasetId), asc(datasetColumns.position));
  const columns = new Map<number, ColumnRow[]>();
  for (const c of cols) columns.set(c.datasetId, [...(columns.get(c.datasetId) ?? []), c]);
  return { rules: new Map(rows.map((r) => [r.id, r])), columns };
}

/** The CSV rows the downloads write: a header and rows of cells (markers as text). */
export interface ProfileCsv {
  fileName: string;
  header: string[];
  rows: (string | number | null)[][];
}

const csvCell = (c: ProfileCell): string | number | null => (c.marker ?? c.value);

/** Rows kept across requests: a force area's datasets are thousands of rows each, so many fit. */
const cachedRowsLimit = 500_000;

export function createProfilesService(db: Db, deps: { crime?: CrimeCountsSource }) {
  // A dataset's current rows change only with a new submission, so they are read once per submission
  // (keyed by the dataset's latest submission id) instead of on every profile and download.
  const dataCache = new Map<number, { latestSubmissionId: number; data: DatasetData }>();
  async function currentData(tx: DbOrTx, datasetId: number): Promise<DatasetData> {
    const [latest] = await queryRows<{ id: number | null }>(tx, sql`select max(id) as id from submissions where dataset_id = ${datasetId}`);
    const latestSubmissionId = Number(latest?.id ?? 0);
    const hit = dataCache.get(datasetId);
    if (hit && hit.latestSubmissionId === latestSubmissionId) {
      dataCache.delete(datasetId);
      dataCache.set(datasetId, hit); // most recently used last
      return hit.data;
    }
    const data = await loadData(tx, datasetId);
    dataCache.set(datasetId, { latestSubmissionId, data });
    let held = 0;
    for (const entry of dataCache.values()) held += entry.data.rows.length;
    for (const [id, entry] of dataCache) {
      if (held <= cachedRowsLimit || id === datasetId) break;
      held -= entry.data.rows.length;
      dataCache.delete(id);
    }
    return data;
  }

  async function crimeFor(code: string): Promise<PlaceProfile['crime']> {
    if (!deps.crime) return null;
    const geo = await deps.crime.geography();
    const area = geo.areas.get(code);
    if (!area) return null;
    const months = await deps.crime.months();
    const first = months[0];
    const last = months.at(-1);
    if (!first || !last) return null;
    const type = allCrime;
    const rows = await deps.crime.counts(geo, area, area.level, { from: first, to: last }, type, months);
    const mine = rows.filter((r) => r.placeCode === code).map((r) => ({ month: r.month, crimes: r.crimes, ratePer1000: r.ratePer1000 }));
    return mine.length ? { months: mine, type } : null;
  }

  return {
    /**
     * The profile of a place for a viewer, or null when there is no such place. `publicOnly` (the
     * public site) shows public datasets only, whoever asks. One audit event ('view') per dataset shown.
     */
    async placeProfile(viewer: Viewer, placeCode: string, today: string, options: { period?: string | null; publicOnly?: boolean } = {}): Promise<PlaceProfile | null> {
      const profile = await db.transaction(async (tx): Promise<PlaceProfile | null> => {
        const all = await loadPlaces(tx);
        const place = all.get(placeCode);
        if (!place) return null;
        const ancestors = ancestorsOf(all, placeCode);
        const children = [...all.values()].filter((p) => p.parentCode === placeCode).sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.code.localeCompare(b.code));
        let visible: AccessibleDataset[] = await accessibleDatasets(tx, viewer, today);
        if (options.publicOnly) visible = visible.filter((d) => d.sensitivity === 'public');
        const { rules, columns } = await datasetRules(tx, visible.map((d) => d.id));
        const shown: ProfileDataset[] = [];
        for (const d of visible) {
          const definition = rules.get(d.id);
          if (!definition) continue;
          const cols = columns.get(d.id) ?? [];
          const rule = ruleOf(definition, d.access.raw);
          const data = await currentData(tx, d.id);
          const entry: ProfileDataset = {
            id: d.id,
            slug: d.slug,
            name: d.name,
            description: d.description,
            ownerName: d.ownerName,
            sensitivity: d.sensitivity,
            geographyLevel: definition.geographyLevel,
            periodType: definition.periodType,
            basis: d.access.basis,
            agreementId: d.access.agreementId,
            raw: d.access.raw,
            rule,
            state: 'data',
            recordedFor: null,
            aggregated: false,
            columns: cols.filter((c) => numeric(c.type)).map((c) => ({ name: c.name, label: c.label, type: c.type as 'count' | 'number', unit: c.unit })),
            otherColumns: cols.filter((c) => !numeric(c.type)).map((c) => c.label),
            periods: [],
            series: [],
            breakdown: null,
            lastSubmittedAt: data.lastSubmittedAt,
          };
          if (!data.rows.length) entry.state = 'no-data-yet';
          else {
            const tree = treeValues(all, data, cols, rule);
            if (!tree.inTree.has(placeCode)) {
              const container = ancestors.find((a) => a.type === definition.geographyLevel) ?? null;
              entry.state = container ? 'coarser' : 'none-here';
              entry.recordedFor = container ? { code: container.code, name: container.name, type: container.type } : null;
            } else {
              entry.aggregated = !tree.leaves.has(placeCode);
              entry.periods = data.periods;
              entry.series = data.periods.map((p) => tree.cellOf(placeCode, p));
              const kids = (tree.children.get(placeCode) ?? []).map((code) => all.get(code)).filter((p): p is PlaceRow => p !== undefined);
              kids.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.code.localeCompare(b.code));
              const period = options.period && data.periods.includes(options.period) ? options.period : data.periods.at(-1);
              if (kids.length && period) {
                entry.breakdown = {
                  period,
                  places: kids.map((k) => ({ code: k.code, name: k.name, type: k.type, cells: tree.cellOf(k.code, period) })),
                  total: tree.cellOf(placeCode, period),
                };
              }
            }
          }
          shown.push(entry);
          await recordAudit(tx, actorOf(viewer), {
            action: 'view',
            entityType: 'dataset',
            entityId: d.id,
            summary: `Viewed “${d.name}” on the profile of ${place.name} (${place.code})${options.publicOnly ? ' on the public site' : ''}: ${d.access.reason.toLowerCase()}${d.access.raw ? ', raw' : ', disclosure control applied'}`,
            reason: d.access.basis,
            organisationId: viewer.organisationId,
            agreementId: d.access.agreementId,
          });
        }
        return { place: { code: place.code, name: place.name, type: place.type }, ancestors: ancestors.map((a) => ({ code: a.code, name: a.name, type: a.type })), children: children.map((c) => ({ code: c.code, name: c.name, type: c.type })), datasets: shown, crime: null };
      });
      if (!profile) return null;
      // Crime data is public police.uk data: read after the partner data's transaction.
      profile.crime = await crimeFor(placeCode);
      return profile;
    },

    /**
     * A download for a viewer: one place's values (and the places inside it) for one dataset, or, with
     * no place, the whole dataset for every place it is recorded for; optionally one period only. The
     * dataset by slug (the pages) or id (the JSON API); `format` names the file in the audit. Refused
     * ('forbidden' / 'not-found') without access; a period not of the dataset's type is a
     * ValidationError (after the access check); audited as 'download' in the same transaction as the read.
     */
    async download(
      viewer: Viewer,
      where: { slug?: string; id?: number; placeCode?: string | null; period?: string | null },
      today: string,
      options: { publicOnly?: boolean; format?: 'CSV' | 'JSON' } = {},
    ): Promise<
      | { outcome: 'ok'; csv: ProfileCsv; dataset: { id: number; slug: string; name: string; periodType: PeriodType }; place: ProfilePlace | null; period: string | null; access: { basis: AccessBasis; agreementId: number | null; raw: boolean } }
      | { outcome: 'not-found'; reason: string }
      | { outcome: 'forbidden'; reason: string }
    > {
      return db.transaction(async (tx) => {
        const named = where.id !== undefined ? String(where.id) : (where.slug ?? '');
        const [definition] = await tx.select().from(datasets).where(where.id !== undefined ? eq(datasets.id, where.id) : eq(datasets.slug, where.slug ?? ''));
        const access = definition ? await resolveAccess(tx, viewer, definition.id, today) : null;
        if (!definition || !access || definition.retiredAt) return { outcome: 'not-found', reason: `There is no dataset ${named}` };
        if (!access.allowed || (options.publicOnly && definition.sensitivity !== 'public')) {
          // Anonymous visitors are not told a non-public dataset exists.
          return viewer.userId === null && definition.sensitivity !== 'public' ? { outcome: 'not-found', reason: `There is no dataset ${named}` } : { outcome: 'forbidden', reason: access.reason };
        }
        let period: string | null = null;
        if (where.period !== undefined && where.period !== null) {
          const parsed = parseDatasetPeriod(definition.periodType, where.period);
          if (!parsed) throw new ValidationError([{ field: 'period', text: `${where.period} is not a period of this dataset: it is ${periodTypeLabels[definition.periodType].toLowerCase()}, like ${periodExamples[definition.periodType]}` }]);
          period = parsed.label;
        }
        const all = await loadPlaces(tx);
        const place = where.placeCode ? all.get(where.placeCode) : undefined;
        if (where.placeCode && !place) return { outcome: 'not-found', reason: `There is no place ${where.placeCode}` };
        const { columns } = await datasetRules(tx, [definition.id]);
        const cols = columns.get(definition.id) ?? [];
        const rule = ruleOf(definition, access.raw);
        const data = await currentData(tx, definition.id);
        const tree = treeValues(all, data, cols, rule);
        const numberCols = cols.filter((c) => numeric(c.type));
        const placeName = (code: string) => all.get(code)?.name ?? '';
        // Disclosure is decided per period over the whole tree (above), so one period's cells are the same alone as among all.
        const periods = period === null ? data.periods : data.periods.filter((p) => p === period);
        let csv: ProfileCsv;
        if (place) {
          const codes = tree.inTree.has(place.code) ? [place.code, ...[...(tree.children.get(place.code) ?? [])].sort()] : [];
          csv = {
            fileName: `${definition.slug}-${place.code}.csv`,
            header: ['period', 'place_code', 'place_name', 'place_type', ...numberCols.map((c) => c.name)],
            rows: periods.flatMap((period) => codes.map((code) => [period, code, placeName(code), all.get(code)?.type ?? '', ...tree.cellOf(code, period).map(csvCell)])),
          };
        } else {
          const rows = data.rows.filter((r) => period === null || r.period === period).sort((a, b) => a.period.localeCompare(b.period) || a.placeCode.localeCompare(b.placeCode));
          csv = {
            fileName: `${definition.slug}.csv`,
            header: ['period', 'place_code', 'place_name', ...cols.map((c) => c.name)],
            rows: rows.map((r) => {
              const numbers = tree.cellOf(r.placeCode, r.period);
              let n = 0;
              let l = 0;
              return [
                r.period,
                r.placeCode,
                placeName(r.placeCode),
                ...cols.map((c) => (numeric(c.type) ? csvCell(numbers[n++] ?? missing) : (r.labels[l++] ?? null))),
              ];
            }),
          };
        }
        await recordAudit(tx, actorOf(viewer), {
          action: 'download',
          entityType: 'dataset',
          entityId: definition.id,
          summary: `Downloaded “${definition.name}”${place ? ` for ${place.name} (${place.code})` : ' for every place'}${period === null ? '' : ` for ${period}`} as ${options.format ?? 'CSV'} (${csv.rows.length} rows)${options.publicOnly ? ' from the public site' : ''}: ${access.reason.toLowerCase()}${access.raw ? ', raw' : ', disclosure control applied'}`,
          reason: access.basis,
          organisationId: viewer.organisationId,
          agreementId: access.agreementId,
        });
        return {
          outcome: 'ok',
          csv,
          dataset: { id: definition.id, slug: definition.slug, name: definition.name, periodType: definition.periodType },
          place: place ? { code: place.code, name: place.name, type: place.type } : null,
          period,
          access: { basis: access.basis, agreementId: access.agreementId, raw: access.raw },
        };
      });
    },
  };
}

export type ProfilesService = ReturnType<typeof createProfilesService>;
