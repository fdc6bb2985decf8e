/**
 * Timed crime records from the force's records system: importing them (CLI and staff upload) and
 * reading the current ones for a period, so the patrol dosage page can count crimes in patrolled
 * and unpatrolled windows (police.uk cannot: it gives each crime's month only).
 *
 * Decisions:
 * - A file is checked whole (timed-crime-input.ts) and stored all or nothing, with its import row
 *   and the audit event in one transaction.
 * - The same file (by SHA-256) again changes nothing and says so — even if later imports have
 *   superseded some of its crimes since.
 * - Each import is a batch kept in history. A crime reference in a newer batch supersedes the same
 *   reference in every earlier batch: the earlier row is marked (superseded_by_import_id), not
 *   deleted, and only rows not superseded are read. The latest batch holding a reference wins.
 * - Longitude/latitude are projected to British National Grid (hotspots/bng.ts, good to a few
 *   metres) and both are stored; easting/northing are stored as given.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, gte, isNull, lt, max, min, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../../platform/audit/audit.service.ts';
import type { Db } from '../../../platform/db/database.ts';
import { toBng } from '../hotspots/bng.ts';
import { describeTimedCrimeProblem, readTimedCrimeCsv, type TimedCrimeProblem } from './timed-crime-input.ts';
import { timedCrimeImports, timedCrimes } from './timed-crimes.tables.ts';

export interface TimedCrimeImportResult {
  ok: boolean;
  /** True when the same file was imported before: nothing changed. */
  unchanged: boolean;
  fileName: string;
  problems: TimedCrimeProblem[];
  moreProblems: number;
  importId: number | null;
  rows: number;
  /** Crimes of earlier imports superseded by this one (same reference). */
  superseded: number;
  messages: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function createTimedCrimesService(db: Db, hooks: { onChange: () => void } = { onChange: () => {} }) {
  const current = isNull(timedCrimes.supersededByImportId);

  return {
    async imports(limit = 50) {
      return db.select().from(timedCrimeImports).orderBy(desc(timedCrimeImports.importedAt), desc(timedCrimeImports.id)).limit(limit);
    },

    /** Crime types of the current records, any time. */
    async crimeTypes(): Promise<string[]> {
      const rows = await db.selectDistinct({ crimeType: timedCrimes.crimeType }).from(timedCrimes).where(current).orderBy(asc(timedCrimes.crimeType));
      return rows.map((r) => r.crimeType);
    },

    /** First and last occurrence of the current records, epoch ms; null when none. */
    async coverage(): Promise<{ firstMs: number; lastMs: number } | null> {
      const [row] = await db.select({ first: min(timedCrimes.occurredAt), last: max(timedCrimes.occurredAt) }).from(timedCrimes).where(current);
      if (!row?.first || !row.last) return null;
      return { firstMs: new Date(row.first).getTime(), lastMs: new Date(row.last).getTime() };
    },

    /**
     * The current records in [fromMs, toMs): how many (of any type, and of the type asked for), and
     * the points of those of the type inside the box given (the hotspots' extent).
     */
    async inPeriod(fromMs: number, toMs: number, crimeType: string | null, box: { minE: number; maxE: number; minN: number; maxN: number } | null) {
      const period = and(current, gte(timedCrimes.occurredAt, new Date(fromMs)), lt(timedCrimes.occurredAt, new Date(toMs)));
      const ofType = crimeType === null ? period : and(period, eq(timedCrimes.crimeType, crimeType));
      const [all] = await db.select({ n: count() }).from(timedCrimes).where(period);
      const [typed] = crimeType === null ? [all] : await db.select({ n: count() }).from(timedCrimes).where(ofType);
      const points = box
        ? await db
            .select({ occurredAt: timedCrimes.occurredAt, easting: timedCrimes.easting, northing: timedCrimes.northing })
            .from(timedCrimes)
            .where(and(ofType, sql`${timedCrimes.easting} between ${box.minE} and ${box.maxE}`, sql`${timedCrimes.northing} between ${box.minN} and ${box.maxN}`))
        : [];
      return {
        records: Number(all?.n ?? 0),
        recordsOfType: Number(typed?.n ?? 0),
        points: points.map((p) => ({ time: p.occurredAt.getTime(), easting: p.easting, northing: p.northing })),
      };
    },

    /** Reads, checks and stores one file of timed crime records (all or nothing). */
    async importFile(actor: Actor, file: { name: string; content: Buffer }): Promise<TimedCrimeImportResult> {
      const result: TimedCrimeImportResult = { ok: false, unchanged: false, fileName: file.name, problems: [], moreProblems: 0, importId: null, rows: 0, superseded: 0, messages: [] };
      const sha256 = createHash('sha256').update(file.content).digest('hex');
      const alreadyImported = (earlier: { id: number; fileName: string; importedAt: Date; rows: number }) => {
        Object.assign(result, { ok: true, unchanged: true, importId: earlier.id, rows: earlier.rows });
        result.messages.push(`${file.name} was already imported (as ${earlier.fileName}, ${earlier.importedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC): nothing changed`);
        return result;
      };
      const [earlier] = await db.select().from(timedCrimeImports).where(eq(timedCrimeImports.sha256, sha256));
      if (earlier) return alreadyImported(earlier);
      const read = readTimedCrimeCsv(file.content);
      if (!read.ok) {
        result.problems = read.problems;
        result.moreProblems = read.moreProblems;
        return result;
      }
      const rows = read.crimes.map((c) => {
        const grid = c.easting !== null && c.northing !== null ? { easting: c.easting, northing: c.northing } : toBng(c.longitude as number, c.latitude as number);
        return { crimeReference: c.reference, crimeType: c.crimeType, occurredAt: new Date(c.time), easting: grid.easting, northing: grid.northing, longitude: c.longitude, latitude: c.latitude };
      });
      let first = Infinity;
      let last = -Infinity;
      for (const c of read.crimes) {
        if (c.time < first) first = c.time;
        if (c.time > last) last = c.time;
      }
      const summary = { ...read.summary, period: { from: new Date(first).toISOString(), to: new Date(last).toISOString() }, crimeTypes: [...new Set(read.crimes.map((c) => c.crimeType))].sort().slice(0, 100) };
      const stored = await db.transaction(async (tx) => {
        // Checked again inside the transaction: two uploads of one file at once store it once.
        const [again] = await tx.select().from(timedCrimeImports).where(eq(timedCrimeImports.sha256, sha256));
        if (again) return { kind: 'again' as const, again };
        const [row] = await tx.insert(timedCrimeImports).values({ fileName: file.name.slice(0, 200), sha256, rows: rows.length, superseded: 0, summary, importedBy: actor.label }).returning();
        if (!row) throw new Error('insert returned no row');
        for (let i = 0; i < rows.length; i += 1000) {
          await tx.insert(timedCrimes).values(rows.slice(i, i + 1000).map((r) => ({ ...r, importId: row.id })));
        }
        const superseded = await tx
          .update(timedCrimes)
          .set({ supersededByImportId: row.id })
          .where(
            and(
              isNull(timedCrimes.supersededByImportId),
              lt(timedCrimes.importId, row.id),
              sql`exists (select 1 from timed_crimes as newer where newer.import_id = ${row.id} and newer.crime_reference = timed_crimes.crime_reference)`,
            ),
          )
          .returning({ id: timedCrimes.id });
        await tx.update(timedCrimeImports).set({ superseded: superseded.length }).where(eq(timedCrimeImports.id, row.id));
        await recordAudit(tx, actor, {
          action: 'import',
          entityType: 'timed-crime-import',
          entityId: row.id,
          summary: `Imported timed crime records from ${file.name}: ${plural(rows.length, 'crime')} stored${superseded.length ? `, superseding ${plural(superseded.length, 'record')} of earlier imports with the same reference` : ''}`,
          changes: { crimes: { from: null, to: rows.length }, superseded: { from: null, to: superseded.length } },
        });
        return { kind: 'stored' as const, importId: row.id, superseded: superseded.length };
      });
      if (stored.kind === 'again') return alreadyImported(stored.again);
      hooks.onChange();
      Object.assign(result, { ok: true, importId: stored.importId, rows: rows.length, superseded: stored.superseded });
      result.messages.push(
        `${file.name}: ${plural(rows.length, 'timed crime record')} stored, occurring ${summary.period.from.slice(0, 16).replace('T', ' ')} to ${summary.period.to.slice(0, 16).replace('T', ' ')} UTC, positions from ${read.summary.position === 'grid' ? 'easting and northing' : 'longitude and latitude'}`,
      );
      if (stored.superseded) result.messages.push(`${plural(stored.superseded, 'record')} of earlier imports with the same crime reference superseded by this file (kept in history, no longer counted)`);
      if (read.summary.blankRows) result.messages.push(`${plural(read.summary.blankRows, 'blank row')} skipped`);
      if (read.summary.ignoredColumns.length) result.messages.push(`Columns not used: ${read.summary.ignoredColumns.join(', ')}`);
      return result;
    },
  };
}

export function describeTimedCrimeProblems(result: TimedCrimeImportResult): string[] {
  const lines = result.problems.map((p) => describeTimedCrimeProblem(p, result.fileName));
  if (result.moreProblems) lines.push(`…and ${result.moreProblems.toLocaleString('en-GB')} more problems`);
  return lines;
}

export type TimedCrimesService = ReturnType<typeof createTimedCrimesService>;
