// The demo's partner organisations: the real, public bodies the Bedfordshire plan works with.
// Identifiers follow org-id.guide where the registered code is known and checked:
//   - GB-LAE (local authorities for England register): BDF, CBF, LUT, checked against the register's
//     GSS lookup (E06000055 → BDF, E06000056 → CBF, E06000032 → LUT);
//   - GB-NHS (NHS ODS code): QHG is NHS Bedfordshire, Luton and Milton Keynes ICB.
// For the others (the OPCC, the force, fire and rescue, probation, the CPS area) we know of no org-id
// list entry we are sure of, so they carry a LOCAL identifier under the scheme GB-SAFERPLACES, which is
// NOT an org-id.guide list; the force-area ones are keyed by the police force area's GSS code
// (E23000026). An admin should replace them with registered identifiers when known.
import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { Tx } from '../../platform/db/database.ts';
import { organisations, type OrganisationType } from './datahub.tables.ts';
import { parseOrgId } from './organisations.org-id.ts';
import { linkStaffToOfficeIn } from './organisations.service.ts';

export interface DemoOrganisation {
  orgId: string;
  name: string;
  type: OrganisationType;
  website: string | null;
}

/** Not an org-id.guide list: this installation's own identifiers, for bodies without a known registered one. */
export const localScheme = 'GB-SAFERPLACES';

export const bedfordshirePartners: DemoOrganisation[] = [
  { orgId: `${localScheme}-OPCC-E23000026`, name: 'Office of the Police and Crime Commissioner for Bedfordshire', type: 'pcc_office', website: null },
  { orgId: `${localScheme}-POLICE-E23000026`, name: 'Bedfordshire Police', type: 'police', website: 'https://www.bedfordshire.police.uk' },
  { orgId: 'GB-LAE-BDF', name: 'Bedford Borough Council', type: 'local_authority', website: 'https://www.bedford.gov.uk' },
  { orgId: 'GB-LAE-CBF', name: 'Central Bedfordshire Council', type: 'local_authority', website: 'https://www.centralbedfordshire.gov.uk' },
  { orgId: 'GB-LAE-LUT', name: 'Luton Borough Council', type: 'local_authority', website: 'https://www.luton.gov.uk' },
  { orgId: 'GB-NHS-QHG', name: 'NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board', type: 'nhs', website: null },
  { orgId: `${localScheme}-PROBATION-SERVICE`, name: 'Probation Service', type: 'probation', website: null },
  { orgId: `${localScheme}-CPS-THAMES-AND-CHILTERN`, name: 'CPS Thames and Chiltern', type: 'cps', website: null },
  { orgId: `${localScheme}-FRS-BEDFORDSHIRE`, name: 'Bedfordshire Fire and Rescue Service', type: 'fire_and_rescue', website: null },
];

/**
 * Registers the demo partners that are not there yet (matched by org-id; an edited one is left alone)
 * and makes staff users without an organisation act for the office. Runs inside the caller's
 * transaction. Returns how many organisations were added.
 */
export async function seedDemoOrganisations(tx: Tx, actor: Actor, list: DemoOrganisation[] = bedfordshirePartners): Promise<number> {
  let added = 0;
  for (const organisation of list) {
    const parsed = parseOrgId(organisation.orgId);
    if (!parsed.ok || parsed.value.orgId !== organisation.orgId) throw new Error(`demo organisation ${organisation.name}: ${parsed.ok ? 'identifier not in normal form' : parsed.message}`);
    const [existing] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.orgId, organisation.orgId));
    if (existing) continue;
    const [row] = await tx.insert(organisations).values(organisation).returning({ id: organisations.id });
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, { action: 'create', entityType: 'organisation', entityId: row.id, summary: `Registered ${organisation.name} (${organisation.orgId}) with the demo`, organisationId: row.id });
    added++;
  }
  await linkStaffToOfficeIn(tx, actor);
  return added;
}
