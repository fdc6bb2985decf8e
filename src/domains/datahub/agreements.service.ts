// Data-sharing agreements: parties, purpose, lawful basis, the datasets covered, dates, status and a
// link to the signed document. An agreement grants access only while live (status live and today
// within its start and end dates: see access.ts). Every change is an access change and is audited as
// one ('access-change', naming the agreement) in its transaction.
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { diffFields, recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db/database.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { decideAccess, type Access } from './access.ts';
import { agreementDatasets, agreementParties, agreements, agreementStatuses, datasetNamedOrganisations, datasets, organisations, type AgreementStatus } from './datahub.tables.ts';

/** The lawful bases a partnership usually relies on; any other can be written in. */
export const commonLawfulBases = [
  'UK GDPR Article 6(1)(e): public task',
  'UK GDPR Article 6(1)(c): legal obligation',
  'Crime and Disorder Act 1998, section 115',
  'UK GDPR Article 6(1)(f): legitimate interests',
] as const;

export const agreementStatusLabels: Record<AgreementStatus, string> = {
  draft: 'Draft: gives no access',
  live: 'Live: gives access between its start and end dates',
  suspended: 'Suspended: gives no access until made live again',
  ended: 'Ended: gives no access',
};

const realDate = (t: string) => {
  const d = new Date(`${t}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === t;
};
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-04-01')
  .refine(realDate, 'must be a real date');

const dateField = (label: string) =>
  z
    .string({ message: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-04-01')
    .refine(realDate, 'must be a real date');

export const agreementSchema = z.object({
  reference: z
    .string()
    .trim()
    .min(1, 'Enter the reference')
    .max(60, 'Reference must be 60 characters or fewer')
    .regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]*$/, 'Reference must use only letters, numbers, hyphens, slashes, dots and underscores, like BEDS-DSA-2025'),
  title: z.string().trim().min(1, 'Enter the title').max(200, 'Title must be 200 characters or fewer'),
  purpose: z.string().trim().min(1, 'Enter the purpose of the sharing').max(5000, 'Purpose must be 5,000 characters or fewer'),
  lawfulBasis: z.string().trim().min(1, 'Choose or write the lawful basis').max(500, 'Lawful basis must be 500 characters or fewer'),
  startDate: dateField('start date'),
  endDate: dateField('end date'),
  reviewDate: z.union([isoDate, z.literal('').transform(() => null), z.null()]),
  status: z.enum(agreementStatuses, { message: 'Choose the status' }),
  documentUrl: z.union([
    z
      .string()
      .trim()
      .regex(/^https:\/\/[^\s<>"]+$/i, 'Document link must be a web address starting with https://')
      .max(1000, 'Document link must be 1,000 characters or fewer'),
    z.literal('').transform(() => null),
    z.null(),
  ]),
  partyOrganisationIds: z.array(z.number().int().positive()),
  datasetIds: z.array(z.number().int().positive()),
});

export type AgreementInput = z.input<typeof agreementSchema>;
type AgreementValues = z.output<typeof agreementSchema>;

const fieldLabels: Record<string, string> = { startDate: 'Start date', endDate: 'End date', reviewDate: 'Review date' };

const sortedIds = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

export function validateAgreement(input: AgreementInput): AgreementValues {
  const parsed = agreementSchema.safeParse(input);
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const field = String(i.path[0] ?? 'input');
        const label = fieldLabels[field];
        // Date messages are "must be …": name the field in front of them.
        return { field, text: label && i.message.startsWith('must') ? `${label} ${i.message}` : i.message };
      });
  const parties = Array.isArray(input.partyOrganisationIds) ? new Set(input.partyOrganisationIds) : new Set();
  if (parties.size < 2) errors.push({ field: 'partyOrganisationIds', text: 'An agreement needs at least two parties' });
  // Date order, whenever the dates themselves are good (even if other fields are not).
  const dateOf = (v: unknown) => (typeof v === 'string' && isoDate.safeParse(v).success ? v.trim() : null);
  const [start, end, review] = [dateOf(input.startDate), dateOf(input.endDate), dateOf(input.reviewDate)];
  if (start && end && end < start) errors.push({ field: 'endDate', text: 'End date must be the same as or after the start date' });
  if (start && review && review < start) errors.push({ field: 'reviewDate', text: 'Review date must be the same as or after the start date' });
  // One problem per field: the first is the one to fix.
  const firstPerField = errors.filter((e, i) => errors.findIndex((f) => f.field === e.field) === i);
  if (firstPerField.length || !parsed.success) throw new ValidationError(firstPerField);
  return { ...parsed.data, partyOrganisationIds: sortedIds(parsed.data.partyOrganisationIds), datasetIds: sortedIds(parsed.data.datasetIds) };
}

/** Whether an agreement gives access today: live, started, and not past its end date. */
export function isLive(agreement: { status: AgreementStatus; startDate: string; endDate: string }, today: string): boolean {
  return agreement.status === 'live' && agreement.startDate <= today && today <= agreement.endDate;
}

/** Where an agreement stands today, in words. */
export function agreementState(agreement: { status: AgreementStatus; startDate: string; endDate: string }, today: string): { live: boolean; text: string } {
  if (agreement.status !== 'live') return { live: false, text: { draft: 'Draft', suspended: 'Suspended', ended: 'Ended', live: 'Live' }[agreement.status] };
  if (today < agreement.startDate) return { live: false, text: 'Live, not started yet' };
  if (today > agreement.endDate) return { live: false, text: 'Expired' };
  return { live: true, text: 'Live' };
}

export type AgreementRow = typeof agreements.$inferSelect;

export interface AgreementDetail {
  agreement: AgreementRow;
  parties: { id: number; orgId: string; name: string }[];
  datasets: { id: number; slug: string; name: string; sensitivity: 'public' | 'all_partners' | 'named_organisations'; ownerOrganisationId: number }[];
}

export async function agreementDetail(tx: DbOrTx, id: number): Promise<AgreementDetail | null> {
  const [agreement] = await tx.select().from(agreements).where(eq(agreements.id, id));
  if (!agreement) return null;
  const parties = await tx
    .select({ id: organisations.id, orgId: organisations.orgId, name: organisations.name })
    .from(agreementParties)
    .innerJoin(organisations, eq(organisations.id, agreementParties.organisationId))
    .where(eq(agreementParties.agreementId, id))
    .orderBy(asc(organisations.name));
  const covered = await tx
    .select({ id: datasets.id, slug: datasets.slug, name: datasets.name, sensitivity: datasets.sensitivity, ownerOrganisationId: datasets.ownerOrganisationId })
    .from(agreementDatasets)
    .innerJoin(datasets, eq(datasets.id, agreementDatasets.datasetId))
    .where(eq(agreementDatasets.agreementId, id))
    .orderBy(asc(datasets.name));
  return { agreement, parties, datasets: covered };
}

export function agreementInputOf(detail: AgreementDetail): AgreementInput {
  const a = detail.agreement;
  return {
    reference: a.reference,
    title: a.title,
    purpose: a.purpose,
    lawfulBasis: a.lawfulBasis,
    startDate: a.startDate,
    endDate: a.endDate,
    reviewDate: a.reviewDate,
    status: a.status,
    documentUrl: a.documentUrl,
    partyOrganisationIds: sortedIds(detail.parties.map((p) => p.id)),
    datasetIds: sortedIds(detail.datasets.map((d) => d.id)),
  };
}

export interface MatrixCell {
  access: Access;
  /** What this agreement does for the party: gives access, would once live, or cannot (and why). */
  text: string;
}

export interface WhoCanSeeWhat {
  live: boolean;
  state: string;
  rows: { dataset: AgreementDetail['datasets'][number]; cells: { party: AgreementDetail['parties'][number]; cell: MatrixCell }[] }[];
}

/** Each dataset × each party: what this agreement gives that party today, and from when to when. */
export async function whoCanSeeWhat(tx: DbOrTx, detail: AgreementDetail, today: string): Promise<WhoCanSeeWhat> {
  const state = agreementState(detail.agreement, today);
  const datasetIds = detail.datasets.map((d) => d.id);
  const named = datasetIds.length
    ? await tx.select({ datasetId: datasetNamedOrganisations.datasetId, organisationId: datasetNamedOrganisations.organisationId }).from(datasetNamedOrganisations).where(inArray(datasetNamedOrganisations.datasetId, datasetIds))
    : [];
  const { startDate, endDate } = detail.agreement;
  const rows = detail.datasets.map((dataset) => ({
    dataset,
    cells: detail.parties.map((party) => {
      const isNamed = named.some((n) => n.datasetId === dataset.id && n.organisationId === party.id);
      // As if live: would this agreement give the party access? Then say whether it does today.
      const potential = decideAccess({ dataset, viewer: { userId: 0, organisationId: party.id }, liveAgreementIds: [detail.agreement.id], named: isNamed });
      let text: string;
      if (potential.basis === 'owner') text = 'Owner: sees everything, raw';
      else if (potential.basis === 'public') text = 'Public dataset: everyone sees it';
      else if (!potential.allowed) text = 'No: the dataset does not name this organisation';
      else if (state.live) text = `Yes, ${startDate} to ${endDate}`;
      else text = `Not now (${state.text.toLowerCase()}): ${startDate} to ${endDate} once live`;
      const access = potential.basis === 'agreement' && !state.live ? { ...potential, allowed: false, basis: 'none' as const, agreementId: null, reason: `The agreement is ${state.text.toLowerCase()}` } : potential;
      return { party, cell: { access, text } };
    }),
  }));
  return { live: state.live, state: state.text, rows };
}

export function createAgreementsService(db: Db, hooks: { onChange: () => void } = { onChange: () => {} }) {
  async function checkReferences(tx: Tx, values: AgreementValues, id: number | null): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const [clash] = await tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.reference, values.reference));
    if (clash && clash.id !== id) errors.push({ field: 'reference', text: `Another agreement already has the reference ${values.reference}` });
    const orgs = await tx.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, values.partyOrganisationIds));
    for (const partyId of values.partyOrganisationIds) if (!orgs.some((o) => o.id === partyId)) errors.push({ field: 'partyOrganisationIds', text: `There is no organisation with id ${partyId}` });
    if (values.datasetIds.length) {
      const found = await tx.select({ id: datasets.id }).from(datasets).where(inArray(datasets.id, values.datasetIds));
      for (const datasetId of values.datasetIds) if (!found.some((d) => d.id === datasetId)) errors.push({ field: 'datasetIds', text: `There is no dataset with id ${datasetId}` });
    }
    return errors;
  }

  async function writeLinks(tx: Tx, id: number, values: AgreementValues) {
    await tx.delete(agreementParties).where(eq(agreementParties.agreementId, id));
    await tx.insert(agreementParties).values(values.partyOrganisationIds.map((organisationId) => ({ agreementId: id, organisationId })));
    await tx.delete(agreementDatasets).where(eq(agreementDatasets.agreementId, id));
    if (values.datasetIds.length) await tx.insert(agreementDatasets).values(values.datasetIds.map((datasetId) => ({ agreementId: id, datasetId })));
  }

  const scalar = (v: AgreementValues) => ({
    reference: v.reference,
    title: v.title,
    purpose: v.purpose,
    lawfulBasis: v.lawfulBasis,
    startDate: v.startDate,
    endDate: v.endDate,
    reviewDate: v.reviewDate,
    status: v.status,
    documentUrl: v.documentUrl,
  });

  async function mustGet(tx: DbOrTx, id: number): Promise<AgreementDetail> {
    const detail = await agreementDetail(tx, id);
    if (!detail) throw new Error(`agreement ${id} vanished`);
    return detail;
  }

  return {
    detail: (id: number) => agreementDetail(db, id),

    /** Every agreement (or those an organisation is a party to), newest start first, with counts. */
    async list(filter: { partyOrganisationId?: number } = {}) {
      const rows = await db.select().from(agreements).orderBy(asc(agreements.startDate), asc(agreements.reference));
      const parties = await db.select().from(agreementParties);
      const covered = await db.select().from(agreementDatasets);
      return rows
        .filter((a) => filter.partyOrganisationId === undefined || parties.some((p) => p.agreementId === a.id && p.organisationId === filter.partyOrganisationId))
        .map((a) => ({ ...a, parties: parties.filter((p) => p.agreementId === a.id).length, datasets: covered.filter((d) => d.agreementId === a.id).length }))
        .reverse();
    },

    async whoCanSeeWhat(id: number, today: string) {
      const detail = await agreementDetail(db, id);
      return detail ? { detail, matrix: await whoCanSeeWhat(db, detail, today) } : null;
    },

    async create(input: AgreementInput, actor: Actor, context: { organisationId?: number | null } = {}): Promise<AgreementDetail> {
      const values = validateAgreement(input);
      const detail = await db.transaction(async (tx) => {
        const errors = await checkReferences(tx, values, null);
        if (errors.length) throw new ValidationError(errors);
        const [row] = await tx.insert(agreements).values({ ...scalar(values), createdByLabel: actor.label }).returning({ id: agreements.id });
        if (!row) throw new Error('insert returned no row');
        await writeLinks(tx, row.id, values);
        await recordAudit(tx, actor, {
          action: 'access-change',
          entityType: 'agreement',
          entityId: row.id,
          summary: `Recorded agreement ${values.reference} "${values.title}" (${values.status}, ${values.startDate} to ${values.endDate}): ${values.partyOrganisationIds.length} parties, ${values.datasetIds.length} datasets`,
          changes: diffFields({} as Record<string, unknown>, values as unknown as Record<string, unknown>),
          organisationId: context.organisationId ?? null,
          agreementId: row.id,
        });
        return mustGet(tx, row.id);
      });
      hooks.onChange();
      return detail;
    },

    async update(id: number, input: AgreementInput, actor: Actor, context: { organisationId?: number | null; reason?: string | null } = {}): Promise<AgreementDetail> {
      const values = validateAgreement(input);
      const detail = await db.transaction(async (tx) => {
        const before = await agreementDetail(tx, id);
        if (!before) throw new ValidationError([{ field: 'input', text: `There is no agreement ${id}` }]);
        const errors = await checkReferences(tx, values, id);
        if (errors.length) throw new ValidationError(errors);
        const changes = diffFields(agreementInputOf(before) as unknown as Record<string, unknown>, values as unknown as Record<string, unknown>);
        if (!Object.keys(changes).length) return before;
        await tx.update(agreements).set(scalar(values)).where(eq(agreements.id, id));
        await writeLinks(tx, id, values);
        await recordAudit(tx, actor, {
          action: 'access-change',
          entityType: 'agreement',
          entityId: id,
          summary: `Changed agreement ${values.reference}: ${Object.keys(changes).join(', ')}`,
          changes,
          reason: context.reason ?? null,
          organisationId: context.organisationId ?? null,
          agreementId: id,
        });
        return mustGet(tx, id);
      });
      hooks.onChange();
      return detail;
    },

    /** Draft → live, live → suspended, and so on: any status may follow any other; audited with the reason. */
    async setStatus(id: number, status: string, actor: Actor, context: { organisationId?: number | null; reason?: string | null } = {}): Promise<AgreementDetail> {
      if (!(agreementStatuses as readonly string[]).includes(status)) throw new ValidationError([{ field: 'status', text: `Status must be one of ${agreementStatuses.join(', ')}` }]);
      const next = status as AgreementStatus;
      const detail = await db.transaction(async (tx) => {
        const before = await agreementDetail(tx, id);
        if (!before) throw new ValidationError([{ field: 'input', text: `There is no agreement ${id}` }]);
        if (before.agreement.status === next) return before;
        await tx.update(agreements).set({ status: next }).where(eq(agreements.id, id));
        await recordAudit(tx, actor, {
          action: 'access-change',
          entityType: 'agreement',
          entityId: id,
          summary: `Agreement ${before.agreement.reference} made ${next} (was ${before.agreement.status})`,
          changes: { status: { from: before.agreement.status, to: next } },
          reason: context.reason?.trim() || null,
          organisationId: context.organisationId ?? null,
          agreementId: id,
        });
        return mustGet(tx, id);
      });
      hooks.onChange();
      return detail;
    },
  };
}

export type AgreementsService = ReturnType<typeof createAgreementsService>;
