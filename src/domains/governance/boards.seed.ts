// The demo's board register: the boards, partnerships and panels the Bedfordshire Police and Crime
// Plan (../shared/reference/seeds/001_*.txt) names, with only what the plan says about them.
//
// - No people: members are left empty, and a chair is given only where the plan names one (the
//   mission boards, "chaired by the PCC or the DPCC"; the Local Criminal Justice Board, which the PCC
//   chairs).
// - How often a board meets and for how long are not in the plan: they are 0 ("not recorded").
// - A statutory basis is given only where it is a settled fact: community safety partnerships (Crime
//   and Disorder Act 1998, sections 5 and 6), the Police and Crime Panel (Police Reform and Social
//   Responsibility Act 2011, section 28) and independent custody visiting (Police Reform Act 2002,
//   section 51).
// - Missions served are the sections of the plan in which the board is named.
// - Not seeded, because the plan does not name them as boards: a combating drugs partnership,
//   safeguarding boards and health and wellbeing boards (the register has types for them, for staff
//   to add), the multi-agency safeguarding hub (a hub the plan would establish), the Family Drug and
//   Alcohol Court (a court) and the public Accountability and Challenge meetings.
import { eq, inArray } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { Tx } from '../../platform/db/database.ts';
import { missions } from '../plan/plan.tables.ts';
import { boardMissions, boards, type BoardType } from './governance.tables.ts';

export interface DemoBoard {
  slug: string;
  name: string;
  type: BoardType;
  termsOfReference: string;
  chair: string;
  statutoryBasis: string;
  /** Slugs of the plan's missions and foundations the board serves. */
  missions: string[];
}

const missionBoardRemit = [
  'Remit, from Appendix I of the plan: the mission boards are supported by the PCC\'s Office, which co-ordinates and services them and ensures that each board is aware of issues being considered by the other boards, to ensure holistic solutions and consistency and to avoid contradictory plans. Each board is to:',
  '- develop the mission, objectives for the mission, and a delivery plan to fulfil the mission',
  '- specifically contribute to the development of a 2025-2028 Police and Crime Plan',
  '- review progress of the delivery plans and analyse the data provided by the police and other partners',
  '- recommend changes to the missions, objectives and delivery plans',
  '- report through the PCC via formal governance arrangements',
  '- promote collaborative working across the public sector and more widely',
  '',
  'Membership is selected and appointed by the PCC to include as appropriate at least one senior representative from Bedfordshire Police, and experts from the wider public sector, the criminal justice services, voluntary and community sector, academia, trade unions, and where appropriate people with direct experience of the issues being considered.',
  '',
  'The boards are not operational and cannot direct the police service nor any other partner.',
].join('\n');

/** The six missions of the plan, by slug, with the title and summary the plan gives them. */
const sixMissions: { slug: string; title: string }[] = [
  { slug: 'prevention', title: 'Prevention' },
  { slug: 'victims-at-the-heart-of-criminal-justice', title: 'Putting victims at the heart of the criminal justice system' },
  { slug: 'tackling-serious-crime', title: 'Tackling serious crime' },
  { slug: 'protecting-women-and-children-from-violence', title: 'Protecting women and children from violence' },
  { slug: 'reinvigorating-local-policing', title: 'Reinvigorating local policing' },
  { slug: 'excellence', title: 'Excellence' },
];

const csp = (place: string, slug: string): DemoBoard => ({
  slug,
  name: `${place} Community Safety Partnership`,
  type: 'community_safety_partnership',
  termsOfReference:
    'One of the three community safety partnerships across the county. The plan (Reinvigorating local policing) commits the PCC to ensure membership of, and active contribution to, the three community safety partnerships, and to seek to align the plan with these and vice versa.',
  chair: '',
  statutoryBasis: 'Crime and Disorder Act 1998, sections 5 and 6',
  missions: ['reinvigorating-local-policing'],
});

const scrutiny = (slug: string, name: string, area: string, statutoryBasis = ''): DemoBoard => ({
  slug,
  name,
  type: 'scrutiny_panel',
  termsOfReference: `Independent scrutiny of ${area}. The plan commits the PCC to strengthen the Stop and Search, Use of Force and Independent Custody Visiting scrutiny arrangements, to ensure they are effective and representative of the county's diversity and age profile; and to review policy and practice in these areas, including strengthening the independent review arrangements.`,
  chair: '',
  statutoryBasis,
  missions: ['role-of-the-pcc', 'excellence'],
});

/** Mission boards first; the others as the plan names them. */
export function demoBoards(missionSummaries: Map<string, string>): DemoBoard[] {
  return [
    ...sixMissions.map((m) => ({
      slug: `mission-board-${m.slug}`,
      name: `Mission board: ${m.title}`,
      type: 'mission_board' as const,
      termsOfReference: `The mission board for the mission "${m.title}"${missionSummaries.get(m.slug) ? `: ${missionSummaries.get(m.slug)}` : '.'}\n\n${missionBoardRemit}`,
      chair: 'Police and Crime Commissioner or Deputy',
      statutoryBasis: '',
      missions: [m.slug],
    })),
    {
      slug: 'local-criminal-justice-board',
      name: 'Local Criminal Justice Board',
      type: 'criminal_justice_board',
      termsOfReference: [
        'Brings together the partners responsible for all elements of the criminal justice system to develop joint strategies and to deliver joint solutions. The PCC chairs it; he has a duty to convene and coordinate all the agencies involved in the criminal justice system but no direct authority for any of them to act in a specific way.',
        '',
        "The PCC intends to reinvigorate it, focusing on the national guidance's expectation of its members to 'work with local, regional and national counterparts as necessary to identify and overcome barriers to improving the delivery of justice'. The plan commits him to: focus it on problem solving and putting victims at the heart of the system; agree shared objectives with it for improving criminal justice across the county; pursue a memorandum of understanding with commitments from all its partners to take action to improve the experience of victims; understand how it can contribute to addressing social as well as criminal injustice; and develop a ten-year strategy for criminal justice through it.",
      ].join('\n'),
      chair: 'Police and Crime Commissioner',
      statutoryBasis: '',
      missions: ['victims-at-the-heart-of-criminal-justice', 'excellence'],
    },
    csp('Bedford', 'bedford-community-safety-partnership'),
    csp('Central Bedfordshire', 'central-bedfordshire-community-safety-partnership'),
    csp('Luton', 'luton-community-safety-partnership'),
    {
      slug: 'violence-and-exploitation-reduction-unit',
      name: 'Violence and Exploitation Reduction Unit',
      type: 'violence_reduction_unit',
      termsOfReference:
        "Its strategic needs assessment identifies hotspots, which the plan asks to be considered as high priority areas when planning prevention strategies, interventions and activities. The plan aims to double its funding with the support of partners and to make the case to government that its funding continues; and, through its work, to deliver activities that involve young people in agreed topics related to violence and exploitation, and to discourage young people from carrying knives through the 'Just Drop It' campaign.",
      chair: '',
      statutoryBasis: '',
      missions: ['prevention', 'tackling-serious-crime'],
    },
    {
      slug: 'bedfordshire-road-safety-partnership',
      name: 'Bedfordshire Road Safety Partnership',
      type: 'other',
      termsOfReference: 'The plan commits the PCC to actively contribute to the Bedfordshire Road Safety Partnership and to support the mission to reduce road casualties by 50% by 2035.',
      chair: '',
      statutoryBasis: '',
      missions: ['prevention'],
    },
    {
      slug: 'youth-panel',
      name: 'Youth panel',
      type: 'advisory_panel',
      termsOfReference: "The plan commits the PCC to establish advisory panels including youth panels, and to set up citizens' panels and focus groups as well as polling, to shape policy and monitor performance.",
      chair: '',
      statutoryBasis: '',
      missions: ['role-of-the-pcc'],
    },
    {
      slug: 'community-youth-forum-on-prevention',
      name: 'Community youth forum on prevention',
      type: 'advisory_panel',
      termsOfReference: 'The plan (Prevention) commits the PCC to create and facilitate a community-based youth forum relating to prevention.',
      chair: '',
      statutoryBasis: '',
      missions: ['prevention'],
    },
    {
      slug: 'victims-advisory-group',
      name: "Victims' advisory group",
      type: 'advisory_panel',
      termsOfReference: "The plan commits the PCC to establish a victims' advisory group to work and advise him and the Deputy PCC.",
      chair: '',
      statutoryBasis: '',
      missions: ['victims-at-the-heart-of-criminal-justice'],
    },
    {
      slug: 'local-policing-advisory-boards',
      name: 'Local policing advisory boards',
      type: 'advisory_panel',
      termsOfReference: 'The plan commits the PCC to establish advisory boards drawn from local councillors, local businesses, and community leaders and representatives, to work with community police teams.',
      chair: '',
      statutoryBasis: '',
      missions: ['reinvigorating-local-policing'],
    },
    {
      slug: 'rural-crime-advisory-panel',
      name: 'Rural crime advisory panel',
      type: 'advisory_panel',
      termsOfReference:
        'The plan commits the PCC to engage with rural residents and rural businesses to understand how Bedfordshire Police can better tackle rural and wildlife crime and respond to the needs of these communities, and to establish a rural crime advisory panel with the National Farmers Union and Bedfordshire Association of Parish and Town Councils.',
      chair: '',
      statutoryBasis: '',
      missions: ['reinvigorating-local-policing'],
    },
    {
      slug: 'retail-crime-advisory-panel',
      name: 'Retail crime advisory panel',
      type: 'advisory_panel',
      termsOfReference: 'The plan commits the PCC to establish an advisory panel on retail crime to include unions, local retailers, local authorities and the police.',
      chair: '',
      statutoryBasis: '',
      missions: ['reinvigorating-local-policing'],
    },
    scrutiny('stop-and-search-scrutiny-panel', 'Stop and search scrutiny panel', 'stop and search'),
    scrutiny('use-of-force-scrutiny-panel', 'Use of force scrutiny panel', 'the use of force'),
    scrutiny('independent-custody-visiting-scheme', 'Independent custody visiting scheme', 'the treatment of people detained in police custody, by independent custody visitors', 'Police Reform Act 2002, section 51'),
    {
      slug: 'police-and-crime-panel',
      name: 'Police and Crime Panel',
      type: 'police_and_crime_panel',
      termsOfReference: 'The plan commits the PCC to support and answer to questions from the Police and Crime Panel.',
      chair: '',
      statutoryBasis: 'Police Reform and Social Responsibility Act 2011, section 28',
      missions: ['role-of-the-pcc'],
    },
  ];
}

/**
 * Registers the demo boards that are not there yet (matched by short name; one already there, edited
 * or not, is left alone) serving the missions of the given plan. Returns how many were added.
 */
export async function seedDemoBoards(tx: Tx, actor: Actor, planId: number): Promise<number> {
  const missionRows = await tx.select({ id: missions.id, slug: missions.slug, summary: missions.summary }).from(missions).where(eq(missions.planId, planId));
  const missionBySlug = new Map(missionRows.map((m) => [m.slug, m]));
  const list = demoBoards(new Map(missionRows.map((m) => [m.slug, m.summary])));
  const existing = new Set((await tx.select({ slug: boards.slug }).from(boards).where(inArray(boards.slug, list.map((b) => b.slug)))).map((r) => r.slug));
  let added = 0;
  for (const board of list) {
    if (existing.has(board.slug)) continue;
    const [row] = await tx
      .insert(boards)
      .values({
        slug: board.slug,
        name: board.name,
        type: board.type,
        termsOfReference: board.termsOfReference,
        chair: board.chair,
        statutoryBasis: board.statutoryBasis,
        meetingsPerYear: 0,
        usualLengthMinutes: 0,
        isPublic: true,
      })
      .returning({ id: boards.id });
    if (!row) throw new Error('insert returned no row');
    const missionIds = board.missions.map((slug) => missionBySlug.get(slug)?.id).filter((id): id is number => id !== undefined);
    if (missionIds.length) await tx.insert(boardMissions).values(missionIds.map((missionId) => ({ boardId: row.id, missionId })));
    await recordAudit(tx, actor, { action: 'seed', entityType: 'board', entityId: row.id, planId, summary: `Registered ${board.name} as the plan names it (demo)` });
    added++;
  }
  return added;
}
