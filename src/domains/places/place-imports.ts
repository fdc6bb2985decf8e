// Importing place data: Census population by LSOA, boundaries (GeoJSON/TopoJSON) and the two ONS
// lookups. Each import reads and checks the whole file first, then writes in one transaction with its
// place_imports row and audit event: all of it or none of it. Nothing is overwritten without a trace:
// a revised population goes to place_population_history, a changed boundary supersedes the old one
// (kept), changed lookup rows keep their old values in the import's summary.
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import { copyInto, csvRecord } from '../../platform/db/bulk-copy.ts';
import { queryRows, type Db, type Tx } from '../../platform/db/database.ts';
import { BoundaryFileError, readBoundaryFile, type Polygon } from './boundaries-file.ts';
import { readLookupFile, type LadCspPfaRow, type Lsoa11To21Row } from './lookup-files.ts';
import { readPopulationFile } from './population-file.ts';
import { lsoa2011To2021, placeBoundaries, placeImports, places, type PlaceType } from './places.tables.ts';

export interface ImportFile {
  name: string;
  content: Buffer;
}

export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** A file refused: nothing was stored. The message is one line naming the file, row and column. */
export class PlaceImportError extends Error {
  readonly problems: ImportProblem[];
  readonly fileName: string;
  constructor(fileName: string, problems: ImportProblem[]) {
    const first = problems[0] ?? { row: null, column: null, message: 'unreadable' };
    super(`${describeProblem(fileName, first)}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'})` : ''}; nothing was stored`);
    this.problems = problems;
    this.fileName = fileName;
  }
}

export function describeProblem(fileName: string, p: ImportProblem): string {
  const where = [`File ${fileName}`, p.row !== null ? `row ${p.row}` : null, p.column ? `column ${p.column}` : null].filter(Boolean).join(', ');
  // Readers name the file in their own messages ("x.csv has no header…"): say it once.
  const message = p.message.startsWith(`${fileName} `) ? `it ${p.message.slice(fileName.length + 1)}` : p.message;
  return `${where}: ${message}`;
}

/** The place type a GSS code names, from its prefix; null when it is not one we keep. */
export function placeTypeOfCode(code: string): PlaceType | null {
  const prefix = code.slice(0, 3);
  if (prefix === 'E01' || prefix === 'W01') return 'lsoa';
  if (prefix === 'E05' || prefix === 'W05') return 'ward';
  if (['E06', 'E07', 'E08', 'E09', 'W06'].includes(prefix)) return 'local_authority';
  if (prefix === 'E22' || prefix === 'W14' || prefix === 'W22') return 'csp'; // W14: Welsh CSPs in the ONS lookups
  if (prefix === 'E23' || prefix === 'W15') return 'force_area';
  return null;
}

/**
 * "Luton 023C" → "Luton"; "Bournemouth, Christchurch and Poole 003A" → "Bournemouth, Christchurch and
 * Poole": LSOA names are the local authority's name and a number-letter suffix.
 */
export function localAuthorityNameOfLsoa(lsoaName: string): string | null {
  const match = /^(.*\S)\s+\d{3}[A-Z]$/.exec(lsoaName.trim());
  return match?.[1] ?? null;
}

const typeWords: Record<PlaceType, string> = { force_area: 'police force area', csp: 'community safety partnership', local_authority: 'local authority', ward: 'ward', lsoa: 'LSOA' };
const typePlurals: Record<PlaceType, string> = { force_area: 'police force areas', csp: 'community safety partnerships', local_authority: 'local authorities', ward: 'wards', lsoa: 'LSOAs' };

export interface PopulationSummary {
  kind: 'population';
  file: string;
  year: number;
  source: string;
  rowsRead: number;
  skipped: { reason: string; count: number; rows: number[] }[];
  lsoasAdded: number;
  lsoasUpdated: number;
  lsoasUnchanged: number;
  populationsAdded: number;
  populationsRevised: number;
  revised: { code: string; from: number; to: number; fromSource: string }[];
  namesChanged: number;
  placedByLookup: number;
  placedByName: number;
  inLocalAuthorities: number;
  withoutLocalAuthority: number;
}

export interface BoundariesSummary {
  kind: 'boundaries';
  file: string;
  featuresRead: number;
  byType: Partial<Record<PlaceType, number>>;
  placesCreated: number;
  created: { code: string; name: string; type: PlaceType }[];
  boundariesAdded: number;
  boundariesReplaced: number;
  boundariesUnchanged: number;
}

export interface LadCspPfaSummary {
  kind: 'lad-csp-pfa';
  file: string;
  rowsRead: number;
  created: { force_area: number; csp: number; local_authority: number };
  reparented: { code: string; name: string; type: PlaceType; from: string | null; fromName: string | null; to: string; toName: string }[];
  unchanged: number;
}

export interface LsoaLookupSummary {
  kind: 'lsoa-2011-2021';
  file: string;
  rowsRead: number;
  added: number;
  changed: number;
  unchanged: number;
  keptNotInFile: number;
  /** Each changed row's old and new values (the old ones are not kept anywhere else). */
  changedRows: { lsoa11Code: string; before: Omit<LookupRowValues, 'lsoa11Code'>; after: Omit<LookupRowValues, 'lsoa11Code'> }[];
  lsoasPlaced: number;
  lsoasMoved: number;
  moved: { code: string; name: string; from: string; to: string }[];
}

type LookupRowValues = Pick<Lsoa11To21Row, 'lsoa11Code' | 'lsoa11Name' | 'lsoa21Code' | 'lsoa21Name' | 'ladCode' | 'ladName'>;

export type PlaceImportSummary = PopulationSummary | BoundariesSummary | LadCspPfaSummary | LsoaLookupSummary;

export type PlaceImportKind = 'population' | 'boundaries' | 'lookup';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const n = (value: number) => value.toLocaleString('en-GB');

async function allPlaces(tx: Tx): Promise<Map<string, { code: string; name: string; type: PlaceType; parentCode: string | null }>> {
  const rows = await tx.select({ code: places.code, name: places.name, type: places.type, parentCode: places.parentCode }).from(places);
  return new Map(rows.map((r) => [r.code, r]));
}

/** Sets parent_code (and name, when given) of many places in one statement per batch. */
async function updatePlaces(tx: Tx, updates: { code: string; parentCode: string | null; name: string }[]): Promise<void> {
  for (let i = 0; i < updates.length; i += 1000) {
    const batch = updates.slice(i, i + 1000);
    const values = sql.join(batch.map((u) => sql`(${u.code}, ${u.parentCode}, ${u.name})`), sql`, `);
    await tx.execute(sql`update places set parent_code = v.parent_code, name = v.name from (values ${values}) as v(code, parent_code, name) where places.code = v.code`);
  }
}

/** Local authorities by name (names held by two local authorities are left out: ambiguous). */
function localAuthoritiesByName(all: Map<string, { code: string; name: string; type: PlaceType }>): Map<string, string> {
  const byName = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const p of all.values()) {
    if (p.type !== 'local_authority') continue;
    if (byName.has(p.name)) ambiguous.add(p.name);
    byName.set(p.name, p.code);
  }
  for (const name of ambiguous) byName.delete(name);
  return byName;
}

export function createPlaceImportService(db: Db, hooks: { onChange: () => void }) {
  async function record(tx: Tx, actor: Actor, kind: 'population' | 'boundaries' | 'lad-csp-pfa' | 'lsoa-2011-2021', file: ImportFile, summary: PlaceImportSummary): Promise<number> {
    const [row] = await tx
      .insert(placeImports)
      .values({ kind, fileName: file.name, sha256: sha256(file.content), summary: summary as unknown as Record<string, unknown>, importedBy: actor.label })
      .returning({ id: placeImports.id });
    const id = row?.id ?? 0;
    await recordAudit(tx, actor, { action: 'import', entityType: 'place_import', entityId: id, summary: `Imported ${file.name}: ${describePlaceImport(summary).slice(1).join('; ')}` });
    return id;
  }

  async function importPopulation(file: ImportFile, actor: Actor, options: { year?: number } = {}): Promise<PopulationSummary> {
    const year = options.year ?? 2021;
    const read = readPopulationFile(file.content, file.name);
    if (read.problems.length) throw new PlaceImportError(file.name, read.problems);
    const notLsoas = read.rows.filter((r) => placeTypeOfCode(r.code) !== 'lsoa');
    if (notLsoas.length) throw new PlaceImportError(file.name, notLsoas.map((r) => ({ row: r.row, column: 'LSOA code', message: `${r.code} is not an LSOA code (E01… or W01…)` })));
    if (!read.rows.length) throw new PlaceImportError(file.name, [{ row: null, column: null, message: 'no LSOA rows were found' }]);
    const source = `Census ${year} TS001 usual residents (${file.name})`;
    const skipped = new Map<string, number[]>();
    for (const s of read.skipped) skipped.set(s.reason, [...(skipped.get(s.reason) ?? []), s.row]);

    const summary = await db.transaction(async (tx) => {
      const existing = await allPlaces(tx);
      const problems: ImportProblem[] = [];
      for (const r of read.rows) {
        const p = existing.get(r.code);
        if (p && p.type !== 'lsoa') problems.push({ row: r.row, column: 'LSOA code', message: `${r.code} is already a ${typeWords[p.type]} (${p.name}), not an LSOA` });
      }
      if (problems.length) throw new PlaceImportError(file.name, problems);
      const lookupRows = await tx.selectDistinct({ lsoa21Code: lsoa2011To2021.lsoa21Code, ladCode: lsoa2011To2021.ladCode }).from(lsoa2011To2021);
      const ladOfLsoa = new Map(lookupRows.map((r) => [r.lsoa21Code, r.ladCode]));
      const laByName = localAuthoritiesByName(existing);
      const pops = await queryRows<{ place_code: string; population: number; source: string }>(tx, sql`select place_code, population, source from place_populations where year = ${year}`);
      const popOf = new Map(pops.map((p) => [p.place_code, p]));

      const newPlaces: string[] = [];
      const newPops: string[] = [];
      const history: string[] = [];
      const revisedRows: { code: string; population: number }[] = [];
      const placeUpdates: { code: string; parentCode: string | null; name: string }[] = [];
      const s: PopulationSummary = {
        kind: 'population', file: file.name, year, source, rowsRead: read.rows.length + read.skipped.length,
        skipped: [...skipped].map(([reason, rows]) => ({ reason, count: rows.length, rows: rows.slice(0, 20) })),
        lsoasAdded: 0, lsoasUpdated: 0, lsoasUnchanged: 0, populationsAdded: 0, populationsRevised: 0, revised: [], namesChanged: 0,
        placedByLookup: 0, placedByName: 0, inLocalAuthorities: 0, withoutLocalAuthority: 0,
      };
      const parentFor = (code: string, name: string): { parent: string; by: 'lookup' | 'name' } | null => {
        const lad = ladOfLsoa.get(code);
        if (lad && existing.get(lad)?.type === 'local_authority') return { parent: lad, by: 'lookup' };
        const laName = localAuthorityNameOfLsoa(name);
        const byName = laName ? laByName.get(laName) : undefined;
        return byName ? { parent: byName, by: 'name' } : null;
      };
      for (const r of read.rows) {
        const p = existing.get(r.code);
        let parent = p?.parentCode ?? null;
        let changed = false;
        if (!parent) {
          const found = parentFor(r.code, r.name);
          if (found) {
            parent = found.parent;
            if (found.by === 'lookup') s.placedByLookup++;
            else s.placedByName++;
          }
        }
        if (parent) s.inLocalAuthorities++;
        else s.withoutLocalAuthority++;
        const name = r.name || p?.name || r.code;
        if (!p) {
          newPlaces.push(csvRecord([r.code, name, 'lsoa', parent]));
          s.lsoasAdded++;
        } else if (p.parentCode !== parent || p.name !== name) {
          if (p.name !== name) s.namesChanged++;
          placeUpdates.push({ code: r.code, parentCode: parent, name });
          changed = true;
        }
        const before = popOf.get(r.code);
        if (!before) {
          newPops.push(csvRecord([r.code, year, r.population, source]));
          s.populationsAdded++;
          changed = true;
        } else if (before.population !== r.population) {
          history.push(csvRecord([r.code, year, before.population, before.source, source]));
          revisedRows.push({ code: r.code, population: r.population });
          s.populationsRevised++;
          s.revised.push({ code: r.code, from: before.population, to: r.population, fromSource: before.source });
          changed = true;
        }
        if (p) {
          if (changed) s.lsoasUpdated++;
          else s.lsoasUnchanged++;
        }
      }
      await copyInto(tx, 'places', ['code', 'name', 'type', 'parent_code'], newPlaces);
      await updatePlaces(tx, placeUpdates);
      await copyInto(tx, 'place_population_history', ['place_code', 'year', 'population', 'source', 'superseded_by_source'], history);
      for (let i = 0; i < revisedRows.length; i += 1000) {
        const values = sql.join(revisedRows.slice(i, i + 1000).map((v) => sql`(${v.code}, ${v.population}::int)`), sql`, `);
        await tx.execute(sql`update place_populations set population = v.population, source = ${source} from (values ${values}) as v(code, population) where place_populations.place_code = v.code and place_populations.year = ${year}`);
      }
      await copyInto(tx, 'place_populations', ['place_code', 'year', 'population', 'source'], newPops);
      await record(tx, actor, 'population', file, s);
      return s;
    });
    if (summary.lsoasAdded || summary.lsoasUpdated) hooks.onChange();
    return summary;
  }

  async function importBoundaries(file: ImportFile, actor: Actor): Promise<BoundariesSummary> {
    let boundaries;
    try {
      boundaries = readBoundaryFile(file.content, file.name);
    } catch (error) {
      if (error instanceof BoundaryFileError) throw new PlaceImportError(file.name, [{ row: null, column: null, message: error.message.replace(`${file.name}: `, '').replace(`${file.name} `, 'it ') }]);
      throw error;
    }
    if (!boundaries.length) throw new PlaceImportError(file.name, [{ row: null, column: null, message: 'it holds no features' }]);
    const problems: ImportProblem[] = [];
    const typed = boundaries.map((b, i) => {
      const type = placeTypeOfCode(b.code);
      if (!type) problems.push({ row: i + 1, column: 'code', message: `feature ${i + 1}: ${b.code} is not a code this knows (LSOA E01/W01, ward E05/W05, local authority E06–E09/W06, community safety partnership E22/W14/W22, police force area E23/W15)` });
      return { ...b, type: type as PlaceType, feature: i + 1 };
    });
    if (problems.length) throw new PlaceImportError(file.name, problems);
    const summary = await db.transaction(async (tx) => {
      const existing = await allPlaces(tx);
      for (const b of typed) {
        const p = existing.get(b.code);
        if (p && p.type !== b.type) problems.push({ row: b.feature, column: 'code', message: `feature ${b.feature}: ${b.code} is already a ${typeWords[p.type]} (${p.name}), not a ${typeWords[b.type]}` });
      }
      if (problems.length) throw new PlaceImportError(file.name, problems);
      const current = new Map<string, { id: number; polygons: Polygon[] }>();
      const codes = typed.map((b) => b.code);
      for (let i = 0; i < codes.length; i += 1000) {
        const rows = await tx
          .select({ id: placeBoundaries.id, code: placeBoundaries.placeCode, polygons: placeBoundaries.polygons })
          .from(placeBoundaries)
          .where(and(inArray(placeBoundaries.placeCode, codes.slice(i, i + 1000)), isNull(placeBoundaries.supersededAt)));
        for (const r of rows) current.set(r.code, { id: r.id, polygons: r.polygons as Polygon[] });
      }
      const s: BoundariesSummary = { kind: 'boundaries', file: file.name, featuresRead: typed.length, byType: {}, placesCreated: 0, created: [], boundariesAdded: 0, boundariesReplaced: 0, boundariesUnchanged: 0 };
      const newPlaces: string[] = [];
      const supersede: number[] = [];
      const inserts: { placeCode: string; polygons: [number, number][][][]; source: string }[] = [];
      for (const b of typed) {
        s.byType[b.type] = (s.byType[b.type] ?? 0) + 1;
        if (!existing.has(b.code)) {
          newPlaces.push(csvRecord([b.code, b.name || b.code, b.type, null]));
          s.placesCreated++;
          s.created.push({ code: b.code, name: b.name || b.code, type: b.type });
        }
        const before = current.get(b.code);
        if (before && JSON.stringify(before.polygons) === JSON.stringify(b.polygons)) {
          s.boundariesUnchanged++;
          continue;
        }
        if (before) {
          supersede.push(before.id);
          s.boundariesReplaced++;
        } else s.boundariesAdded++;
        inserts.push({ placeCode: b.code, polygons: b.polygons, source: file.name });
      }
      await copyInto(tx, 'places', ['code', 'name', 'type', 'parent_code'], newPlaces);
      for (let i = 0; i < supersede.length; i += 1000) {
        await tx.update(placeBoundaries).set({ supersededAt: new Date() }).where(inArray(placeBoundaries.id, supersede.slice(i, i + 1000)));
      }
      for (let i = 0; i < inserts.length; i += 200) await tx.insert(placeBoundaries).values(inserts.slice(i, i + 200));
      if (s.created.length > 200) s.created = s.created.slice(0, 200);
      await record(tx, actor, 'boundaries', file, s);
      return s;
    });
    if (summary.placesCreated || summary.boundariesAdded || summary.boundariesReplaced) hooks.onChange();
    return summary;
  }

  async function importLadCspPfa(file: ImportFile, rows: LadCspPfaRow[], columns: { lad: string; csp: string; pfa: string }, actor: Actor): Promise<LadCspPfaSummary> {
    const summary = await db.transaction(async (tx) => {
      const existing = await allPlaces(tx);
      const problems: ImportProblem[] = [];
      const s: LadCspPfaSummary = { kind: 'lad-csp-pfa', file: file.name, rowsRead: rows.length, created: { force_area: 0, csp: 0, local_authority: 0 }, reparented: [], unchanged: 0 };
      const inserts: { code: string; name: string; type: PlaceType; parentCode: string | null }[] = [];
      const updates: { code: string; parentCode: string | null; name: string }[] = [];
      const seen = new Set<string>();
      const nameOf = (code: string | null) => (code ? (existing.get(code)?.name ?? inserts.find((p) => p.code === code)?.name ?? code) : null);
      const place = (row: number, column: string, code: string, name: string, type: PlaceType, parentCode: string | null) => {
        if (seen.has(code)) return;
        seen.add(code);
        const p = existing.get(code);
        if (p && p.type !== type) {
          problems.push({ row, column, message: `${code} is already a ${typeWords[p.type]} (${p.name}), not a ${typeWords[type]}` });
          return;
        }
        if (!p) {
          inserts.push({ code, name, type, parentCode });
          s.created[type as 'force_area' | 'csp' | 'local_authority']++;
        } else if (p.parentCode !== parentCode) {
          updates.push({ code, parentCode, name: p.name });
          s.reparented.push({ code, name: p.name, type, from: p.parentCode, fromName: nameOf(p.parentCode), to: parentCode ?? '', toName: nameOf(parentCode) ?? '' });
        } else s.unchanged++;
      };
      for (const r of rows) place(r.row, columns.pfa, r.pfaCode, r.pfaName, 'force_area', existing.get(r.pfaCode)?.parentCode ?? null);
      for (const r of rows) place(r.row, columns.csp, r.cspCode, r.cspName, 'csp', r.pfaCode);
      for (const r of rows) place(r.row, columns.lad, r.ladCode, r.ladName, 'local_authority', r.cspCode);
      if (problems.length) throw new PlaceImportError(file.name, problems);
      // Parents first (force areas, then CSPs, then local authorities) is the order they were pushed.
      for (let i = 0; i < inserts.length; i += 500) await tx.insert(places).values(inserts.slice(i, i + 500));
      await updatePlaces(tx, updates);
      await record(tx, actor, 'lad-csp-pfa', file, s);
      return s;
    });
    if (summary.reparented.length || Object.values(summary.created).some(Boolean)) hooks.onChange();
    return summary;
  }

  async function importLsoaLookup(file: ImportFile, rows: Lsoa11To21Row[], actor: Actor): Promise<LsoaLookupSummary> {
    const source = `ONS LSOA 2011 to 2021 best-fit lookup (${file.name})`;
    const summary = await db.transaction(async (tx) => {
      const before = new Map((await tx.select().from(lsoa2011To2021)).map((r) => [r.lsoa11Code, r]));
      const s: LsoaLookupSummary = { kind: 'lsoa-2011-2021', file: file.name, rowsRead: rows.length, added: 0, changed: 0, unchanged: 0, keptNotInFile: 0, changedRows: [], lsoasPlaced: 0, lsoasMoved: 0, moved: [] };
      const inserts: string[] = [];
      const changes: Lsoa11To21Row[] = [];
      const inFile = new Set<string>();
      for (const r of rows) {
        inFile.add(r.lsoa11Code);
        const b = before.get(r.lsoa11Code);
        if (!b) {
          inserts.push(csvRecord([r.lsoa11Code, r.lsoa11Name, r.lsoa21Code, r.lsoa21Name, r.ladCode, r.ladName, source]));
          s.added++;
        } else if (b.lsoa11Name !== r.lsoa11Name || b.lsoa21Code !== r.lsoa21Code || b.lsoa21Name !== r.lsoa21Name || b.ladCode !== r.ladCode || b.ladName !== r.ladName) {
          changes.push(r);
          s.changed++;
          s.changedRows.push({
            lsoa11Code: r.lsoa11Code,
            before: { lsoa11Name: b.lsoa11Name, lsoa21Code: b.lsoa21Code, lsoa21Name: b.lsoa21Name, ladCode: b.ladCode, ladName: b.ladName },
            after: { lsoa11Name: r.lsoa11Name, lsoa21Code: r.lsoa21Code, lsoa21Name: r.lsoa21Name, ladCode: r.ladCode, ladName: r.ladName },
          });
        } else s.unchanged++;
      }
      for (const code of before.keys()) if (!inFile.has(code)) s.keptNotInFile++;
      await copyInto(tx, 'lsoa_2011_to_2021', ['lsoa11_code', 'lsoa11_name', 'lsoa21_code', 'lsoa21_name', 'lad_code', 'lad_name', 'source'], inserts);
      for (let i = 0; i < changes.length; i += 500) {
        const values = sql.join(changes.slice(i, i + 500).map((r) => sql`(${r.lsoa11Code}, ${r.lsoa11Name}, ${r.lsoa21Code}, ${r.lsoa21Name}, ${r.ladCode}, ${r.ladName})`), sql`, `);
        await tx.execute(sql`update lsoa_2011_to_2021 set lsoa11_name = v.n11, lsoa21_code = v.c21, lsoa21_name = v.n21, lad_code = v.lad, lad_name = v.lad_name, source = ${source}
                             from (values ${values}) as v(c11, n11, c21, n21, lad, lad_name) where lsoa_2011_to_2021.lsoa11_code = v.c11`);
      }
      // LSOA places (2021 codes) go under the local authority the lookup names, when that place exists.
      const existing = await allPlaces(tx);
      const updates: { code: string; parentCode: string | null; name: string }[] = [];
      const done = new Set<string>();
      for (const r of rows) {
        if (done.has(r.lsoa21Code)) continue;
        done.add(r.lsoa21Code);
        const p = existing.get(r.lsoa21Code);
        if (p?.type !== 'lsoa' || existing.get(r.ladCode)?.type !== 'local_authority' || p.parentCode === r.ladCode) continue;
        updates.push({ code: p.code, parentCode: r.ladCode, name: p.name });
        if (p.parentCode === null) s.lsoasPlaced++;
        else {
          s.lsoasMoved++;
          if (s.moved.length < 200) s.moved.push({ code: p.code, name: p.name, from: p.parentCode, to: r.ladCode });
        }
      }
      await updatePlaces(tx, updates);
      await record(tx, actor, 'lsoa-2011-2021', file, s);
      return s;
    });
    if (summary.added || summary.changed || summary.lsoasPlaced || summary.lsoasMoved) hooks.onChange();
    return summary;
  }

  async function importLookup(file: ImportFile, actor: Actor): Promise<LadCspPfaSummary | LsoaLookupSummary> {
    const read = readLookupFile(file.content, file.name);
    if (read.problems.length || !read.kind) throw new PlaceImportError(file.name, read.problems);
    return read.kind === 'lad-csp-pfa' ? importLadCspPfa(file, read.rows, read.columns, actor) : importLsoaLookup(file, read.rows, actor);
  }

  return {
    importPopulation,
    importBoundaries,
    importLookup,
    async importPlaceFile(kind: PlaceImportKind, file: ImportFile, actor: Actor): Promise<PlaceImportSummary> {
      if (kind === 'population') return importPopulation(file, actor);
      if (kind === 'boundaries') return importBoundaries(file, actor);
      return importLookup(file, actor);
    },
  };
}

/** The summary in lines: the first says what was imported, the rest what happened. */
export function describePlaceImport(s: PlaceImportSummary): string[] {
  if (s.kind === 'population') {
    const changed = s.lsoasAdded + s.lsoasUpdated;
    return [
      `${s.file}: Census ${s.year} population by LSOA${changed ? '' : ' (unchanged: nothing to do)'}`,
      `${n(s.rowsRead)} lines read besides the header: ${n(s.lsoasAdded + s.lsoasUpdated + s.lsoasUnchanged)} LSOAs`,
      ...s.skipped.map((k) => `Skipped ${n(k.count)}: ${k.reason} (line${k.count === 1 ? '' : 's'} ${k.rows.join(', ')}${k.count > k.rows.length ? ', …' : ''})`),
      `LSOAs added ${n(s.lsoasAdded)}, updated ${n(s.lsoasUpdated)}, unchanged ${n(s.lsoasUnchanged)}`,
      `Populations added ${n(s.populationsAdded)}, revised ${n(s.populationsRevised)}${s.populationsRevised ? ' (earlier figures kept in the population history)' : ''}`,
      `LSOAs in a local authority ${n(s.inLocalAuthorities)} (placed now: ${n(s.placedByLookup)} by the LSOA lookup, ${n(s.placedByName)} by name); without a local authority ${n(s.withoutLocalAuthority)}`,
    ];
  }
  if (s.kind === 'boundaries') {
    const types = Object.entries(s.byType).map(([t, c]) => `${n(c)} ${(c === 1 ? typeWords : typePlurals)[t as PlaceType]}`).join(', ');
    return [
      `${s.file}: boundaries${s.placesCreated || s.boundariesAdded || s.boundariesReplaced ? '' : ' (unchanged: nothing to do)'}`,
      `${n(s.featuresRead)} features read (${types})`,
      `Places created ${n(s.placesCreated)}`,
      `Boundaries added ${n(s.boundariesAdded)}, replaced ${n(s.boundariesReplaced)}${s.boundariesReplaced ? ' (earlier ones kept as superseded)' : ''}, unchanged ${n(s.boundariesUnchanged)}`,
    ];
  }
  if (s.kind === 'lad-csp-pfa') {
    const created = s.created.force_area + s.created.csp + s.created.local_authority;
    return [
      `${s.file}: local authority → community safety partnership → police force area lookup${created || s.reparented.length ? '' : ' (unchanged: nothing to do)'}`,
      `${n(s.rowsRead)} rows read`,
      `Places created: ${n(s.created.force_area)} police force areas, ${n(s.created.csp)} community safety partnerships, ${n(s.created.local_authority)} local authorities`,
      `Re-parented ${n(s.reparented.length)}${s.reparented.length ? `: ${s.reparented.slice(0, 10).map((r) => `${r.name} (${r.code}) from ${r.fromName ?? 'none'} to ${r.toName} (${r.to})`).join('; ')}${s.reparented.length > 10 ? '; …' : ''}` : ''}`,
      `Places already as the file says ${n(s.unchanged)}`,
    ];
  }
  return [
    `${s.file}: LSOA 2011 → 2021 best-fit lookup${s.added || s.changed || s.lsoasPlaced || s.lsoasMoved ? '' : ' (unchanged: nothing to do)'}`,
    `${n(s.rowsRead)} rows read: added ${n(s.added)}, changed ${n(s.changed)}${s.changed ? ' (old values kept in this import’s record)' : ''}, unchanged ${n(s.unchanged)}${s.keptNotInFile ? `, ${n(s.keptNotInFile)} earlier rows not in this file kept` : ''}`,
    `LSOAs put in their local authority ${n(s.lsoasPlaced)}, moved to another local authority ${n(s.lsoasMoved)}`,
  ];
}
