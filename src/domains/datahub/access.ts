// The access rule every partner-data route uses: who may see a dataset, on what basis, raw or with
// the disclosure rule applied.
//   - the owner organisation's users: everything, raw;
//   - public datasets: everyone (anonymous too), disclosure applied;
//   - all_partners: users whose organisation is a party to a live agreement (status 'live' and
//     start_date <= today <= end_date) covering the dataset; disclosure applied;
//   - named_organisations: as all_partners, and the organisation is named on the dataset;
//   - otherwise no access. An agreement past its end date cuts access that day; a draft, suspended
//     or ended one gives none; one starting later gives none yet.
// One pure decision (decideAccess) serves the single check, the list and "who can see it".
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Request } from 'express';
import type { Role } from '../../platform/auth/auth.tables.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import '../../platform/http/types.ts';
import { agreementDatasets, agreementParties, agreements, datasetNamedOrganisations, datasets, organisations, userOrganisations, type Sensitivity } from './datahub.tables.ts';

export interface Viewer {
  userId: number | null;
  role: Role | null;
  /** The organisation the user acts for (none for anonymous visitors and users without one). */
  organisationId: number | null;
  /** For the audit log: "Name <email>", or "anonymous". */
  label: string;
}

export type AccessBasis = 'owner' | 'public' | 'agreement' | 'none';

export interface Access {
  allowed: boolean;
  basis: AccessBasis;
  agreementId: number | null;
  /** True only for the owner: no disclosure control. */
  raw: boolean;
  reason: string;
}

export const anonymousViewer: Viewer = { userId: null, role: null, organisationId: null, label: 'anonymous' };

/** The viewer for a user: the organisation they act for, if any (a closed organisation counts as none). */
export async function viewerForUser(db: DbOrTx, user: { id: number; role: Role; displayName: string; email: string } | null | undefined): Promise<Viewer> {
  if (!user) return anonymousViewer;
  const [row] = await db
    .select({ organisationId: userOrganisations.organisationId })
    .from(userOrganisations)
    .innerJoin(organisations, eq(organisations.id, userOrganisations.organisationId))
    .where(and(eq(userOrganisations.userId, user.id), isNull(organisations.closedAt)));
  return { userId: user.id, role: user.role, organisationId: row?.organisationId ?? null, label: `${user.displayName} <${user.email}>` };
}

/** The viewer making a request (anonymous when nobody is signed in). */
export function viewerOf(req: Request, db: DbOrTx): Promise<Viewer> {
  return viewerForUser(db, req.user);
}

export interface LiveAgreement {
  agreementId: number;
  datasetId: number;
  organisationId: number;
}

/** The facts one decision needs, for one dataset and one viewer's organisation. */
export interface AccessFacts {
  dataset: { id: number; ownerOrganisationId: number; sensitivity: Sensitivity };
  viewer: Pick<Viewer, 'userId' | 'organisationId'>;
  /** Live agreements today covering this dataset with the viewer's organisation as a party, lowest id first. */
  liveAgreementIds: number[];
  /** Whether the viewer's organisation is named on the dataset. */
  named: boolean;
}

export function decideAccess(facts: AccessFacts): Access {
  const { dataset, viewer } = facts;
  if (viewer.organisationId !== null && viewer.organisationId === dataset.ownerOrganisationId) {
    return { allowed: true, basis: 'owner', agreementId: null, raw: true, reason: 'Your organisation owns this dataset' };
  }
  if (dataset.sensitivity === 'public') return { allowed: true, basis: 'public', agreementId: null, raw: false, reason: 'This dataset is public' };
  const none = (reason: string): Access => ({ allowed: false, basis: 'none', agreementId: null, raw: false, reason });
  if (viewer.userId === null) return none('Sign in to see partner data');
  if (viewer.organisationId === null) return none('Your account does not act for an organisation, so no agreement can give it access');
  if (dataset.sensitivity === 'named_organisations' && !facts.named) return none('This dataset is shared only with organisations it names, and yours is not one');
  const agreementId = facts.liveAgreementIds[0];
  if (agreementId === undefined) return none('No live data-sharing agreement gives your organisation access to this dataset');
  return { allowed: true, basis: 'agreement', agreementId, raw: false, reason: 'A live data-sharing agreement gives your organisation access' };
}

/** Live agreements today (status live, started, not ended), by dataset and party; optionally narrowed. */
export async function liveAgreements(tx: DbOrTx, today: string, filter: { datasetIds?: number[]; organisationId?: number; agreementId?: number } = {}): Promise<LiveAgreement[]> {
  const conditions = [eq(agreements.status, 'live'), lte(agreements.startDate, today), gte(agreements.endDate, today)];
  if (filter.datasetIds) {
    if (!filter.datasetIds.length) return [];
    conditions.push(inArray(agreementDatasets.datasetId, filter.datasetIds));
  }
  if (filter.organisationId !== undefined) conditions.push(eq(agreementParties.organisationId, filter.organisationId));
  if (filter.agreementId !== undefined) conditions.push(eq(agreements.id, filter.agreementId));
  return tx
    .select({ agreementId: agreements.id, datasetId: agreementDatasets.datasetId, organisationId: agreementParties.organisationId })
    .from(agreements)
    .innerJoin(agreementDatasets, eq(agreementDatasets.agreementId, agreements.id))
    .innerJoin(agreementParties, eq(agreementParties.agreementId, agreements.id))
    .where(and(...conditions))
    .orderBy(asc(agreements.id), asc(agreementDatasets.datasetId), asc(agreementParties.organisationId));
}

/** Whether and how the viewer may see a dataset today. An unknown dataset is not allowed. */
export async function resolveAccess(tx: DbOrTx, viewer: Viewer, datasetId: number, today: string): Promise<Access> {
  const [dataset] = await tx
    .select({ id: datasets.id, ownerOrganisationId: datasets.ownerOrganisationId, sensitivity: datasets.sensitivity })
    .from(datasets)
    .where(eq(datasets.id, datasetId));
  if (!dataset) return { allowed: false, basis: 'none', agreementId: null, raw: false, reason: 'There is no such dataset' };
  let liveAgreementIds: number[] = [];
  let named = false;
  if (viewer.organisationId !== null && dataset.sensitivity !== 'public' && viewer.organisationId !== dataset.ownerOrganisationId) {
    liveAgreementIds = (await liveAgreements(tx, today, { datasetIds: [datasetId], organisationId: viewer.organisationId })).map((a) => a.agreementId);
    const [namedRow] = await tx
      .select({ organisationId: datasetNamedOrganisations.organisationId })
      .from(datasetNamedOrganisations)
      .where(and(eq(datasetNamedOrganisations.datasetId, datasetId), eq(datasetNamedOrganisations.organisationId, viewer.organisationId)));
    named = namedRow !== undefined;
  }
  return decideAccess({ dataset, viewer, liveAgreementIds, named });
}

export interface AccessibleDataset {
  id: number;
  slug: string;
  name: string;
  description: string;
  ownerOrganisationId: number;
  ownerName: string;
  sensitivity: Sensitivity;
  periodType: string;
  geographyLevel: string;
  access: Access;
}

/** Every dataset the viewer may see today (retired ones left out), with the basis of each, by name. */
export async function accessibleDatasets(tx: DbOrTx, viewer: Viewer, today: string): Promise<AccessibleDataset[]> {
  const rows = await tx
    .select({
      id: datasets.id,
      slug: datasets.slug,
      name: datasets.name,
      description: datasets.description,
      ownerOrganisationId: datasets.ownerOrganisationId,
      ownerName: organisations.name,
      sensitivity: datasets.sensitivity,
      periodType: datasets.periodType,
      geographyLevel: datasets.geographyLevel,
    })
    .from(datasets)
    .innerJoin(organisations, eq(organisations.id, datasets.ownerOrganisationId))
    .where(isNull(datasets.retiredAt))
    .orderBy(asc(datasets.name), asc(datasets.id));
  const live = viewer.organisationId === null ? [] : await liveAgreements(tx, today, { organisationId: viewer.organisationId });
  const named =
    viewer.organisationId === null
      ? new Set<number>()
      : new Set(
          (await tx.select({ datasetId: datasetNamedOrganisations.datasetId }).from(datasetNamedOrganisations).where(eq(datasetNamedOrganisations.organisationId, viewer.organisationId))).map(
            (r) => r.datasetId,
          ),
        );
  const out: AccessibleDataset[] = [];
  for (const row of rows) {
    const access = decideAccess({ dataset: row, viewer, liveAgreementIds: live.filter((a) => a.datasetId === row.id).map((a) => a.agreementId), named: named.has(row.id) });
    if (access.allowed) out.push({ ...row, access });
  }
  return out;
}

export interface WhoCanSeeEntry {
  organisationId: number;
  orgId: string;
  name: string;
  basis: 'owner' | 'agreement';
  agreementId: number | null;
  agreementReference: string | null;
  agreementTitle: string | null;
  from: string | null;
  to: string | null;
}

export interface WhoCanSee {
  /** Public datasets: everyone, with the disclosure rule applied. */
  everyone: boolean;
  /** Organisations that may see it today: the owner first, then by name (each agreement that allows it). */
  organisations: WhoCanSeeEntry[];
}

/** The organisations that may see a dataset today, and by which agreement. */
export async function whoCanSee(tx: DbOrTx, datasetId: number, today: string): Promise<WhoCanSee> {
  const [dataset] = await tx
    .select({ id: datasets.id, ownerOrganisationId: datasets.ownerOrganisationId, sensitivity: datasets.sensitivity, ownerOrgId: organisations.orgId, ownerName: organisations.name })
    .from(datasets)
    .innerJoin(organisations, eq(organisations.id, datasets.ownerOrganisationId))
    .where(eq(datasets.id, datasetId));
  if (!dataset) return { everyone: false, organisations: [] };
  const owner: WhoCanSeeEntry = { organisationId: dataset.ownerOrganisationId, orgId: dataset.ownerOrgId, name: dataset.ownerName, basis: 'owner', agreementId: null, agreementReference: null, agreementTitle: null, from: null, to: null };
  const live = await liveAgreements(tx, today, { datasetIds: [datasetId] });
  const named = new Set((await tx.select({ id: datasetNamedOrganisations.organisationId }).from(datasetNamedOrganisations).where(eq(datasetNamedOrganisations.datasetId, datasetId))).map((r) => r.id));
  const orgIds = [...new Set(live.map((a) => a.organisationId))];
  const agreementIds = [...new Set(live.map((a) => a.agreementId))];
  const orgRows = orgIds.length ? await tx.select({ id: organisations.id, orgId: organisations.orgId, name: organisations.name, closedAt: organisations.closedAt }).from(organisations).where(inArray(organisations.id, orgIds)) : [];
  const agreementRows = agreementIds.length
    ? await tx.select({ id: agreements.id, reference: agreements.reference, title: agreements.title, startDate: agreements.startDate, endDate: agreements.endDate }).from(agreements).where(inArray(agreements.id, agreementIds))
    : [];
  const entries: WhoCanSeeEntry[] = [];
  for (const a of live) {
    const org = orgRows.find((o) => o.id === a.organisationId);
    const agreement = agreementRows.find((r) => r.id === a.agreementId);
    if (!org || !agreement || org.closedAt || a.organisationId === dataset.ownerOrganisationId) continue;
    const access = decideAccess({ dataset, viewer: { userId: 0, organisationId: a.organisationId }, liveAgreementIds: [a.agreementId], named: named.has(a.organisationId) });
    if (access.basis !== 'agreement') continue;
    entries.push({ organisationId: org.id, orgId: org.orgId, name: org.name, basis: 'agreement', agreementId: agreement.id, agreementReference: agreement.reference, agreementTitle: agreement.title, from: agreement.startDate, to: agreement.endDate });
  }
  entries.sort((x, y) => x.name.localeCompare(y.name) || (x.agreementId ?? 0) - (y.agreementId ?? 0));
  return { everyone: dataset.sensitivity === 'public', organisations: [owner, ...entries] };
}
