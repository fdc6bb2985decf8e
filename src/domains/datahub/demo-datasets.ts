// The demo's example dataset definitions and one example data-sharing agreement. Definitions only:
// no submissions and no data rows are created, so every dataset page says "no data yet". Idempotent
// (datasets by slug, the agreement by reference; an edited one is left alone). Runs inside the demo
// seeding's transaction; the partner organisations it needs are added if they are missing.
import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { Tx } from '../../platform/db/database.ts';
import { validateAgreement, type AgreementInput } from './agreements.service.ts';
import { agreementDatasets, agreementParties, agreements, datasetColumns, datasetNamedOrganisations, datasets, datasetSubmitters, organisations } from './datahub.tables.ts';
import { validateDataset, type DatasetInput } from './datasets.service.ts';
import { bedfordshirePartners, localScheme } from './organisations.seed.ts';

const orgIds = {
  office: `${localScheme}-OPCC-E23000026`,
  police: `${localScheme}-POLICE-E23000026`,
  bedford: 'GB-LAE-BDF',
  central: 'GB-LAE-CBF',
  luton: 'GB-LAE-LUT',
  nhs: 'GB-NHS-QHG',
  probation: `${localScheme}-PROBATION-SERVICE`,
  fire: `${localScheme}-FRS-BEDFORDSHIRE`,
} as const;
type OrgKey = keyof typeof orgIds;

interface DemoDataset {
  owner: OrgKey;
  named: OrgKey[];
  definition: Omit<DatasetInput, 'ownerOrganisationId' | 'submitterOrganisationIds' | 'namedOrganisationIds'>;
}

export const demoDatasets: DemoDataset[] = [
  {
    owner: 'luton',
    named: [],
    definition: {
      name: "Domestic abuse referrals to the council's IDVA service by LSOA, monthly",
      slug: 'luton-idva-referrals',
      description: "Referrals to Luton Borough Council's independent domestic violence advisor (IDVA) service, counted by the LSOA the victim lives in. Counts only: no records about people.",
      columns: [
        { name: 'referrals', label: 'Referrals received', type: 'count', unit: 'referrals', allowedValues: null, required: true },
        { name: 'high_risk_referrals', label: 'Referrals assessed as high risk (DASH)', type: 'count', unit: 'referrals', allowedValues: null, required: false },
      ],
      geographyLevel: 'lsoa',
      periodType: 'month',
      firstPeriod: '2025-04',
      dueDaysAfterPeriod: 30,
      sensitivity: 'all_partners',
      suppressBelow: 5,
      roundTo: 5,
      secondarySuppression: true,
    },
  },
  {
    owner: 'fire',
    named: [],
    definition: {
      name: 'Deliberate fires attended by LSOA, monthly',
      slug: 'bfrs-deliberate-fires',
      description: 'Deliberate primary and secondary fires attended by Bedfordshire Fire and Rescue Service, by the LSOA of the incident.',
      columns: [
        { name: 'primary_fires', label: 'Deliberate primary fires', type: 'count', unit: 'incidents', allowedValues: null, required: true },
        { name: 'secondary_fires', label: 'Deliberate secondary fires', type: 'count', unit: 'incidents', allowedValues: null, required: true },
      ],
      geographyLevel: 'lsoa',
      periodType: 'month',
      firstPeriod: '2025-04',
      dueDaysAfterPeriod: 45,
      sensitivity: 'public',
      suppressBelow: null,
      roundTo: null,
      secondarySuppression: false,
    },
  },
  {
    owner: 'bedford',
    named: ['police', 'office'],
    definition: {
      name: 'Anti-social behaviour cases opened by the community safety team, by local authority, quarterly',
      slug: 'bedford-asb-cases',
      description: "Cases opened by Bedford Borough Council's community safety team, by the kind of behaviour. Shared with the police and the office only.",
      columns: [
        { name: 'cases', label: 'Cases opened', type: 'count', unit: 'cases', allowedValues: null, required: true },
        { name: 'behaviour', label: 'Kind of behaviour', type: 'category', unit: null, allowedValues: ['personal', 'nuisance', 'environmental'], required: true },
      ],
      geographyLevel: 'local_authority',
      periodType: 'quarter',
      firstPeriod: '2025-Q2',
      dueDaysAfterPeriod: 30,
      sensitivity: 'named_organisations',
      suppressBelow: 5,
      roundTo: 5,
      secondarySuppression: true,
    },
  },
];

export const demoAgreement: Omit<AgreementInput, 'partyOrganisationIds' | 'datasetIds'> & { parties: OrgKey[] } = {
  reference: 'BEDS-PAN-DSA-2025',
  title: 'Bedfordshire pan-partnership data-sharing agreement',
  purpose:
    'An example agreement loaded with the demo. Partners share area-level counts (by LSOA and local authority, never records about people) so that all agencies have a pan-Bedfordshire understanding of local problems and can track them, as the Police and Crime Plan\'s prevention mission commits.',
  lawfulBasis: 'UK GDPR Article 6(1)(e): public task; Crime and Disorder Act 1998, section 115',
  startDate: '2025-04-01',
  endDate: '2027-03-31',
  reviewDate: '2026-04-01',
  status: 'live',
  documentUrl: null,
  parties: ['office', 'police', 'bedford', 'central', 'luton', 'nhs', 'probation', 'fire'],
};

async function organisationIdFor(tx: Tx, actor: Actor, key: OrgKey): Promise<number> {
  const orgId = orgIds[key];
  const [found] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.orgId, orgId));
  if (found) return found.id;
  const partner = bedfordshirePartners.find((p) => p.orgId === orgId);
  if (!partner) throw new Error(`the demo has no organisation ${orgId}`);
  const [row] = await tx.insert(organisations).values(partner).returning({ id: organisations.id });
  if (!row) throw new Error('insert returned no row');
  await recordAudit(tx, actor, { action: 'create', entityType: 'organisation', entityId: row.id, summary: `Registered ${partner.name} (${partner.orgId}) with the demo datasets`, organisationId: row.id });
  return row.id;
}

/** Adds the example dataset definitions and agreement that are not there yet; returns how many of each. */
export async function seedDemoDatasets(tx: Tx, actor: Actor): Promise<{ datasets: number; agreements: number }> {
  let datasetCount = 0;
  const datasetIds: number[] = [];
  for (const demo of demoDatasets) {
    const [existing] = await tx.select({ id: datasets.id }).from(datasets).where(eq(datasets.slug, demo.definition.slug));
    if (existing) {
      datasetIds.push(existing.id);
      continue;
    }
    const owner = await organisationIdFor(tx, actor, demo.owner);
    const named = [];
    for (const key of demo.named) named.push(await organisationIdFor(tx, actor, key));
    const values = validateDataset({ ...demo.definition, ownerOrganisationId: owner, submitterOrganisationIds: [owner], namedOrganisationIds: named });
    const { columns, submitterOrganisationIds, namedOrganisationIds, ...scalar } = values;
    const [row] = await tx.insert(datasets).values({ ...scalar, createdByLabel: actor.label }).returning({ id: datasets.id });
    if (!row) throw new Error('insert returned no row');
    await tx.insert(datasetColumns).values(columns.map((c, i) => ({ ...c, datasetId: row.id, position: i + 1 })));
    await tx.insert(datasetSubmitters).values(submitterOrganisationIds.map((organisationId) => ({ datasetId: row.id, organisationId })));
    if (namedOrganisationIds.length) await tx.insert(datasetNamedOrganisations).values(namedOrganisationIds.map((organisationId) => ({ datasetId: row.id, organisationId })));
    await recordAudit(tx, actor, { action: 'create', entityType: 'dataset', entityId: row.id, summary: `Defined the demo dataset "${values.name}" (definition only, no data)` });
    datasetIds.push(row.id);
    datasetCount++;
  }

  const [existing] = await tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.reference, demoAgreement.reference));
  if (existing) return { datasets: datasetCount, agreements: 0 };
  const parties = [];
  for (const key of demoAgreement.parties) parties.push(await organisationIdFor(tx, actor, key));
  const { parties: _keys, ...fields } = demoAgreement;
  const values = validateAgreement({ ...fields, partyOrganisationIds: parties, datasetIds });
  const { partyOrganisationIds, datasetIds: covered, ...scalar } = values;
  const [row] = await tx.insert(agreements).values({ ...scalar, createdByLabel: actor.label }).returning({ id: agreements.id });
  if (!row) throw new Error('insert returned no row');
  await tx.insert(agreementParties).values(partyOrganisationIds.map((organisationId) => ({ agreementId: row.id, organisationId })));
  if (covered.length) await tx.insert(agreementDatasets).values(covered.map((datasetId) => ({ agreementId: row.id, datasetId })));
  await recordAudit(tx, actor, {
    action: 'access-change',
    entityType: 'agreement',
    entityId: row.id,
    summary: `Recorded the demo agreement ${values.reference} "${values.title}" (live, ${values.startDate} to ${values.endDate})`,
    agreementId: row.id,
  });
  return { datasets: datasetCount, agreements: 1 };
}
