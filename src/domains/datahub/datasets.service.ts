// Dataset definitions: who owns a dataset, its columns, geography, periods and schedule, how
// sensitive it is and the disclosure rule others see it through; who submits it; which organisations
// it names. Input is checked whole (zod) with an error per field; every change is audited in its
// transaction. Once a dataset has submissions, its stored rows depend on its columns (numbers and
// labels are kept in column order), so existing columns keep their name, type and order and new
// columns can only be added, optional, at the end.
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { diffFields, recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db/database.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import {
  columnTypes,
  datasetColumns,
  datasetGeographyLevels,
  datasetNamedOrganisations,
  datasets,
  datasetSubmitters,
  organisations,
  periodTypes,
  sensitivities,
  submissions,
  type ColumnType,
  type DatasetGeographyLevel,
  type PeriodType,
  type Sensitivity,
} from './datahub.tables.ts';
import { periodExamples, parseDatasetPeriod } from './periods.ts';

export const geographyLabels: Record<DatasetGeographyLevel, string> = {
  lsoa: 'LSOA (lower layer super output area)',
  ward: 'Ward',
  local_authority: 'Local authority',
  csp: 'Community safety partnership',
  force_area: 'Police force area',
};
export const sensitivityLabels: Record<Sensitivity, string> = {
  public: 'Public: anyone, with the disclosure rule applied',
  all_partners: 'All partners: organisations in a live agreement covering it',
  named_organisations: 'Named organisations: only those it names, and only under a live agreement',
};
export const columnTypeLabels: Record<ColumnType, string> = {
  count: 'count (whole number; the disclosure rule applies)',
  number: 'number (any number, like a rate or an amount)',
  category: 'category (one of the allowed values)',
  text: 'text',
};

/** Names the upload format uses for the place and period: no column may take them. */
export const reservedColumnNames = ['place_code', 'period'] as const;

const columnSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'Name must start with a lower-case letter and use only lower-case letters, numbers and underscores, like referrals_total')
      .refine((n) => !(reservedColumnNames as readonly string[]).includes(n), { message: `Name cannot be ${reservedColumnNames.join(' or ')}: the upload uses those for the place and period` }),
    label: z.string().trim().min(1, 'Enter a label').max(200, 'Label must be 200 characters or fewer'),
    type: z.enum(columnTypes, { message: `Type must be one of ${columnTypes.join(', ')}` }),
    unit: z.string().trim().max(100, 'Unit must be 100 characters or fewer').nullable().transform((u) => (u ? u : null)),
    allowedValues: z.array(z.string().trim().min(1).max(200)).nullable(),
    required: z.boolean(),
  })
  .superRefine((c, ctx) => {
    if (c.type === 'category') {
      if (!c.allowedValues?.length) ctx.addIssue({ code: 'custom', path: ['allowedValues'], message: 'A category column needs its allowed values' });
      else if (new Set(c.allowedValues).size !== c.allowedValues.length) ctx.addIssue({ code: 'custom', path: ['allowedValues'], message: 'Allowed values must not repeat' });
    } else if (c.allowedValues?.length) {
      ctx.addIssue({ code: 'custom', path: ['allowedValues'], message: 'Only category columns have allowed values' });
    }
  });

export type ColumnInput = z.input<typeof columnSchema>;

const whole = (label: string, min: number, max: number) =>
  z
    .number({ message: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min} or more`)
    .max(max, `${label} must be ${max} or less`);

export const datasetSchema = z
  .object({
    ownerOrganisationId: z.number({ message: 'Choose the organisation that owns the dataset' }).int().positive('Choose the organisation that owns the dataset'),
    name: z.string().trim().min(1, 'Enter the name of the dataset').max(200, 'Name must be 200 characters or fewer'),
    slug: z
      .string()
      .trim()
      .min(1, 'Enter a short name for web addresses')
      .max(100, 'Short name must be 100 characters or fewer')
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Short name must use only lower-case letters, numbers and single hyphens, like idva-referrals-luton'),
    description: z.string().trim().max(5000, 'Description must be 5,000 characters or fewer'),
    columns: z.array(columnSchema).min(1, 'A dataset needs at least one column').max(50, 'A dataset can have at most 50 columns'),
    geographyLevel: z.enum(datasetGeographyLevels, { message: 'Choose the geography level' }),
    periodType: z.enum(periodTypes, { message: 'Choose the period type' }),
    firstPeriod: z.string().trim().min(1, 'Enter the first period data is expected for'),
    dueDaysAfterPeriod: whole('Days after the period', 0, 366),
    sensitivity: z.enum(sensitivities, { message: 'Choose who may see the dataset' }),
    suppressBelow: whole('Suppress counts below', 1, 1000).nullable(),
    roundTo: whole('Round counts to base', 1, 1000).nullable(),
    secondarySuppression: z.boolean(),
    submitterOrganisationIds: z.array(z.number().int().positive()),
    namedOrganisationIds: z.array(z.number().int().positive()),
  });

/** Checks across fields, run on the input even when single fields fail, so every problem shows at once. */
function crossFieldProblems(d: DatasetInput): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  for (const [i, c] of (Array.isArray(d.columns) ? d.columns : []).entries()) {
    const name = typeof c?.name === 'string' ? c.name.trim() : '';
    if (name && names.has(name)) errors.push({ field: 'columns', text: `Column ${i + 1} (name): Name ${name} is used by an earlier column` });
    names.add(name);
  }
  const type = (periodTypes as readonly string[]).includes(d.periodType) ? d.periodType : null;
  if (type && typeof d.firstPeriod === 'string' && d.firstPeriod.trim() && !parseDatasetPeriod(type, d.firstPeriod)) {
    errors.push({ field: 'firstPeriod', text: `First period must be a ${type}, like ${periodExamples[type]}` });
  }
  const named = Array.isArray(d.namedOrganisationIds) ? d.namedOrganisationIds : [];
  if (d.sensitivity === 'named_organisations' && !named.length) errors.push({ field: 'namedOrganisationIds', text: 'Choose the organisations the dataset is shared with' });
  if (d.sensitivity !== 'named_organisations' && named.length) {
    errors.push({ field: 'namedOrganisationIds', text: 'Only datasets shared with named organisations name organisations: choose that, or clear the named organisations' });
  }
  return errors;
}

export type DatasetInput = z.input<typeof datasetSchema>;
type DatasetValues = z.output<typeof datasetSchema>;

/** zod issues as form errors: the field is the form field, columns are named by their number. */
function fieldErrors(issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const [field, index, part] = issue.path;
    if (field === 'columns' && typeof index === 'number') {
      return { field: 'columns', text: `Column ${index + 1}${part ? ` (${String(part) === 'allowedValues' ? 'allowed values' : String(part)})` : ''}: ${issue.message}` };
    }
    return { field: String(field ?? 'input'), text: issue.message };
  });
}

const sortedIds = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

export function validateDataset(input: DatasetInput): DatasetValues {
  const parsed = datasetSchema.safeParse(input);
  const all = [...(parsed.success ? [] : fieldErrors(parsed.error.issues)), ...crossFieldProblems(input)];
  // One problem per field (per column part): the first is the one to fix.
  const key = (e: FieldError) => (e.field === 'columns' ? (/^Column \d+( \([^)]*\))?/.exec(e.text)?.[0] ?? e.text) : e.field);
  const errors = all.filter((e, i) => all.findIndex((f) => key(f) === key(e)) === i);
  if (errors.length || !parsed.success) throw new ValidationError(errors);
  const values = parsed.data;
  const first = parseDatasetPeriod(values.periodType, values.firstPeriod);
  if (first) values.firstPeriod = first.label;
  if (!values.submitterOrganisationIds.length) values.submitterOrganisationIds = [values.ownerOrganisationId];
  values.submitterOrganisationIds = sortedIds(values.submitterOrganisationIds);
  values.namedOrganisationIds = sortedIds(values.namedOrganisationIds);
  return values;
}

export type DatasetRow = typeof datasets.$inferSelect;
export type DatasetColumnRow = typeof datasetColumns.$inferSelect;
export interface OrganisationRef {
  id: number;
  orgId: string;
  name: string;
}

export interface DatasetDetail {
  dataset: DatasetRow;
  owner: OrganisationRef;
  columns: DatasetColumnRow[];
  submitters: OrganisationRef[];
  named: OrganisationRef[];
  submissionCount: number;
}

async function organisationRefs(tx: DbOrTx, ids: number[]): Promise<OrganisationRef[]> {
  if (!ids.length) return [];
  return tx.select({ id: organisations.id, orgId: organisations.orgId, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).orderBy(asc(organisations.name));
}

export async function datasetDetail(tx: DbOrTx, where: { id: number } | { slug: string }): Promise<DatasetDetail | null> {
  const [dataset] = await tx
    .select()
    .from(datasets)
    .where('id' in where ? eq(datasets.id, where.id) : eq(datasets.slug, where.slug));
  if (!dataset) return null;
  const [owner] = await organisationRefs(tx, [dataset.ownerOrganisationId]);
  if (!owner) throw new Error(`dataset ${dataset.id} has no owner organisation`);
  const columns = await tx.select().from(datasetColumns).where(eq(datasetColumns.datasetId, dataset.id)).orderBy(asc(datasetColumns.position));
  const submitterIds = (await tx.select({ id: datasetSubmitters.organisationId }).from(datasetSubmitters).where(eq(datasetSubmitters.datasetId, dataset.id))).map((r) => r.id);
  const namedIds = (await tx.select({ id: datasetNamedOrganisations.organisationId }).from(datasetNamedOrganisations).where(eq(datasetNamedOrganisations.datasetId, dataset.id))).map((r) => r.id);
  const [submitted] = await tx.select({ n: count() }).from(submissions).where(eq(submissions.datasetId, dataset.id));
  return { dataset, owner, columns, submitters: await organisationRefs(tx, submitterIds), named: await organisationRefs(tx, namedIds), submissionCount: Number(submitted?.n ?? 0) };
}

/** The input that reproduces a dataset as it is (for the edit form). */
export function inputOf(detail: DatasetDetail): DatasetInput {
  const d = detail.dataset;
  return {
    ownerOrganisationId: d.ownerOrganisationId,
    name: d.name,
    slug: d.slug,
    description: d.description,
    columns: detail.columns.map((c) => ({ name: c.name, label: c.label, type: c.type, unit: c.unit, allowedValues: c.allowedValues, required: c.required })),
    geographyLevel: d.geographyLevel,
    periodType: d.periodType,
    firstPeriod: d.firstPeriod,
    dueDaysAfterPeriod: d.dueDaysAfterPeriod,
    sensitivity: d.sensitivity,
    suppressBelow: d.suppressBelow,
    roundTo: d.roundTo,
    secondarySuppression: d.secondarySuppression,
    submitterOrganisationIds: sortedIds(detail.submitters.map((o) => o.id)),
    namedOrganisationIds: sortedIds(detail.named.map((o) => o.id)),
  };
}

/** Organisations named in the input must exist and be open. */
async function checkOrganisations(tx: DbOrTx, values: DatasetValues): Promise<FieldError[]> {
  const ids = [...new Set([values.ownerOrganisationId, ...values.submitterOrganisationIds, ...values.namedOrganisationIds])];
  const rows = await tx.select({ id: organisations.id, closedAt: organisations.closedAt, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids));
  const open = new Set(rows.filter((r) => !r.closedAt).map((r) => r.id));
  const errors: FieldError[] = [];
  const check = (field: string, id: number, what: string) => {
    if (open.has(id)) return;
    const closed = rows.find((r) => r.id === id);
    errors.push({ field, text: closed ? `${closed.name} is closed and cannot be ${what}` : `There is no organisation with id ${id}` });
  };
  check('ownerOrganisationId', values.ownerOrganisationId, 'the owner');
  for (const id of values.submitterOrganisationIds) check('submitterOrganisationIds', id, 'a submitter');
  for (const id of values.namedOrganisationIds) check('namedOrganisationIds', id, 'named');
  return errors;
}

/**
 * With submissions stored, the stored rows hold values by column order: existing columns must stay
 * (same name, type and place) and new ones go at the end, optional. Says why each change is refused.
 */
export function columnChangeProblems(before: DatasetColumnRow[], after: DatasetValues['columns'], submissionCount: number): FieldError[] {
  if (submissionCount === 0) return [];
  const why = `${submissionCount} submission${submissionCount === 1 ? ' holds' : 's hold'} data in it`;
  const problems: FieldError[] = [];
  for (const [i, old] of before.entries()) {
    const now = after[i];
    const moved = after.findIndex((c) => c.name === old.name);
    if (moved < 0) problems.push({ field: 'columns', text: `Column ${old.name} cannot be removed: ${why}` });
    else if (moved !== i) problems.push({ field: 'columns', text: `Column ${old.name} cannot move from position ${i + 1} to ${moved + 1}: ${why}, stored in column order` });
    else if (now && now.type !== old.type) problems.push({ field: 'columns', text: `Column ${old.name} cannot change type from ${old.type} to ${now.type}: ${why}` });
    else if (now && now.required && !old.required) problems.push({ field: 'columns', text: `Column ${old.name} cannot become required: ${why}, and earlier submissions may leave it empty` });
    else if (now && old.type === 'category') {
      const removed = (old.allowedValues ?? []).filter((v) => !(now.allowedValues ?? []).includes(v));
      if (removed.length) problems.push({ field: 'columns', text: `Column ${old.name} cannot drop allowed values (${removed.join(', ')}): ${why}` });
    }
  }
  for (const [i, added] of after.slice(before.length).entries()) {
    if (added.required) problems.push({ field: 'columns', text: `Column ${before.length + i + 1} (${added.name}) must be optional: ${why}, without this column` });
  }
  return problems;
}

export interface DatasetsServiceHooks {
  onChange: () => void;
}

export function createDatasetsService(db: Db, hooks: DatasetsServiceHooks = { onChange: () => {} }) {
  async function writeChildren(tx: Tx, datasetId: number, values: DatasetValues, replaceColumns: boolean) {
    if (replaceColumns) {
      // Columns keep their ids (measure feeds may point at them): changed in place, matched by name.
      const existing = await tx.select({ id: datasetColumns.id, name: datasetColumns.name }).from(datasetColumns).where(eq(datasetColumns.datasetId, datasetId));
      const kept = new Set(values.columns.map((c) => c.name));
      const gone = existing.filter((c) => !kept.has(c.name)).map((c) => c.id);
      if (gone.length) await tx.delete(datasetColumns).where(inArray(datasetColumns.id, gone));
      // Out of the way first, so positions can be swapped without breaking their uniqueness.
      await tx.update(datasetColumns).set({ position: sql`-${datasetColumns.position}` }).where(eq(datasetColumns.datasetId, datasetId));
      for (const [i, c] of values.columns.entries()) {
        const row = { position: i + 1, label: c.label, type: c.type, unit: c.unit, allowedValues: c.type === 'category' ? c.allowedValues : null, required: c.required };
        const match = existing.find((e) => e.name === c.name);
        if (match) await tx.update(datasetColumns).set(row).where(eq(datasetColumns.id, match.id));
        else await tx.insert(datasetColumns).values({ datasetId, name: c.name, ...row });
      }
    }
    await tx.delete(datasetSubmitters).where(eq(datasetSubmitters.datasetId, datasetId));
    await tx.insert(datasetSubmitters).values(values.submitterOrganisationIds.map((organisationId) => ({ datasetId, organisationId })));
    await tx.delete(datasetNamedOrganisations).where(eq(datasetNamedOrganisations.datasetId, datasetId));
    if (values.namedOrganisationIds.length) await tx.insert(datasetNamedOrganisations).values(values.namedOrganisationIds.map((organisationId) => ({ datasetId, organisationId })));
  }

  const scalar = (v: DatasetValues) => ({
    ownerOrganisationId: v.ownerOrganisationId,
    name: v.name,
    slug: v.slug,
    description: v.description,
    geographyLevel: v.geographyLevel,
    periodType: v.periodType as PeriodType,
    firstPeriod: v.firstPeriod,
    dueDaysAfterPeriod: v.dueDaysAfterPeriod,
    sensitivity: v.sensitivity,
    suppressBelow: v.suppressBelow,
    roundTo: v.roundTo,
    secondarySuppression: v.secondarySuppression,
  });

  return {
    detail: (where: { id: number } | { slug: string }) => datasetDetail(db, where),

    /** Every dataset (retired too), by name, with its owner: for admin lists. */
    async all() {
      return db
        .select({ id: datasets.id, slug: datasets.slug, name: datasets.name, sensitivity: datasets.sensitivity, ownerName: organisations.name, retiredAt: datasets.retiredAt })
        .from(datasets)
        .innerJoin(organisations, eq(organisations.id, datasets.ownerOrganisationId))
        .orderBy(asc(datasets.name));
    },

    /** Open organisations, by name: the choices for owner, submitters and named organisations. */
    async organisationChoices(): Promise<OrganisationRef[]> {
      const rows = await db.select({ id: organisations.id, orgId: organisations.orgId, name: organisations.name, closedAt: organisations.closedAt }).from(organisations).orderBy(asc(organisations.name));
      return rows.filter((r) => !r.closedAt).map(({ id, orgId, name }) => ({ id, orgId, name }));
    },

    async create(input: DatasetInput, actor: Actor, context: { organisationId?: number | null } = {}): Promise<DatasetDetail> {
      const values = validateDataset(input);
      const detail = await db.transaction(async (tx) => {
        const errors = await checkOrganisations(tx, values);
        const [clash] = await tx.select({ id: datasets.id }).from(datasets).where(eq(datasets.slug, values.slug));
        if (clash) errors.push({ field: 'slug', text: `Another dataset already uses the short name ${values.slug}` });
        if (errors.length) throw new ValidationError(errors);
        const [row] = await tx.insert(datasets).values({ ...scalar(values), createdByLabel: actor.label }).returning({ id: datasets.id });
        if (!row) throw new Error('insert returned no row');
        await writeChildren(tx, row.id, values, true);
        await recordAudit(tx, actor, {
          action: 'create',
          entityType: 'dataset',
          entityId: row.id,
          summary: `Defined dataset "${values.name}" (${values.columns.length} column${values.columns.length === 1 ? '' : 's'}, ${values.sensitivity.replace('_', ' ')})`,
          changes: diffFields({} as Record<string, unknown>, { ...scalar(values), columns: values.columns, submitterOrganisationIds: values.submitterOrganisationIds, namedOrganisationIds: values.namedOrganisationIds }),
          organisationId: context.organisationId ?? null,
        });
        const created = await datasetDetail(tx, { id: row.id });
        if (!created) throw new Error('dataset vanished');
        return created;
      });
      hooks.onChange();
      return detail;
    },

    async update(id: number, input: DatasetInput, actor: Actor, context: { organisationId?: number | null } = {}): Promise<DatasetDetail> {
      const values = validateDataset(input);
      const detail = await db.transaction(async (tx) => {
        const before = await datasetDetail(tx, { id });
        if (!before) throw new ValidationError([{ field: 'input', text: `There is no dataset ${id}` }]);
        const errors = await checkOrganisations(tx, values);
        const [clash] = await tx.select({ id: datasets.id }).from(datasets).where(eq(datasets.slug, values.slug));
        if (clash && clash.id !== id) errors.push({ field: 'slug', text: `Another dataset already uses the short name ${values.slug}` });
        errors.push(...columnChangeProblems(before.columns, values.columns, before.submissionCount));
        if (before.submissionCount > 0 && (values.periodType !== before.dataset.periodType || values.geographyLevel !== before.dataset.geographyLevel)) {
          errors.push({ field: values.periodType !== before.dataset.periodType ? 'periodType' : 'geographyLevel', text: `The period type and geography level cannot change: ${before.submissionCount} submission(s) hold data by them` });
        }
        if (errors.length) throw new ValidationError(errors);
        const beforeInput = inputOf(before);
        const changes = diffFields(beforeInput as unknown as Record<string, unknown>, values as unknown as Record<string, unknown>);
        if (!Object.keys(changes).length) return before;
        await tx.update(datasets).set(scalar(values)).where(eq(datasets.id, id));
        await writeChildren(tx, id, values, 'columns' in changes);
        await recordAudit(tx, actor, {
          action: 'update',
          entityType: 'dataset',
          entityId: id,
          summary: `Changed dataset "${values.name}": ${Object.keys(changes).join(', ')}`,
          changes,
          organisationId: context.organisationId ?? null,
        });
        const after = await datasetDetail(tx, { id });
        if (!after) throw new Error('dataset vanished');
        return after;
      });
      hooks.onChange();
      return detail;
    },
  };
}

export type DatasetsService = ReturnType<typeof createDatasetsService>;
