// Importing police.uk files (single CSVs, folders of YYYY-MM/ folders, or the zip data.police.uk
// hands out) into the database. One import is one transaction: every file is read and checked, and
// a problem anywhere changes nothing. A file whose month was imported before replaces it (the old
// file and its rows stay, marked superseded); the same file again changes nothing. Nothing is
// dropped: rows without a location or outside the force area are stored and flagged.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../../platform/audit/audit.service.ts';
import { CopyPiece, copyInto, replaceTableContents } from '../../../platform/db/bulk-copy.ts';
import { queryRows, type Db, type Tx } from '../../../platform/db/database.ts';
import { isZip, readZipEntries } from '../../../platform/files/zip.ts';
import { localAuthorityNameOfLsoa } from '../../places/place-imports.ts';
import { places } from '../../places/places.tables.ts';
import { policeUkFiles, type PoliceUkFileKind } from '../crime.tables.ts';
import { toBng } from '../hotspots/bng.ts';
import { describeFileName, PoliceUkFileError, PoliceUkLineReader } from './police-uk-files.ts';

/** A file to import: its name (as shown in messages) and its bytes. */
export interface PoliceUkSource {
  name: string;
  read(): Buffer;
}

/**
 * The outcomes that mean a suspect was charged or summonsed, including the court outcomes that can
 * only follow a charge or summons (police.uk replaces "Suspect charged" by the court result later).
 */
export const chargedOrSummonsedOutcomes: readonly string[] = [
  'Suspect charged',
  'Suspect charged as part of another case',
  'Awaiting court outcome',
  'Defendant sent to Crown Court',
  'Court result unavailable',
  'Court case unable to proceed',
  'Defendant found not guilty',
  'Offender sent to prison',
  'Offender given suspended prison sentence',
  'Offender given community sentence',
  'Offender fined',
  'Offender given conditional discharge',
  'Offender given absolute discharge',
  'Offender ordered to pay compensation',
  'Offender deprived of property',
  'Offender otherwise dealt with',
];

export interface FileResult {
  fileName: string;
  kind: PoliceUkFileKind;
  force: string;
  month: string;
  outcome: 'added' | 'replaced' | 'unchanged';
  rows: number;
  stored: number;
  withoutLocation: number;
  outsideForceArea: number;
  antiSocialBehaviour: number;
  repeatedCrimeIds: number;
  replacedFile?: { fileName: string; rows: number; importedAt: Date };
}

export interface ImportSummary {
  files: FileResult[];
  rowsRead: number;
  rowsStored: number;
  lsoaPlacesAdded: number;
  forceAreaChecked: boolean;
}

export class PoliceUkImportError extends Error {}

// ---------------------------------------------------------------------------------------------
// Where files come from: paths (files, folders, zips) or an upload.

/** Files, folders (searched for police.uk CSVs, YYYY-MM/ folders or not) and zips, in month order. */
export function sourcesFromPaths(paths: readonly string[]): PoliceUkSource[] {
  const sources: PoliceUkSource[] = [];
  for (const given of paths) {
    if (!fs.existsSync(given)) throw new PoliceUkImportError(`${given}: no such file or folder`);
    const stat = fs.statSync(given);
    if (stat.isDirectory()) {
      const found = (fs.readdirSync(given, { recursive: true }) as string[]).filter((f) => /\.csv$/i.test(f)).sort();
      const csvs = found.filter((f) => describeFileName(f));
      if (!csvs.length) throw new PoliceUkImportError(`${given}: no police.uk files (named like 2024-03-bedfordshire-street.csv) in this folder`);
      for (const f of csvs) sources.push(fileSource(path.join(given, f)));
    } else {
      const content = fs.readFileSync(given);
      sources.push(...sourcesFromUpload(path.basename(given), content, given));
    }
  }
  return sortSources(sources);
}

/** An uploaded (or named) file: a zip of police.uk CSVs, or one CSV. */
export function sourcesFromUpload(name: string, content: Buffer, shownName = name): PoliceUkSource[] {
  if (isZip(content)) {
    const entries = readZipEntries(content, shownName).filter((e) => /\.csv$/i.test(e.name) && describeFileName(e.name));
    if (!entries.length) throw new PoliceUkImportError(`${shownName}: the zip holds no police.uk files (named like 2024-03-bedfordshire-street.csv)`);
    return sortSources(entries.map((e) => ({ name: `${shownName}/${e.name}`, read: () => e.read() })));
  }
  return [{ name: shownName, read: () => content }];
}

function fileSource(file: string): PoliceUkSource {
  return { name: file, read: () => fs.readFileSync(file) };
}

const kindOrder: Record<PoliceUkFileKind, number> = { street: 0, outcomes: 1, 'stop-and-search': 2 };

function sortSources(sources: PoliceUkSource[]): PoliceUkSource[] {
  const key = (s: PoliceUkSource) => {
    const d = describeFileName(s.name);
    return d ? `${d.month} ${d.force} ${kindOrder[d.kind]}` : `~${s.name}`;
  };
  return [...sources].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// The force area a file belongs to, to flag rows outside it.

interface ForceArea {
  code: string | null; // null: no force area place matches the files' force name, so nothing can be flagged
  localAuthorityCodes: Set<string>;
  localAuthorityNames: Set<string>;
  /** Whether an LSOA that is not a place yet lies outside, by its name: worked out once per name, not per row. */
  outsideByLsoaName: Map<string, boolean>;
}

interface PlaceIndex {
  lsoaParent: Map<string, string | null>; // LSOA code → its local authority code
  localAuthorityByName: Map<string, string>; // lower-case name → code
  parentOf: Map<string, string | null>;
  forceByName: Map<string, string>; // "bedfordshire" → E23000026
}

const slug = (name: string) => name.toLowerCase().replace(/\s+police$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** "Luton 023C" → "luton": the local authority's name in an LSOA's name, as PlaceIndex keys it. */
const localAuthorityKeyOfLsoa = (lsoaName: string) => localAuthorityNameOfLsoa(lsoaName)?.toLowerCase() ?? null;

async function loadPlaceIndex(tx: Tx): Promise<PlaceIndex> {
  const rows = await tx.select({ code: places.code, name: places.name, type: places.type, parentCode: places.parentCode }).from(places);
  const index: PlaceIndex = { lsoaParent: new Map(), localAuthorityByName: new Map(), parentOf: new Map(), forceByName: new Map() };
  for (const r of rows) {
    index.parentOf.set(r.code, r.parentCode);
    if (r.type === 'lsoa') index.lsoaParent.set(r.code, r.parentCode);
    else if (r.type === 'local_authority') index.localAuthorityByName.set(r.name.toLowerCase(), r.code);
    else if (r.type === 'force_area') index.forceByName.set(slug(r.name), r.code);
  }
  return index;
}

function forceAreaOf(index: PlaceIndex, force: string): ForceArea {
  const code = index.forceByName.get(slug(force)) ?? null;
  const area: ForceArea = { code, localAuthorityCodes: new Set(), localAuthorityNames: new Set(), outsideByLsoaName: new Map() };
  if (!code) return area;
  for (const [name, laCode] of index.localAuthorityByName) {
    // Up the chain: LA → (CSP →) force area.
    let up = index.parentOf.get(laCode) ?? null;
    for (let depth = 0; up && depth < 4; depth++) {
      if (up === code) {
        area.localAuthorityCodes.add(laCode);
        area.localAuthorityNames.add(name);
        break;
      }
      up = index.parentOf.get(up) ?? null;
    }
  }
  return area;
}

function outsideForceArea(area: ForceArea, index: PlaceIndex, lsoaCode: string | null, lsoaName: string | null): boolean {
  if (!area.code || !lsoaCode) return false;
  const parent = index.lsoaParent.get(lsoaCode);
  if (parent) return !area.localAuthorityCodes.has(parent);
  const name = lsoaName ?? '';
  let outside = area.outsideByLsoaName.get(name);
  if (outside === undefined) {
    const laName = lsoaName ? localAuthorityKeyOfLsoa(lsoaName) : null;
    outside = !(laName && area.localAuthorityNames.has(laName));
    area.outsideByLsoaName.set(name, outside);
  }
  return outside;
}

// ---------------------------------------------------------------------------------------------

// What the importer works out comes first; then the file's own cells in the file's order, so that a
// row read in place is written cell by cell from where it lies in the text.
const streetColumns = ['file_id', 'line', 'month', 'easting', 'northing', 'outside_force_area', 'crime_id', 'source_month', 'reported_by', 'falls_within', 'longitude', 'latitude', 'location', 'lsoa_code', 'lsoa_name', 'crime_type', 'last_outcome', 'context'];
const outcomeColumns = ['file_id', 'line', 'month', 'crime_id', 'source_month', 'reported_by', 'falls_within', 'longitude', 'latitude', 'location', 'lsoa_code', 'lsoa_name', 'outcome_type'];
const stopSearchColumns = [
  'file_id',
  'line',
  'month',
  'occurred_at',
  'type',
  'part_of_policing_operation',
  'policing_operation',
  'longitude',
  'latitude',
  'gender',
  'age_range',
  'self_defined_ethnicity',
  'officer_defined_ethnicity',
  'legislation',
  'object_of_search',
  'outcome',
  'outcome_linked_to_object',
  'removal_of_more_than_outer_clothing',
];

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * British National Grid references to the centimetre, kept by longitude and latitude: police.uk
 * snaps crimes to a few thousand anonymised points per force, so most positions repeat. An
 * open-addressing table of the two numbers (a Map keyed by "longitude,latitude" strings took a
 * tenth of the importer's time hashing them). Up to a million positions are kept.
 */
export class GridReferences {
  /** The last position's grid reference. */
  easting = 0;
  northing = 0;
  private keys = new Float64Array(2 << 12); // per slot: longitude, latitude
  private grid = new Float64Array(2 << 12); // per slot: easting, northing
  private filled = new Uint8Array(1 << 12);
  private mask = (1 << 12) - 1;
  private size = 0;
  private readonly bits = new Float64Array(2);
  private readonly words = new Int32Array(this.bits.buffer);

  /** Sets easting and northing to the grid reference of (longitude, latitude). */
  find(longitude: number, latitude: number): void {
    for (let at = this.slotOf(longitude, latitude); ; at = (at + 1) & this.mask) {
      if (this.filled[at] === 0) return this.add(at, longitude, latitude);
      if (this.keys[2 * at] === longitude && this.keys[2 * at + 1] === latitude) {
        this.easting = this.grid[2 * at] as number;
        this.northing = this.grid[2 * at + 1] as number;
        return;
      }
    }
  }

  private slotOf(longitude: number, latitude: number): number {
    const words = this.words;
    this.bits[0] = longitude;
    this.bits[1] = latitude;
    let h = Math.imul((words[0] as number) ^ Math.imul(words[1] as number, 0x9e3779b1), 0x85ebca6b);
    h = Math.imul(h ^ (words[2] as number) ^ Math.imul(words[3] as number, 0xc2b2ae35), 0x27d4eb2f);
    return (h ^ (h >>> 15)) & this.mask;
  }

  private add(at: number, longitude: number, latitude: number): void {
    const { easting, northing } = toBng(longitude, latitude);
    this.easting = round(easting);
    this.northing = round(northing);
    if (this.size >= 1_000_000) return;
    this.keys[2 * at] = longitude;
    this.keys[2 * at + 1] = latitude;
    this.grid[2 * at] = this.easting;
    this.grid[2 * at + 1] = this.northing;
    this.filled[at] = 1;
    if (++this.size * 2 > this.filled.length) this.grow();
  }

  private grow(): void {
    const { keys, grid, filled } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.grid = new Float64Array(grid.length * 2);
    this.filled = new Uint8Array(filled.length * 2);
    this.mask = this.filled.length - 1;
    for (let from = 0; from < filled.length; from++) {
      if (filled[from] === 0) continue;
      let at = this.slotOf(keys[2 * from] as number, keys[2 * from + 1] as number);
      while (this.filled[at] !== 0) at = (at + 1) & this.mask;
      this.keys.set(keys.subarray(2 * from, 2 * from + 2), 2 * at);
      this.grid.set(grid.subarray(2 * from, 2 * from + 2), 2 * at);
      this.filled[at] = 1;
    }
  }
}

const gridReferences = new GridReferences();

export function createPoliceUkService(db: Db, hooks: { onChange: () => void; afterImport?: ((actor: Actor) => Promise<void>)[] }) {
  return {
    /**
     * Imports the files all together or not at all. `progress` hears one line per file as it goes.
     * Throws PoliceUkFileError (file, row, column) or PoliceUkImportError; nothing is stored then.
     */
    async importFiles(actor: Actor, sources: readonly PoliceUkSource[], progress: (line: string) => void = () => {}): Promise<ImportSummary> {
      if (!sources.length) throw new PoliceUkImportError('no files to import');
      const seen = new Map<string, string>();
      const described = sources.map((source) => {
        const d = describeFileName(source.name);
        if (!d) throw new PoliceUkImportError(`${source.name}: not named as data.police.uk names its files (YYYY-MM-<force>-street|outcomes|stop-and-search.csv), which is where the month and force come from`);
        const key = `${d.kind} ${d.force} ${d.month}`;
        const earlier = seen.get(key);
        if (earlier) throw new PoliceUkImportError(`${source.name}: the same month, force and kind as ${earlier}; import one of them`);
        seen.set(key, source.name);
        return { source, ...d };
      });
      const summary = await db.transaction(async (tx) => {
        const index = await loadPlaceIndex(tx);
        const areas = new Map<string, ForceArea>();
        const areaOf = (force: string) => areas.get(force) ?? areas.set(force, forceAreaOf(index, force)).get(force)!;
        const current = await tx.select().from(policeUkFiles).where(isNull(policeUkFiles.supersededAt));
        const currentOf = new Map(current.map((f) => [`${f.kind} ${f.force} ${f.month}`, f]));
        const planned = described.map((item) => ({ ...item, previous: currentOf.get(`${item.kind} ${item.force} ${item.month}`) ?? null, sha256: '', unchanged: false }));
        // Every file gets an id, though an unchanged one will not use it: files are read and hashed only
        // as the COPY reaches them, so that the server starts storing rows at once.
        const [firstId] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('police_uk_files', 'id'))::int as id from generate_series(1, ${planned.length}) order by 1 limit 1`);
        // nextval over a series hands out consecutive values unless another session takes some at once;
        // the ids are checked when the file rows are inserted (a clash fails the whole import).
        const ids = new Map(planned.map((p, i) => [p, (firstId?.id ?? 0) + i]));
        const newLsoas = new Map<string, string>();
        const counter = new CrimeCounter();
        const results = new Map<(typeof planned)[number], FileResult>();
        let done = 0;
        // One COPY per kind; each file is parsed as the server stores the previous one's rows.
        for (const kind of ['street', 'outcomes', 'stop-and-search'] as const) {
          const files = planned.filter((p) => p.kind === kind);
          if (!files.length) continue;
          const table = copyTargets[kind];
          const stored = await copyInto(
            tx,
            table.name,
            table.columns,
            (function* () {
              for (const p of files) {
                const content = p.source.read();
                p.sha256 = createHash('sha256').update(content).digest('hex');
                // A file identical to the one imported for its month was checked then: it changes nothing.
                p.unchanged = p.previous?.sha256 === p.sha256;
                let result: FileResult;
                if (p.unchanged) {
                  result = { fileName: p.source.name, kind, force: p.force, month: p.month, outcome: 'unchanged', rows: p.previous?.rows ?? 0, stored: 0, withoutLocation: 0, outsideForceArea: 0, antiSocialBehaviour: 0, repeatedCrimeIds: 0 };
                } else {
                  // A bad row anywhere throws, which abandons the COPY and with it the transaction.
                  const tally = yield* readFile({ source: p.source, content }, ids.get(p)!, areaOf(p.force), index, newLsoas, counter);
                  result = { fileName: p.source.name, kind, force: p.force, month: p.month, outcome: p.previous ? 'replaced' : 'added', ...tally, stored: tally.rows };
                  if (p.previous) result.replacedFile = { fileName: p.previous.fileName, rows: p.previous.rows, importedAt: p.previous.importedAt };
                }
                results.set(p, result);
                progress(`[${++done}/${planned.length}] ${describeFileResult(result)}`);
              }
            })(),
            'binary',
          );
          const expected = files.reduce((n, p) => n + (results.get(p)?.stored ?? 0), 0);
          if (stored !== expected) throw new Error(`${kind} files: the database stored ${stored} rows of the ${expected} read`);
        }
        const changing = planned.filter((p) => !p.unchanged);
        // When this import holds every street and outcomes file that will be current, the counts are
        // worked out from the rows in hand; otherwise they are rebuilt from the tables (rebuildCrimeCounts).
        const changingKeys = new Set(changing.map((p) => `${p.kind} ${p.force} ${p.month}`));
        const everyCurrentFileInHand = current.every((f) => f.kind === 'stop-and-search' || changingKeys.has(`${f.kind} ${f.force} ${f.month}`));
        if (changing.length) {
          const previousIds = changing.flatMap((p) => (p.previous ? [p.previous.id] : []));
          if (previousIds.length) await tx.update(policeUkFiles).set({ supersededAt: new Date() }).where(inArray(policeUkFiles.id, previousIds));
          await tx.insert(policeUkFiles).overridingSystemValue().values(
            changing.map((p) => {
              const r = results.get(p)!;
              const { rows, withoutLocation, outsideForceArea, antiSocialBehaviour, repeatedCrimeIds } = r;
              return { id: ids.get(p)!, kind: p.kind, force: p.force, month: p.month, fileName: path.basename(p.source.name), sha256: p.sha256, rows, stored: r.stored, withoutLocation, outsideForceArea, antiSocialBehaviour, repeatedCrimeIds, importedBy: actor.label };
            }),
          );
          for (const p of changing) if (p.previous) await tx.update(policeUkFiles).set({ supersededById: ids.get(p)! }).where(eq(policeUkFiles.id, p.previous.id));
        }
        const lsoaPlacesAdded = await addLsoaPlaces(tx, newLsoas, index);
        if (changing.some((p) => p.kind !== 'stop-and-search')) {
          progress('Counting crimes by month, LSOA and type, with their last outcomes…');
          if (everyCurrentFileInHand) await storeCrimeCounts(tx, counter);
          else await rebuildCrimeCounts(tx);
        }
        const ordered = planned.map((p) => results.get(p)!);
        const changed = ordered.filter((r) => r.outcome !== 'unchanged');
        const rowsRead = changed.reduce((n, r) => n + r.rows, 0);
        const rowsStored = changed.reduce((n, r) => n + r.stored, 0);
        if (changed.length) {
          await recordAudit(tx, actor, {
            action: 'import',
            entityType: 'police-uk',
            entityId: changed.map((r) => `${r.month} ${r.kind}`).join(', ').slice(0, 200),
            summary: `Imported police.uk data: ${changed.length} file${changed.length === 1 ? '' : 's'} (${changed.filter((r) => r.outcome === 'replaced').length} replacing earlier imports), ${rowsStored.toLocaleString('en-GB')} rows stored; ${ordered.length - changed.length} unchanged`,
            changes: { files: { from: null, to: changed.map((r) => ({ file: path.basename(r.fileName), outcome: r.outcome, rows: r.rows })) } },
          });
        }
        return { files: ordered, rowsRead, rowsStored, lsoaPlacesAdded, forceAreaChecked: [...areas.values()].every((a) => a.code !== null) };
      });
      if (summary.files.some((f) => f.outcome !== 'unchanged')) {
        hooks.onChange();
        for (const after of hooks.afterImport ?? []) await after(actor);
      }
      return summary;
    },

    /** Every imported file, newest month first, current and superseded. */
    async listFiles() {
      return db.select().from(policeUkFiles).orderBy(sql`${policeUkFiles.month} desc, ${policeUkFiles.kind}, ${policeUkFiles.importedAt} desc`);
    },
  };
}

export type PoliceUkService = ReturnType<typeof createPoliceUkService>;

const copyTargets = {
  street: { name: 'street_crimes', columns: streetColumns },
  outcomes: { name: 'crime_outcomes', columns: outcomeColumns },
  'stop-and-search': { name: 'stop_searches', columns: stopSearchColumns },
} as const;

/** Records per piece of COPY data. */
const recordsPerPiece = 1000;

type Tally = Pick<FileResult, 'rows' | 'withoutLocation' | 'outsideForceArea' | 'antiSocialBehaviour' | 'repeatedCrimeIds'>;

/**
 * Parses one file into binary COPY records, yielded a piece at a time as they are asked for so that
 * the server stores one piece while the next is parsed, and returns the file's tally. Throws
 * PoliceUkFileError. A row the reader reads in place is written from its cells where they lie in
 * the text; any other row from its typed cells.
 */
function* readFile(
  item: { source: PoliceUkSource; content: Buffer },
  fileId: number,
  area: ForceArea,
  index: PlaceIndex,
  newLsoas: Map<string, string>,
  counter: CrimeCounter,
): Generator<Buffer<ArrayBuffer>, Tally> {
  const tally: Tally = { rows: 0, withoutLocation: 0, outsideForceArea: 0, antiSocialBehaviour: 0, repeatedCrimeIds: 0 };
  const reader = new PoliceUkLineReader(item.content, item.source.name);
  const shift = reader.byteShift;
  const piece = new CopyPiece();
  let month = '';
  let monthStart = '';
  /**
   * Tallies and counts a street or outcomes row, and starts its record with the importer's own
   * fields: file, line, month, and for a street row its grid reference and whether it lies outside
   * the force area (none without both longitude and latitude). `outcome` is a street row's last
   * outcome or an outcome row's outcome type.
   */
  const prefix = (kind: 'street' | 'outcomes', line: number, rowMonth: string, lsoaCode: string | null, lsoaName: string | null, crimeId: string | null, crimeType: string, outcome: string | null, longitude: number | null, latitude: number | null): void => {
    if (rowMonth !== month) monthStart = `${(month = rowMonth)}-01`;
    if (lsoaCode === null) tally.withoutLocation++;
    else if (!index.lsoaParent.has(lsoaCode) && !newLsoas.has(lsoaCode)) newLsoas.set(lsoaCode, lsoaName ?? lsoaCode);
    if (crimeId === null) tally.antiSocialBehaviour++;
    const outside = outsideForceArea(area, index, lsoaCode, lsoaName);
    if (outside) tally.outsideForceArea++;
    piece.tuple(kind === 'street' ? streetColumns.length : outcomeColumns.length);
    piece.int4Field(fileId);
    piece.int4Field(line);
    piece.dateField(monthStart);
    if (kind === 'street') {
      if (counter.street(monthStart, lsoaCode, crimeType, crimeId, outcome, fileId, line)) tally.repeatedCrimeIds++;
      if (longitude === null || latitude === null) {
        piece.nullField();
        piece.nullField();
      } else {
        gridReferences.find(longitude, latitude);
        piece.float8Field(gridReferences.easting);
        piece.float8Field(gridReferences.northing);
      }
      piece.boolField(outside);
    } else if (counter.outcome(monthStart, crimeId as string, outcome as string, fileId, line)) tally.repeatedCrimeIds++;
  };
  let inPiece = 0;
  while (reader.next()) {
    tally.rows++;
    const line = reader.line;
    const parsed = reader.typed;
    if (parsed === null) {
      prefix(reader.kind, line, reader.month, reader.lsoaCode, reader.lsoaName, reader.crimeId, reader.crimeType, reader.kind === 'street' ? reader.lastOutcome : reader.outcomeType, reader.longitude, reader.latitude);
      // The file's cells where they lie (from its bytes when they are the text's characters), an
      // empty one as NULL (as COPY reads an empty CSV cell); the fifth and sixth, longitude and
      // latitude, as numbers.
      const commas = reader.commas;
      let from = reader.rawFrom;
      for (let cell = 0; cell <= commas.length; cell++) {
        const to = cell < commas.length ? (commas[cell] as number) : reader.rawTo;
        if (cell === 4) piece.float8Field(reader.longitude);
        else if (cell === 5) piece.float8Field(reader.latitude);
        else if (from === to) piece.nullField();
        else if (shift !== null) piece.bytesField(item.content, from + shift, to + shift);
        else piece.textRangeField(reader.text, from, to);
        from = to + 1;
      }
    } else if (parsed.kind === 'stop-and-search') {
      const r = parsed.row;
      if (r.latitude === null || r.longitude === null) tally.withoutLocation++;
      piece.tuple(stopSearchColumns.length);
      piece.int4Field(fileId);
      piece.int4Field(line);
      piece.dateField(`${r.month}-01`);
      piece.timestamptzField(instantOf(r.date));
      piece.textField(r.type);
      piece.boolField(r.partOfPolicingOperation);
      piece.textField(r.policingOperation);
      piece.float8Field(r.longitude);
      piece.float8Field(r.latitude);
      for (const text of [r.gender, r.ageRange, r.selfDefinedEthnicity, r.officerDefinedEthnicity, r.legislation, r.objectOfSearch, r.outcome]) piece.textField(text);
      piece.boolField(r.outcomeLinkedToObject);
      piece.boolField(r.removalOfMoreThanOuterClothing);
    } else {
      const r = parsed.row;
      if (parsed.kind === 'street') prefix('street', line, r.month, r.lsoaCode, r.lsoaName, r.crimeId, parsed.row.crimeType, parsed.row.lastOutcome, r.longitude, r.latitude);
      else prefix('outcomes', line, r.month, r.lsoaCode, r.lsoaName, r.crimeId, '', parsed.row.outcomeType, r.longitude, r.latitude);
      for (const text of [r.crimeId, r.month, r.reportedBy, r.fallsWithin]) piece.textField(text);
      piece.float8Field(r.longitude);
      piece.float8Field(r.latitude);
      for (const text of [r.location, r.lsoaCode, r.lsoaName]) piece.textField(text);
      if (parsed.kind === 'street') for (const text of [parsed.row.crimeType, parsed.row.lastOutcome, parsed.row.context]) piece.textField(text);
      else piece.textField(parsed.row.outcomeType);
    }
    if (++inPiece >= recordsPerPiece) {
      yield piece.take();
      inPiece = 0;
    }
  }
  if (tally.rows === 0) throw new PoliceUkFileError(item.source.name, null, null, 'the file has a header but no rows');
  if (piece.length) yield piece.take();
  return tally;
}

/**
 * Milliseconds since 1970 of a timestamp the reader accepted, with any digits past the millisecond:
 * Date.parse drops them, PostgreSQL keeps microseconds.
 */
function instantOf(date: string): number {
  const fraction = /\.\d{3}(\d+)/.exec(date);
  return Date.parse(date) + (fraction ? Number(`0.${fraction[1]}`) : 0);
}

/** LSOAs seen in the files but not yet places: added, in their local authority when its name matches. */
async function addLsoaPlaces(tx: Tx, newLsoas: Map<string, string>, index: PlaceIndex): Promise<number> {
  const values = [...newLsoas].map(([code, name]) => {
    const laName = localAuthorityKeyOfLsoa(name);
    return { code, name, type: 'lsoa' as const, parentCode: (laName && index.localAuthorityByName.get(laName)) ?? null };
  });
  if (!values.length) return 0;
  // One JSON parameter for them all: a few hundred rows of bound parameters took 25 ms to build and send.
  const inserted = await queryRows<{ code: string }>(
    tx,
    sql`insert into places (code, name, type, parent_code)
        select code, name, type, "parentCode" from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(code text, name text, type text, "parentCode" text)
        on conflict do nothing returning code`,
  );
  return inserted.length;
}

/** Orders rows as rebuildCrimeCounts does: by month, then file, then line. */
const isAfter = (month: number, fileId: number, line: number, thanMonth: number, thanFileId: number, thanLine: number) =>
  month !== thanMonth ? month > thanMonth : fileId !== thanFileId ? fileId > thanFileId : line > thanLine;

/** "2024-03-01" → 2024 × 12 + 2, in the same order as the text. */
const monthNumber = (monthStart: string) => Number(monthStart.slice(0, 4)) * 12 + Number(monthStart.slice(5, 7)) - 1;

// A Crime ID's record in CrimeCounter.records: eight 32-bit integers side by side, so that the
// outcome rows (whose crimes come from any earlier month, in no order) each find theirs in one place.
const FIRST_FILE = 0;
const FIRST_LINE = 1;
const FIRST_CELL = 2; // -1: no street row yet
const LAST_FILE = 3;
const LAST_LINE = 4;
const MONTHS = 5; // the first street row's month number << 16 | the last outcome row's
const FLAGS = 6; // FIRST_CHARGED | HAS_LAST | LAST_CHARGED
const SEEN_IN = 7; // the file the Crime ID was last met in (0: none; file ids start at 1)
const STRIDE = 8;
const FIRST_CHARGED = 1;
const HAS_LAST = 2;
const LAST_CHARGED = 4;

/**
 * crime_counts worked out from the rows of an import that holds every current street and outcomes
 * file: the same definition as rebuildCrimeCounts (tests hold the two to the same answers).
 *
 * It also tells the importer which rows repeat a Crime ID met earlier in the same file, so one lookup
 * per row serves both. The counts are used only when the import holds every current file.
 *
 * Each Crime ID gets a number from CrimeIdTable and a record of eight integers (see FIRST_FILE…):
 * its first street row (by month, file, line), that row's cell and whether its own last outcome is
 * a charge, and whether the last outcome row is one. A map of objects per ID took a third of the
 * JavaScript time of importing the 36 real months; separate arrays per field cost a cache miss each.
 */
export class CrimeCounter {
  // month → LSOA code ('' for none) → crime type → its cell
  private readonly cellsByMonth = new Map<string, Map<string, Map<string, CountCell>>>();
  private readonly cells: CountCell[] = [];
  private cellMonth = '';
  private cellsOfMonth: Map<string, Map<string, CountCell>> | null = null;
  private readonly ids = new CrimeIdTable();
  private records = new Int32Array(1024 * STRIDE);
  private monthText = '';
  private month = 0;

  /** The record of `crimeId` (its offset in `records`), made if it is new. */
  private recordOf(crimeId: string): number {
    const known = this.ids.find(crimeId);
    if (known !== -1) return known * STRIDE;
    const id = this.ids.add(crimeId);
    const at = id * STRIDE;
    if (at + STRIDE > this.records.length) {
      const wider = new Int32Array(this.records.length * 2);
      wider.set(this.records);
      this.records = wider;
    }
    this.records[at + FIRST_CELL] = -1;
    return at;
  }

  private monthOf(monthStart: string): number {
    if (monthStart !== this.monthText) {
      this.monthText = monthStart;
      this.month = monthNumber(monthStart);
    }
    return this.month;
  }

  private cellOf(month: string, lsoa: string, crimeType: string): number {
    if (month !== this.cellMonth || !this.cellsOfMonth) {
      let byLsoa = this.cellsByMonth.get(month);
      if (!byLsoa) this.cellsByMonth.set(month, (byLsoa = new Map()));
      this.cellMonth = month;
      this.cellsOfMonth = byLsoa;
    }
    let byType = this.cellsOfMonth.get(lsoa);
    if (!byType) this.cellsOfMonth.set(lsoa, (byType = new Map()));
    let cell = byType.get(crimeType);
    if (!cell) {
      byType.set(crimeType, (cell = { index: this.cells.length, month, lsoaCode: lsoa, crimeType, crimes: 0, withId: 0, charged: 0 }));
      this.cells.push(cell);
    }
    cell.crimes++;
    return cell.index;
  }

  /** Counts a street row; true when its Crime ID came earlier in the same file. */
  street(month: string, lsoaCode: string | null, crimeType: string, crimeId: string | null, lastOutcome: string | null, fileId: number, line: number): boolean {
    const cell = this.cellOf(month, lsoaCode ?? '', crimeType);
    if (crimeId === null) return false;
    const at = this.recordOf(crimeId);
    const r = this.records;
    const repeated = seenInFile(r, at, fileId);
    const monthNo = this.monthOf(month);
    if (r[at + FIRST_CELL] !== -1 && !isAfter((r[at + MONTHS] as number) >>> 16, r[at + FIRST_FILE] as number, r[at + FIRST_LINE] as number, monthNo, fileId, line)) return repeated;
    r[at + FIRST_FILE] = fileId;
    r[at + FIRST_LINE] = line;
    r[at + FIRST_CELL] = cell;
    r[at + MONTHS] = (monthNo << 16) | ((r[at + MONTHS] as number) & 0xffff);
    r[at + FLAGS] = ((r[at + FLAGS] as number) & ~FIRST_CHARGED) | (chargedSet.has(lastOutcome ?? '') ? FIRST_CHARGED : 0);
    return repeated;
  }

  /** Notes an outcome row; true when its Crime ID came earlier in the same file. */
  outcome(month: string, crimeId: string, outcomeType: string, fileId: number, line: number): boolean {
    const at = this.recordOf(crimeId);
    const r = this.records;
    const repeated = seenInFile(r, at, fileId);
    const monthNo = this.monthOf(month);
    const flags = r[at + FLAGS] as number;
    if (flags & HAS_LAST && !isAfter(monthNo, fileId, line, (r[at + MONTHS] as number) & 0xffff, r[at + LAST_FILE] as number, r[at + LAST_LINE] as number)) return repeated;
    r[at + LAST_FILE] = fileId;
    r[at + LAST_LINE] = line;
    r[at + MONTHS] = ((r[at + MONTHS] as number) & ~0xffff) | monthNo;
    r[at + FLAGS] = (flags & FIRST_CHARGED) | HAS_LAST | (chargedSet.has(outcomeType) ? LAST_CHARGED : 0);
    return repeated;
  }

  /**
   * [month, lsoa_code, crime_type, crimes, crimes_with_id, charged_or_summonsed] per cell, in that
   * key's order (by UTF-16 code units): the server then builds the table's primary key over rows
   * already in its order, which took 30 ms against 51 ms for rows as first met (measured with psql
   * on PostgreSQL 15 for the 36 months' 70k cells, C.UTF-8; a collation that orders the text
   * otherwise only loses that gain).
   */
  *rows(): Generator<[string, string, string, number, number, number]> {
    for (const c of this.cells) c.withId = c.charged = 0;
    const r = this.records;
    for (let at = 0; at < this.ids.size * STRIDE; at += STRIDE) {
      const index = r[at + FIRST_CELL] as number;
      if (index === -1) continue;
      const cell = this.cells[index] as CountCell;
      cell.withId++;
      const flags = r[at + FLAGS] as number;
      if (flags & HAS_LAST ? flags & LAST_CHARGED : flags & FIRST_CHARGED) cell.charged++;
    }
    for (const c of inKeyOrder(this.cells)) yield [c.month, c.lsoaCode, c.crimeType, c.crimes, c.withId, c.charged];
  }
}

/** Cells sorted by month, LSOA and crime type: each ranked among its few distinct values, then the cells by their ranks. */
function inKeyOrder(cells: readonly CountCell[]): CountCell[] {
  const rank = (values: string[]) => new Map([...new Set(values)].sort().map((value, at) => [value, at]));
  const months = rank(cells.map((c) => c.month));
  const lsoas = rank(cells.map((c) => c.lsoaCode));
  const types = rank(cells.map((c) => c.crimeType));
  const keys = cells.map((c) => ((months.get(c.month) as number) * lsoas.size + (lsoas.get(c.lsoaCode) as number)) * types.size + (types.get(c.crimeType) as number));
  return Array.from(cells.keys())
    .sort((a, b) => (keys[a] as number) - (keys[b] as number))
    .map((at) => cells[at] as CountCell);
}

/** Whether the Crime ID whose record is at `at` was met before in file `fileId` (each file is read once, whole). */
function seenInFile(records: Int32Array, at: number, fileId: number): boolean {
  if (records[at + SEEN_IN] === fileId) return true;
  records[at + SEEN_IN] = fileId;
  return false;
}

/**
 * Crime IDs numbered 0, 1, 2… in the order first met. police.uk's IDs are 64 hexadecimal characters
 * (a SHA-256), random from the first character: hashed by their first eight characters into an
 * open-addressing table that holds each slot's hash beside its number, an ID is compared as a string
 * only with IDs that share those eight. A Map keyed by the IDs took half the importer's time finding
 * them (the whole ID hashed, its key strings scattered through 85 MB of file text). IDs of any other
 * length go to a Map.
 */
export class CrimeIdTable {
  private readonly others = new Map<string, number>();
  private ids: string[] = [];
  private table = new Int32Array(2 << 12); // per slot: the hash, then the number + 1 (0: empty)
  private mask = (1 << 12) - 1;
  private hashed = 0;
  /** How many IDs have a number. */
  size = 0;

  /** The number given to `id`, or -1. */
  find(id: string): number {
    if (id.length !== 64) return this.others.get(id) ?? -1;
    const head = headHash(id);
    const table = this.table;
    for (let at = head & this.mask; ; at = (at + 1) & this.mask) {
      const entry = (table[2 * at + 1] as number) - 1;
      if (entry < 0) return -1;
      if (table[2 * at] === head && this.ids[entry] === id) return entry;
    }
  }

  /** Numbers `id`, which must not have a number yet; returns its number. */
  add(id: string): number {
    const entry = this.size++;
    if (id.length !== 64) {
      this.others.set(id, entry);
      return entry;
    }
    if ((this.hashed + 1) * 2 > this.table.length / 2) this.rehash();
    this.ids[entry] = id;
    this.place(headHash(id), entry);
    this.hashed++;
    return entry;
  }

  private place(head: number, entry: number): void {
    let at = head & this.mask;
    while (this.table[2 * at + 1] !== 0) at = (at + 1) & this.mask;
    this.table[2 * at] = head;
    this.table[2 * at + 1] = entry + 1;
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = old.length - 1; // old.length / 2 slots before, twice as many now
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== 0) this.place(old[at] as number, (old[at + 1] as number) - 1);
  }
}

/** FNV-1a over the first eight characters, mixed so that the low bits (the table index) use them all. */
function headHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < 8; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) | 0;
}

interface CountCell {
  index: number;
  month: string;
  lsoaCode: string;
  crimeType: string;
  crimes: number;
  withId: number;
  charged: number;
}

const chargedSet = new Set(chargedOrSummonsedOutcomes);

async function storeCrimeCounts(tx: Tx, counter: CrimeCounter): Promise<void> {
  const piece = new CopyPiece();
  function* records(): Generator<Buffer<ArrayBuffer>> {
    let inPiece = 0;
    for (const [month, lsoaCode, crimeType, crimes, withId, charged] of counter.rows()) {
      piece.tuple(6);
      piece.dateField(month);
      piece.textField(lsoaCode);
      piece.textField(crimeType);
      piece.int4Field(crimes);
      piece.int4Field(withId);
      piece.int4Field(charged);
      if (++inPiece >= recordsPerPiece) {
        yield piece.take();
        inPiece = 0;
      }
    }
    if (piece.length) yield piece.take();
  }
  const columns = ['month', 'lsoa_code', 'crime_type', 'crimes', 'crimes_with_id', 'charged_or_summonsed'];
  await replaceTableContents(tx, 'crime_counts', () => copyInto(tx, 'crime_counts', columns, records(), 'binary'));
}

/** crime_counts from the current files, with each Crime ID's last outcome (latest month, then last line). */
export async function rebuildCrimeCounts(tx: Tx): Promise<void> {
  await replaceTableContents(tx, 'crime_counts', () => insertCrimeCountsFromTables(tx));
}

async function insertCrimeCountsFromTables(tx: Tx): Promise<void> {
  const charged = sql.join(
    chargedOrSummonsedOutcomes.map((o) => sql`${o}`),
    sql`, `,
  );
  await tx.execute(sql`
    insert into crime_counts (month, lsoa_code, crime_type, crimes, crimes_with_id, charged_or_summonsed)
    with current_street as (
      select s.* from street_crimes s join police_uk_files f on f.id = s.file_id and f.superseded_at is null
    ),
    last_outcome as (
      select distinct on (o.crime_id) o.crime_id, o.outcome_type
      from crime_outcomes o join police_uk_files f on f.id = o.file_id and f.superseded_at is null
      order by o.crime_id, o.month desc, o.file_id desc, o.line desc
    ),
    first_row_of_each_id as (
      select distinct on (crime_id) crime_id, month, coalesce(lsoa_code, '') as lsoa_code, crime_type, last_outcome
      from current_street where crime_id is not null
      order by crime_id, month, file_id, line
    )
    select month, lsoa_code, crime_type, sum(crimes)::int, sum(with_id)::int, sum(charged)::int from (
      select month, coalesce(lsoa_code, '') as lsoa_code, crime_type, 1 as crimes, 0 as with_id, 0 as charged from current_street
      union all
      select i.month, i.lsoa_code, i.crime_type, 0, 1, case when coalesce(lo.outcome_type, i.last_outcome) in (${charged}) then 1 else 0 end
      from first_row_of_each_id i left join last_outcome lo on lo.crime_id = i.crime_id
    ) counted
    group by month, lsoa_code, crime_type`);
}

const n = (v: number) => v.toLocaleString('en-GB');

/** One line for a file: what was read, what was stored, and what was set aside or flagged, and why. */
export function describeFileResult(r: FileResult): string {
  const name = path.basename(r.fileName);
  if (r.outcome === 'unchanged') return `${name}: unchanged (identical to the file imported before, ${n(r.rows)} rows), nothing stored`;
  const parts = [`${name}: ${n(r.rows)} rows read, ${n(r.stored)} stored`];
  if (r.replacedFile) parts.push(`replaces the ${r.month} ${r.kind} file imported ${r.replacedFile.importedAt.toISOString().slice(0, 10)} (${n(r.replacedFile.rows)} rows, kept in history)`);
  if (r.withoutLocation) parts.push(`${n(r.withoutLocation)} without a location (kept, not placed in an area)`);
  if (r.outsideForceArea) parts.push(`${n(r.outsideForceArea)} outside the force area (kept, flagged)`);
  if (r.kind === 'street' && r.antiSocialBehaviour) parts.push(`${n(r.antiSocialBehaviour)} anti-social behaviour without a Crime ID (kept, never deduplicated)`);
  if (r.repeatedCrimeIds) parts.push(`${n(r.repeatedCrimeIds)} repeating an earlier Crime ID (kept; counted once in outcome shares)`);
  return parts.join('; ');
}

const kindLabels: Record<PoliceUkFileKind, string> = { street: 'Street crimes', outcomes: 'Outcomes', 'stop-and-search': 'Stop and search' };

export function describeSummary(s: ImportSummary): string[] {
  const changed = s.files.filter((f) => f.outcome !== 'unchanged');
  const lines = [
    `${s.files.length} file${s.files.length === 1 ? '' : 's'}: ${changed.filter((f) => f.outcome === 'added').length} added, ${changed.filter((f) => f.outcome === 'replaced').length} replacing an earlier import of the same month, ${s.files.length - changed.length} unchanged`,
    `${n(s.rowsRead)} rows read, ${n(s.rowsStored)} stored, none dropped`,
  ];
  // Per kind, as the files differ: a street row outside the force area is a crime there, an outcome row is not.
  for (const kind of Object.keys(kindLabels) as PoliceUkFileKind[]) {
    const files = changed.filter((f) => f.kind === kind);
    if (!files.length) continue;
    const total = (k: 'rows' | 'withoutLocation' | 'outsideForceArea' | 'antiSocialBehaviour' | 'repeatedCrimeIds') => files.reduce((sum, f) => sum + f[k], 0);
    const parts = [`${kindLabels[kind]} (${files.length} file${files.length === 1 ? '' : 's'}): ${n(total('rows'))} rows`];
    if (total('withoutLocation')) parts.push(`${n(total('withoutLocation'))} without a location — kept, not placed in an area`);
    if (total('outsideForceArea')) parts.push(`${n(total('outsideForceArea'))} outside the force area — kept, flagged`);
    if (kind === 'street' && total('antiSocialBehaviour')) parts.push(`${n(total('antiSocialBehaviour'))} anti-social behaviour without a Crime ID — kept, never deduplicated`);
    if (total('repeatedCrimeIds')) parts.push(`${n(total('repeatedCrimeIds'))} repeating a Crime ID seen earlier in the same file — kept`);
    lines.push(parts.join('; '));
  }
  if (!s.forceAreaChecked) lines.push('The force area is not loaded as a place, so no row could be checked against it');
  if (s.lsoaPlacesAdded) lines.push(`${n(s.lsoaPlacesAdded)} LSOAs added as places`);
  return lines;
}
