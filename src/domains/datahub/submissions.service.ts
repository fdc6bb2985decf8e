// Submitting a dataset's data: an organisation that submits the dataset uploads a CSV (in a page, or
// through the API with a token). The file is refused before reading if too large or not CSV text;
// identical to that organisation's current submission → nothing changes; otherwise, in ONE
// transaction, its rows are checked as they stream and COPYed into submission_rows, and only if the
// whole file is clean is anything kept: the submission, its rows, the periods it now holds
// (superseding, never deleting, the earlier submission's), a diff against the rows it replaces,
// the audit event and the token's use. Any problem rolls everything back.
//
// A stream (the API's text/csv body) is spooled to a temporary file while it is hashed and
// size-checked, then read back in chunks: memory stays flat whatever the file's length. (On PGlite,
// copyInto gathers the COPY text before loading it; on PostgreSQL it streams.)
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq, inArray, isNull, min, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import { copyInto } from '../../platform/db/bulk-copy.ts';
import { queryRows, type Db, type Tx } from '../../platform/db/database.ts';
import { places } from '../places/places.tables.ts';
import { recordTokenUse } from './api-tokens.service.ts';
import { datasetColumns, datasets, datasetSubmitters, organisations, submissionPeriods, submissions, type DatasetGeographyLevel, type PeriodType } from './datahub.tables.ts';
import { periodsDue, type PeriodDue } from './periods.ts';
import { bufferChunks, emptyCheck, notCsvReason, SubmissionFileError, submissionCopyPieces, type SubmissionCheck, type SubmissionSpec } from './submission-input.ts';

export interface PeriodDiff {
  period: string;
  /** The submission whose rows for the period this one replaces; null for the period's first. */
  previousSubmissionId: number | null;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface DiffSummary {
  periods: PeriodDiff[];
}

export interface SubmissionSummary {
  id: number;
  datasetId: number;
  organisationId: number;
  fileName: string;
  sha256: string;
  rows: number;
  periods: string[];
  submittedAt: Date;
  submittedByLabel: string;
  diff: DiffSummary;
}

export type SubmitResult =
  | { outcome: 'stored'; submission: SubmissionSummary }
  | { outcome: 'identical'; submissionId: number; message: string }
  | { outcome: 'invalid'; check: SubmissionCheck };

/** The submission was refused before its file was read: no such dataset, or not a submitter. */
export class SubmissionRefused extends Error {
  readonly status: 403 | 404;
  constructor(status: 403 | 404, message: string) {
    super(message);
    this.status = status;
  }
}

export interface SubmitInput {
  datasetId: number;
  organisationId: number;
  fileName: string;
  content?: Uint8Array | string;
  stream?: AsyncIterable<Uint8Array>;
  /** The token the API request carried (its use is recorded in the same transaction). */
  apiToken?: { id: number; prefix: string; name: string; organisationId: number } | null;
}

interface Source {
  sha256: string;
  bytes: number;
  chunks: () => Iterable<Uint8Array>;
  cleanup: () => Promise<void>;
}

const chunkBytes = 1024 * 1024;

/** The rows of a diff in words: "2024-01: 3 added, 1 removed, 2 changed, 40 unchanged (replacing #4)". */
export function describeDiff(diff: DiffSummary | null | undefined): string[] {
  if (!diff?.periods?.length) return [];
  return diff.periods.map((p) => {
    if (p.previousSubmissionId === null) return `${p.period}: first data for the period, ${p.added} ${p.added === 1 ? 'row' : 'rows'}`;
    if (!p.added && !p.removed && !p.changed) return `${p.period}: no values changed (${p.unchanged} rows as in submission #${p.previousSubmissionId})`;
    return `${p.period}: ${p.added} added, ${p.removed} removed, ${p.changed} changed, ${p.unchanged} unchanged (replacing submission #${p.previousSubmissionId})`;
  });
}

// afterSubmit: what runs once a stored submission has committed (measure feeds refresh); a hook
// handles its own failures, the submission is stored either way.
export function createSubmissionsService(db: Db, deps: { today: () => string; maxBytes: () => number; onChange?: () => void; afterSubmit?: ((actor: Actor, submission: SubmissionSummary) => Promise<void>)[] }) {
  async function datasetFor(tx: Db | Tx, where: { id: number } | { slug: string }) {
    const [dataset] = await tx
      .select()
      .from(datasets)
      .where('id' in where ? eq(datasets.id, where.id) : eq(datasets.slug, where.slug));
    return dataset ?? null;
  }

  async function specFor(tx: Db | Tx, dataset: { id: number; geographyLevel: DatasetGeographyLevel; periodType: PeriodType; firstPeriod: string }): Promise<SubmissionSpec> {
    const columns = await tx.select().from(datasetColumns).where(eq(datasetColumns.datasetId, dataset.id)).orderBy(asc(datasetColumns.position));
    const codes = await tx.select({ code: places.code }).from(places).where(eq(places.type, dataset.geographyLevel));
    return {
      columns: columns.map((c) => ({ name: c.name, type: c.type, allowedValues: c.allowedValues, required: c.required })),
      geographyLevel: dataset.geographyLevel,
      placeCodes: codes.map((c) => c.code),
      periodType: dataset.periodType,
      firstPeriod: dataset.firstPeriod,
      today: deps.today(),
    };
  }

  const tooLarge = () => new SubmissionFileError('too-large', `The file is larger than ${describeBytes(deps.maxBytes())}, the most a submission may be`);

  /** The file, hashed and size-checked, readable again in chunks (from memory, or a spooled temporary file). */
  async function sourceOf(input: SubmitInput): Promise<Source> {
    const max = deps.maxBytes();
    if (input.content !== undefined) {
      const content = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
      if (content.length > max) throw tooLarge();
      const reason = notCsvReason(content.subarray(0, 4096));
      if (reason) throw new SubmissionFileError('not-csv', `The file is not a CSV file: ${reason}`);
      return { sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length, chunks: () => bufferChunks(content, chunkBytes), cleanup: async () => {} };
    }
    if (!input.stream) throw new SubmissionFileError('empty', 'No file was sent');
    const dir = await mkdtemp(path.join(tmpdir(), 'safer-submission-'));
    const file = path.join(dir, 'upload.csv');
    const cleanup = () => rm(dir, { recursive: true, force: true });
    try {
      const handle = await open(file, 'w');
      const hash = createHash('sha256');
      let bytes = 0;
      try {
        for await (const chunk of input.stream) {
          if (bytes === 0) {
            const reason = notCsvReason(chunk.subarray(0, 4096));
            if (reason) throw new SubmissionFileError('not-csv', `The file is not a CSV file: ${reason}`);
          }
          bytes += chunk.length;
          if (bytes > max) throw tooLarge();
          hash.update(chunk);
          await handle.write(chunk);
        }
      } finally {
        await handle.close();
      }
      return {
        sha256: hash.digest('hex'),
        bytes,
        chunks: function* () {
          const fd = openSync(file, 'r');
          try {
            const buffer = Buffer.alloc(chunkBytes);
            for (;;) {
              const n = readSync(fd, buffer, 0, chunkBytes, null);
              if (n <= 0) return;
              yield buffer.subarray(0, n);
            }
          } finally {
            closeSync(fd);
          }
        },
        cleanup,
      };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }

  /** A submission of this organisation with this file whose periods are all still current: nothing would change. */
  async function identicalCurrent(tx: Tx, datasetId: number, organisationId: number, sha256: string): Promise<number | null> {
    const candidates = await tx
      .select({ id: submissions.id, periods: submissions.periods })
      .from(submissions)
      .where(and(eq(submissions.datasetId, datasetId), eq(submissions.organisationId, organisationId), eq(submissions.sha256, sha256)))
      .orderBy(desc(submissions.id));
    for (const candidate of candidates) {
      const current = await tx
        .select({ period: submissionPeriods.period })
        .from(submissionPeriods)
        .where(and(eq(submissionPeriods.submissionId, candidate.id), isNull(submissionPeriods.supersededAt)));
      if (candidate.periods.length && current.length === candidate.periods.length) return candidate.id;
    }
    return null;
  }

  /** Rows added, removed, changed and unchanged per period, against the rows now current for those periods. */
  async function diffAgainstCurrent(tx: Tx, submissionId: number, datasetId: number, organisationId: number, rowsByPeriod: Map<string, number>): Promise<DiffSummary> {
    const periods = [...rowsByPeriod.keys()].sort();
    const previous = await tx
      .select({ period: submissionPeriods.period, submissionId: submissionPeriods.submissionId })
      .from(submissionPeriods)
      .where(and(eq(submissionPeriods.datasetId, datasetId), eq(submissionPeriods.organisationId, organisationId), isNull(submissionPeriods.supersededAt), inArray(submissionPeriods.period, periods)));
    // First data for every period: every row is added, which the check has counted already.
    if (!previous.length) return { periods: periods.map((period) => ({ period, previousSubmissionId: null, added: rowsByPeriod.get(period) ?? 0, removed: 0, changed: 0, unchanged: 0 })) };
    const counts = await queryRows<{ period: string; added: number; removed: number; changed: number; unchanged: number }>(
      tx,
      sql`with old as (
            select r.place_code, r.period, r.numbers, r.labels
            from submission_rows r
            join submission_periods p on p.submission_id = r.submission_id and p.period = r.period
            where p.dataset_id = ${datasetId} and p.organisation_id = ${organisationId} and p.superseded_at is null and p.period in ${periods}
          ), fresh as (
            select place_code, period, numbers, labels from submission_rows where submission_id = ${submissionId}
          )
          select coalesce(n.period, o.period) as period,
            count(*) filter (where o.place_code is null)::int as added,
            count(*) filter (where n.place_code is null)::int as removed,
            count(*) filter (where n.place_code is not null and o.place_code is not null and (n.numbers is distinct from o.numbers or n.labels is distinct from o.labels))::int as changed,
            count(*) filter (where n.place_code is not null and o.place_code is not null and n.numbers is not distinct from o.numbers and n.labels is not distinct from o.labels)::int as unchanged
          from fresh n full join old o on o.place_code = n.place_code and o.period = n.period
          group by 1`,
    );
    return {
      periods: periods.map((period) => {
        const c = counts.find((r) => r.period === period);
        return {
          period,
          previousSubmissionId: previous.find((p) => p.period === period)?.submissionId ?? null,
          added: Number(c?.added ?? 0),
          removed: Number(c?.removed ?? 0),
          changed: Number(c?.changed ?? 0),
          unchanged: Number(c?.unchanged ?? 0),
        };
      }),
    };
  }

  class Invalid extends Error {
    readonly check: SubmissionCheck;
    constructor(check: SubmissionCheck) {
      super('the submission has problems');
      this.check = check;
    }
  }

  return {
    dataset: (where: { id: number } | { slug: string }) => datasetFor(db, where),

    /** The dataset's columns, for showing the file's expected layout. */
    columnsOf: (datasetId: number) => db.select().from(datasetColumns).where(eq(datasetColumns.datasetId, datasetId)).orderBy(asc(datasetColumns.position)),

    /** Organisations expected to submit the dataset. */
    submitters: (datasetId: number) =>
      db
        .select({ id: organisations.id, name: organisations.name, orgId: organisations.orgId })
        .from(datasetSubmitters)
        .innerJoin(organisations, eq(organisations.id, datasetSubmitters.organisationId))
        .where(eq(datasetSubmitters.datasetId, datasetId))
        .orderBy(asc(organisations.name)),

    async isSubmitter(datasetId: number, organisationId: number | null): Promise<boolean> {
      if (organisationId === null) return false;
      const [row] = await db.select().from(datasetSubmitters).where(and(eq(datasetSubmitters.datasetId, datasetId), eq(datasetSubmitters.organisationId, organisationId)));
      return Boolean(row);
    },

    /**
     * Submits a file for an organisation. Throws SubmissionRefused (no such dataset, retired, not a
     * submitter) or SubmissionFileError (too large, not CSV, empty) before anything is read or stored.
     */
    async submit(actor: Actor, input: SubmitInput): Promise<SubmitResult> {
      const dataset = await datasetFor(db, { id: input.datasetId });
      if (!dataset) throw new SubmissionRefused(404, `There is no dataset ${input.datasetId}`);
      if (dataset.retiredAt) throw new SubmissionRefused(403, `“${dataset.name}” is retired: it takes no more submissions`);
      const [submitter] = await db
        .select({ name: organisations.name })
        .from(datasetSubmitters)
        .innerJoin(organisations, eq(organisations.id, datasetSubmitters.organisationId))
        .where(and(eq(datasetSubmitters.datasetId, dataset.id), eq(datasetSubmitters.organisationId, input.organisationId)));
      if (!submitter) throw new SubmissionRefused(403, `Your organisation does not submit “${dataset.name}”: the dataset’s owner names the organisations that do`);
      const fileName = input.fileName.replace(/[^\w.\- ]/g, '_').slice(0, 120) || 'upload.csv';
      const source = await sourceOf(input);
      try {
        const result = await db.transaction(async (tx): Promise<SubmitResult> => {
          // One submission at a time per dataset and organisation: the periods they supersede cannot race.
          await tx.execute(sql`select pg_advisory_xact_lock(${dataset.id}::int, ${input.organisationId}::int)`);
          const same = await identicalCurrent(tx, dataset.id, input.organisationId, source.sha256);
          if (same !== null) {
            const message = `The file is identical to submission #${same}: nothing changed`;
            if (input.apiToken) await recordTokenUse(tx, input.apiToken, submitter.name, { datasetId: dataset.id, outcome: message, at: new Date() });
            return { outcome: 'identical', submissionId: same, message };
          }
          const spec = await specFor(tx, dataset);
          const [row] = await tx
            .insert(submissions)
            .values({ datasetId: dataset.id, organisationId: input.organisationId, fileName, sha256: source.sha256, rows: 0, periods: [], submittedByUserId: actor.userId, submittedByLabel: actor.label, apiTokenId: input.apiToken?.id ?? null })
            .returning();
          if (!row) throw new Error('submission not stored');
          const check = emptyCheck();
          // COPY text a piece at a time (the server stores one piece while the next is checked); once a
          // problem is found nothing more is sent, and the transaction is rolled back below.
          const stored = await copyInto(tx, 'submission_rows', ['submission_id', 'line', 'place_code', 'period', 'numbers', 'labels'], submissionCopyPieces(spec, source.chunks(), check, row.id));
          if (check.problemCount) throw new Invalid(check);
          const periods = [...check.rowsByPeriod.keys()].sort();
          const total = [...check.rowsByPeriod.values()].reduce((a, b) => a + b, 0);
          if (stored !== total) throw new Error(`COPY stored ${stored} rows of ${total}`);
          const diff = await diffAgainstCurrent(tx, row.id, dataset.id, input.organisationId, check.rowsByPeriod);
          const [updated] = await tx.update(submissions).set({ rows: total, periods, diffSummary: diff as unknown as Record<string, unknown> }).where(eq(submissions.id, row.id)).returning();
          await tx
            .update(submissionPeriods)
            .set({ supersededAt: sql`now()`, supersededBySubmissionId: row.id })
            .where(and(eq(submissionPeriods.datasetId, dataset.id), eq(submissionPeriods.organisationId, input.organisationId), isNull(submissionPeriods.supersededAt), inArray(submissionPeriods.period, periods)));
          await tx.insert(submissionPeriods).values(periods.map((period) => ({ datasetId: dataset.id, organisationId: input.organisationId, period, submissionId: row.id, rows: check.rowsByPeriod.get(period) ?? 0 })));
          const words = describeDiff(diff);
          await recordAudit(tx, actor, {
            action: 'submit',
            entityType: 'submission',
            entityId: row.id,
            summary: `Submitted ${total} rows of “${dataset.name}” for ${submitter.name} (${fileName}): ${words.join('; ')}`,
            organisationId: input.organisationId,
          });
          if (input.apiToken) await recordTokenUse(tx, input.apiToken, submitter.name, { datasetId: dataset.id, outcome: `stored submission #${row.id}`, at: new Date() });
          return {
            outcome: 'stored',
            submission: { id: row.id, datasetId: dataset.id, organisationId: input.organisationId, fileName, sha256: source.sha256, rows: total, periods, submittedAt: updated?.submittedAt ?? row.submittedAt, submittedByLabel: actor.label, diff },
          };
        });
        if (result.outcome === 'stored') {
          deps.onChange?.();
          for (const after of deps.afterSubmit ?? []) await after(actor, result.submission);
        }
        return result;
      } catch (error) {
        if (error instanceof Invalid) return { outcome: 'invalid', check: error.check };
        throw error;
      } finally {
        await source.cleanup();
      }
    },

    /** Every submission of a dataset (optionally one organisation's), newest first, with the periods each still holds. */
    async history(datasetId: number, organisationId?: number) {
      const rows = await db
        .select({ submission: submissions, organisationName: organisations.name })
        .from(submissions)
        .innerJoin(organisations, eq(organisations.id, submissions.organisationId))
        .where(and(eq(submissions.datasetId, datasetId), organisationId === undefined ? undefined : eq(submissions.organisationId, organisationId)))
        .orderBy(desc(submissions.submittedAt), desc(submissions.id));
      const ids = rows.map((r) => r.submission.id);
      const held = ids.length ? await db.select().from(submissionPeriods).where(inArray(submissionPeriods.submissionId, ids)) : [];
      return rows.map(({ submission, organisationName }) => {
        const mine = held.filter((p) => p.submissionId === submission.id);
        const diff = submission.diffSummary as DiffSummary | null;
        return {
          id: submission.id,
          organisationId: submission.organisationId,
          organisationName,
          fileName: submission.fileName,
          rows: submission.rows,
          periods: submission.periods,
          submittedAt: submission.submittedAt,
          submittedByLabel: submission.submittedByLabel,
          viaApiToken: submission.apiTokenId !== null,
          diff,
          diffWords: describeDiff(diff),
          currentPeriods: mine.filter((p) => !p.supersededAt).map((p) => p.period).sort(),
          superseded: mine.filter((p) => p.supersededAt).map((p) => ({ period: p.period, at: p.supersededAt, bySubmissionId: p.supersededBySubmissionId })),
          current: mine.some((p) => !p.supersededAt),
        };
      });
    },

    /**
     * For each submitting organisation and each period whose due date (period end + due days) has
     * passed by `today`: missing (nothing submitted), late (first submitted after the due date, by the
     * London calendar) or on time.
     */
    async lateAndMissing(datasetId: number, today: string) {
      const dataset = await datasetFor(db, { id: datasetId });
      if (!dataset) return null;
      const due: PeriodDue[] = periodsDue(dataset, today);
      const submitters = await db
        .select({ id: organisations.id, name: organisations.name })
        .from(datasetSubmitters)
        .innerJoin(organisations, eq(organisations.id, datasetSubmitters.organisationId))
        .where(eq(datasetSubmitters.datasetId, datasetId))
        .orderBy(asc(organisations.name));
      const first = await db
        .select({ organisationId: submissionPeriods.organisationId, period: submissionPeriods.period, at: min(submissions.submittedAt) })
        .from(submissionPeriods)
        .innerJoin(submissions, eq(submissions.id, submissionPeriods.submissionId))
        .where(eq(submissionPeriods.datasetId, datasetId))
        .groupBy(submissionPeriods.organisationId, submissionPeriods.period);
      const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
      return {
        periodsDue: due,
        organisations: submitters.map((org) => {
          const periods = due.map(({ period, dueDate }) => {
            const found = first.find((f) => f.organisationId === org.id && f.period === period.label);
            const submittedOn = found?.at ? londonDate.format(found.at) : null;
            const status: 'missing' | 'late' | 'on_time' = !submittedOn ? 'missing' : submittedOn > dueDate ? 'late' : 'on_time';
            return { period: period.label, dueDate, status, firstSubmittedOn: submittedOn };
          });
          return {
            organisationId: org.id,
            name: org.name,
            periods,
            missing: periods.filter((p) => p.status === 'missing').map((p) => p.period),
            late: periods.filter((p) => p.status === 'late').map((p) => p.period),
            onTime: periods.filter((p) => p.status === 'on_time').length,
          };
        }),
      };
    },
  };
}

function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / 1024 / 1024)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export type SubmissionsService = ReturnType<typeof createSubmissionsService>;
