// Bedfordshire Police and Crime Plan, Stage One (October 2024), transcribed as typed seed data.
// Source: "The Police and Crime Plan: A Safer and Fairer Bedfordshire", PCC John Tizard.
// Objective texts are the plan's own words (a leading "and" or trailing comma dropped; words in
// square brackets added only where a sentence needed its subject or referent to stand alone).
// Numbers appear only where the plan states them; everything else is null and says so.

import type { DemoPlanDocument } from './demo-plan.types.ts';

const STAGE_ONE_END = '2025-03-31';
const TERM_END = '2028-05-31';

const PCC = 'PCC';
const CC_HELD_TO_ACCOUNT = 'Chief Constable (held to account by the PCC)';

const BEDFORDSHIRE = 'E23000026';
const BEDFORD = 'E06000055';
const CENTRAL_BEDFORDSHIRE = 'E06000056';
const LUTON = 'E06000032';

const CENSUS = 'ONS Census 2021 usual residents (rounded)';

export const bedfordshirePlan: DemoPlanDocument = {
  office: {
    name: 'Office of the Police and Crime Commissioner for Bedfordshire',
    shortName: 'Bedfordshire OPCC',
    colourPrimary: '#1d2c4c', // 13.8:1 against white
    colourSecondary: '#00796b', // 5.3:1 against white
  },

  plan: {
    slug: 'safer-fairer-bedfordshire',
    title: 'A Safer and Fairer Bedfordshire',
    subtitle: 'Police and Crime Plan',
    commissioner: 'John Tizard',
    periodStart: '2024-10-01',
    periodEnd: TERM_END,
    summary:
      'The PCC is focussing this plan on his six missions which are underpinned by objectives. The PCC recognises these missions and objectives will evolve over the period of the plan. His overarching mission is to make Bedfordshire safer and fairer. This plan must be ambitious yet achievable. It must maximise impact and public benefit, have measurable outcomes, and be affordable within tight financial constraints.',
    sourceDocument: 'The Police and Crime Plan: A Safer and Fairer Bedfordshire (Stage One, October 2024)',
  },

  stages: [
    {
      name: 'Stage One',
      periodStart: '2024-10-01',
      periodEnd: STAGE_ONE_END,
      description:
        'Stage one will be a combination of some objectives and establishing the foundation for the longer term. It will focus on: establishing Mission Boards, governance and a PCC\'s Office that can develop the plan and ensure its implementation; agreeing clear objectives and measurable outcomes for the longer term; listening and having informed conversations with residents, businesses, stakeholders and experts; setting a three-year budget for the police service and the PCC\'s Office; and aligning the use of grants and contracts from the PCC\'s Office with the plan. Stage One of the Plan will be achieved within existing budget allocations.',
    },
    {
      name: 'Stage Two',
      periodStart: '2025-04-01',
      periodEnd: TERM_END,
      description:
        'Stage two is to be published in March 2025. The two-stage approach ensures that the longer-term plan follows a more comprehensive and intensive public consultation and joint planning with key partners; aligns with the plans of local authority partners; addresses the new government\'s policies, initiatives and targets; reflects the government\'s spending review; and is underpinned by a three-year budget for Bedfordshire Police and the PCC\'s Office. Stage Two of the Plan will be supported by a three year budget. There will be no commitments which are not affordable and funded.',
    },
  ],

  places: [
    {
      code: BEDFORDSHIRE,
      name: 'Bedfordshire',
      type: 'force_area',
      parentCode: null,
      population: { year: 2021, value: 704800, source: CENSUS },
    },
    {
      code: BEDFORD,
      name: 'Bedford',
      type: 'local_authority',
      parentCode: BEDFORDSHIRE,
      population: { year: 2021, value: 185300, source: CENSUS },
    },
    {
      code: CENTRAL_BEDFORDSHIRE,
      name: 'Central Bedfordshire',
      type: 'local_authority',
      parentCode: BEDFORDSHIRE,
      population: { year: 2021, value: 294200, source: CENSUS },
    },
    {
      code: LUTON,
      name: 'Luton',
      type: 'local_authority',
      parentCode: BEDFORDSHIRE,
      population: { year: 2021, value: 225300, source: CENSUS },
    },
  ],

  missions: [
    // ------------------------------------------------------------------------------------------
    {
      slug: 'role-of-the-pcc',
      kind: 'foundation',
      title: 'The role of the PCC',
      summary:
        'How the PCC holds the Chief Constable to account, answers to the public and uses his office to deliver the plan.',
      purpose:
        'The PCC does not have operational responsibility for Bedfordshire Police. He sets strategic direction through this plan and the budget. The PCC holds the Chief Constable to account for the delivery of an effective and efficient police service based on this plan.\n\nThe PCC has responsibility to coordinate the wider criminal justice system in Bedfordshire. He chairs the Local Criminal Justice Board which brings together the partners responsible for all elements of the system to develop joint strategies and to deliver joint solutions.',
      lead: PCC,
      objectives: [
        // Stage One focus (Preface: "Stage one of the plan will focus on: …" and "stage two being published in March 2025")
        { ref: 'ROLE-01', text: 'establish Mission Boards (see Appendix I), governance and a PCC\'s Office that can develop the plan and ensure its implementation', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'ROLE-02', text: 'agree clear objectives and measurable outcomes for the longer term', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'ROLE-03', text: 'listen and have informed conversations with residents, businesses, stakeholders and experts', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'ROLE-04', text: 'align the use of grants and contracts from the PCC\'s Office with the plan', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'ROLE-05', text: 'publish stage two of the plan in March 2025', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        // Core responsibilities (prose, "The PCC will … He will …")
        { ref: 'ROLE-06', text: 'review all budgets including that of the police service and his own office', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-07', text: 'make the case to government to improve national funding for policing and the wider criminal justice system', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-08', text: 'work with the three unitary local authorities in the county and other public sector agencies to strengthen joint planning, working and resource sharing', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        // "The PCC holds the Chief Constable to account. He will:"
        { ref: 'ROLE-09', text: 'establish baselines for key areas of this plan in order to measure police and criminal justice performance', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-10', text: 'review and strengthen governance arrangements', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-11', text: 'review and rationalise all boards, committees and panels to improve decision making, use of resources and accountability', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-12', text: 'strengthen the Stop and Search, Use of Force and Independent Custody Visiting scrutiny arrangements, to ensure they are effective and representative of the county\'s diversity and age profile', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        // "The PCC is accountable to the public. He will:"
        { ref: 'ROLE-13', text: 'attend regular public Accountability and Challenge meetings across the county', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-14', text: 'ensure that he supports and answers to questions from the Police and Crime Panel', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-15', text: 'establish advisory panels including youth panels: and set up citizens\' panels and focus groups as well as polling to shape policy and monitor performance', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-16', text: 'engage regularly with the press and local media', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-17', text: 'be subject to an annual \'360\' degree public appraisal', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        // "The PCC uses his office to deliver the plan. He will:"
        { ref: 'ROLE-18', text: 'restructure the PCC\'s Office including appointing a new Chief Executive', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-19', text: 'transfer elements of initial complaint handling from the police service to the PCC\'s Office to improve oversight', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-20', text: 'reform commissioning arrangements with greater use of grants, innovative practice and joint activities with partners', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'ROLE-21', text: 'establish a county wide directory of voluntary and community sector groups involved with the criminal justice system; and contribute to building the sector capacity', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
      ],
      measures: [],
    },

    // ------------------------------------------------------------------------------------------
    {
      slug: 'prevention',
      kind: 'mission',
      title: 'Prevention',
      summary:
        'Work with partners to stop crime and reoffending before they happen by tackling their social and economic causes.',
      purpose:
        'Prevention not only has societal benefit, but releases public sector resources for other priorities. Community safety cannot be achieved by the arresting of offenders alone.\n\nIt requires effective collaboration and data sharing, to ensure sustainable solutions are implemented to address long term causes of criminality.\n\nThere is a direct correlation between poverty, inequality and crime, with more deprived and marginalised communities more likely to be victims of crime or exploitation. This is why social justice is fundamental to this plan.',
      lead: PCC,
      objectives: [
        // "For stage one of this plan … The PCC will:"
        { ref: 'PREV-01', text: 'work with partners to create a virtual data-sharing hub that allows all agencies to have a pan-Bedfordshire understanding of local problems and to track data', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-02', text: 'agree a youth crime plan by 31st December 2024 in line with Home Office guidance, which will include, for example, the introduction of youth hubs, better mental health services and education programmes', horizon: 'first_six_months', dueDate: '2024-12-31', owner: PCC },
        { ref: 'PREV-03', text: 'develop cross-sector plans with a commitment to action and funding by all public sector partners', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-04', text: 'promote training of front-line staff in the police service, and ideally other agencies, around problem solving to identify patterns and to prevent crimes', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-05', text: 'use grants and commissioning to support voluntary organisations to deliver prevention programmes', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-06', text: 'increase the take-up rate of toolkits for schools from 75% to 100%, enabling them to deliver educational programmes to set out positive pathways for students', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-07', text: 'use funding from the Home Office to distribute preventative technology to homeowners, vehicle owners and the rural community, such as smart water kits and video doorbells', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-08', text: 'double the current availability of staff able to deliver training of restorative practices to staff, officers, and key partners to an approved standard to deliver problem solving mechanisms', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-09', text: 'increase the number of cases dealt with through out of court disposals from 377 so far this calendar year by at least 10%', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-10', text: 'consider hotspots as high priority areas when planning local and county-wide prevention strategies, interventions, and activities, identified by the strategic needs assessment of the Violence and Exploitation Reduction Unit', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-11', text: 'explore further joint working with Bedfordshire Fire and Rescue Service', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'PREV-12', text: 'actively contribute to the Bedfordshire Road Safety Partnership and supporting the mission to reduce road casualties by 50% by 2035', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        // "Throughout the rest of his term, the PCC will, amongst other actions:"
        { ref: 'PREV-13', text: 'develop a prison leavers support network designed to help prison leavers to re-integrate', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'PREV-14', text: 'encourage membership and the creation of watch schemes across the county', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'PREV-15', text: 'aim to double the funding of the Violence and Exploitation Reduction Unit, with the support of partners', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'PREV-16', text: 'create and facilitate a community-based youth forum relating to prevention', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'PREV-17', text: 'explore launching an app for retailers to report, track and update crime reports to tackle shoplifting, by way of complying with the national retail crime action plan', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'PREV-18', text: 'introduce youth hubs in partnership with local authorities', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'PREV-19', text: 'work towards educating and enabling people to protect themselves from fraud and cybercrime', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
      ],
      measures: [
        {
          slug: 'schools-toolkit-take-up',
          title: 'Schools using the prevention toolkit',
          definition:
            'The share of schools in Bedfordshire that have taken up the toolkit for schools, which lets them deliver educational programmes setting out positive pathways for students.',
          unit: 'per cent of schools',
          polarity: 'higher_is_better',
          frequency: 'quarter',
          geography: 'force_area',
          source: 'Office of the PCC for Bedfordshire (the plan does not name who runs the schools toolkit)',
          dataNeeded:
            'A count of schools that have taken up the toolkit and the total number of schools it is offered to, from whoever runs the schools toolkit programme for the OPCC (the plan does not say which organisation, or which schools count).',
          baseline: {
            value: 75,
            period: 'October 2024 (current rate at publication)',
            placeCode: null,
            asWritten: 'increase the take-up rate of toolkits for schools from 75%',
          },
          targets: [{ kind: 'absolute', value: 100, byDate: STAGE_ONE_END, asWritten: 'to 100%' }],
          interpretation:
            'The commitment sits in the Stage One list, so the 100% target is dated to the end of Stage One (31 March 2025). The plan does not define which schools are in scope.',
          objectiveRef: 'PREV-06',
        },
        {
          slug: 'restorative-practice-trainers',
          title: 'Staff able to train others in restorative practices',
          definition:
            'The number of staff able to deliver training in restorative practices, to an approved standard, to staff, officers and key partners.',
          unit: 'staff able to deliver restorative-practice training',
          polarity: 'higher_is_better',
          frequency: 'quarter',
          geography: 'force_area',
          source: 'Bedfordshire Police and the Office of the PCC for Bedfordshire (restorative justice provision)',
          dataNeeded:
            'The number of accredited restorative-practice trainers in October 2024 (the plan gives no number) and the number now, from Bedfordshire Police and the OPCC\'s commissioned restorative justice service.',
          baseline: {
            value: null,
            period: 'October 2024',
            placeCode: null,
            asWritten: 'No baseline stated in the plan ("the current availability of staff")',
          },
          targets: [
            {
              kind: 'relative_percent',
              value: 100,
              byDate: STAGE_ONE_END,
              asWritten: 'double the current availability of staff able to deliver training of restorative practices',
            },
          ],
          interpretation:
            '"Double" is read as +100% on the October 2024 number, which the plan does not state. Dated to the end of Stage One because it is in the Stage One list. Related: VICT-09 (finance the accreditation of restorative justice practitioners).',
          objectiveRef: 'PREV-08',
        },
        {
          slug: 'out-of-court-disposals',
          title: 'Cases dealt with through out-of-court disposals',
          definition:
            'The number of cases Bedfordshire Police resolve through an out-of-court disposal instead of prosecution.',
          unit: 'cases',
          polarity: 'higher_is_better',
          frequency: 'month',
          geography: 'force_area',
          source: 'Bedfordshire Police',
          dataNeeded:
            'Monthly counts of out-of-court disposals from Bedfordshire Police, including the exact months behind the 377 quoted in the plan, so that later periods can be compared like for like.',
          baseline: {
            value: 377,
            period: 'calendar year 2024 to the date of writing (about October 2024; the end date is not stated)',
            placeCode: null,
            asWritten: 'from 377 so far this calendar year',
          },
          targets: [{ kind: 'relative_percent', value: 10, byDate: STAGE_ONE_END, asWritten: 'by at least 10%' }],
          interpretation:
            'The 377 is a part-year count, so "by at least 10%" is read as at least 10% more cases than in the same months of 2024 (about 415 if the period were unchanged: 377 × 1.1 = 414.7). The plan does not say which months the 377 covers. The commitment is in the Stage One list, so the target is dated to 31 March 2025. Higher counts are better because the plan wants people diverted away from prosecution and custody where appropriate.',
          objectiveRef: 'PREV-09',
        },
        {
          slug: 'road-casualties',
          title: 'Road casualties',
          definition: 'The number of people injured or killed in road traffic collisions on Bedfordshire roads.',
          unit: 'casualties',
          polarity: 'lower_is_better',
          frequency: 'year',
          geography: 'force_area',
          source: 'Bedfordshire Road Safety Partnership (STATS19 collision records from Bedfordshire Police)',
          dataNeeded:
            'Annual road casualty counts and the baseline year and casualty definition (all casualties or killed and seriously injured) used by the Bedfordshire Road Safety Partnership for its 2035 target. The plan states neither.',
          baseline: {
            value: null,
            period: null,
            placeCode: null,
            asWritten: 'No baseline stated in the plan',
          },
          targets: [
            {
              kind: 'relative_percent',
              value: -50,
              byDate: '2035-12-31',
              asWritten: 'supporting the mission to reduce road casualties by 50% by 2035',
            },
          ],
          interpretation:
            'This is the Road Safety Partnership\'s mission, which the PCC supports, not a PCC target. "By 2035" is taken as the end of 2035. The baseline year and which casualties count are the Partnership\'s and are not in the plan.',
          objectiveRef: 'PREV-12',
        },
        {
          slug: 'veru-funding',
          title: 'Funding for the Violence and Exploitation Reduction Unit',
          definition:
            'Total annual funding for the Violence and Exploitation Reduction Unit (VERU) from the Home Office, the PCC and partners.',
          unit: 'pounds per year',
          polarity: 'higher_is_better',
          frequency: 'year',
          geography: 'force_area',
          source: 'Office of the PCC for Bedfordshire (VERU budget) and the Home Office',
          dataNeeded:
            'The VERU budget for 2024/25 by funder, and each later year\'s, from the OPCC finance team. The plan gives no amount.',
          baseline: {
            value: null,
            period: '2024/25',
            placeCode: null,
            asWritten: 'No baseline stated in the plan',
          },
          targets: [
            {
              kind: 'relative_percent',
              value: 100,
              byDate: TERM_END,
              asWritten: 'aim to double the funding of the Violence and Exploitation Reduction Unit, with the support of partners',
            },
          ],
          interpretation:
            '"Double" is read as +100% on 2024/25 funding. This is a rest-of-term aim, so it is dated to the end of the term (May 2028). The plan gives no amount.',
          objectiveRef: 'PREV-15',
        },
      ],
    },

    // ------------------------------------------------------------------------------------------
    {
      slug: 'victims-at-the-heart-of-criminal-justice',
      kind: 'mission',
      title: 'Putting victims at the heart of the criminal justice system',
      summary:
        'Make sure victims are supported, kept informed and treated fairly by the police and the rest of the criminal justice system.',
      purpose:
        'Victims rely on the police for reassurance, to solve crimes and sometimes for protection. Services the police must provide to victims include responding to a reported crime within a timeframe that is reasonable and proportionate to the level of threat faced. They also include investigating crimes thoroughly, covering all lines of enquiry to reach an outcome, whilst keeping victims informed of their progress. The police should respect and treat all victims fairly. Good customer service practice must be non-negotiable.\n\nUnfortunately, the wider criminal justice system is too often failing victims. The support available from both the police service and its partners within the system is insufficient, making the process all the more difficult and uncomfortable for victims of crime. Throughout his term, the Police and Crime Commissioner must find ways to work with Bedfordshire Police and its partners within the Local Criminal Justice Board to improve communication, support, pace and effectiveness of justice for victims.',
      lead: 'Deputy PCC (advising the PCC)',
      objectives: [
        // "Over the next six months … The PCC will:"
        { ref: 'VICT-01', text: 'improve referrals to Bedfordshire Victim Care Services from current levels averaging at 20% of all victims by at least 5% and by 25% within four years', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VICT-02', text: 'establish a victims\' advisory group to work and advise him and the Deputy PCC', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VICT-03', text: 'continue to fund counselling and support services for victims of all crime, using lived experience and non-discriminatory methods to help individuals overcome trauma of all kinds', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VICT-04', text: 'review the availability of specialist capabilities within Bedfordshire Police to support people throughout the victim journey, identifying any gaps and how to fill them', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VICT-05', text: 'improve Bedfordshire Police\'s Victims Code of Practice compliance to become fully compliant as per national expectations', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VICT-06', text: 'strengthen the focus of the Local Criminal Justice Board to put victims at the heart of the system', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VICT-07', text: 'hold the Chief Constable to account to improve the current capability of officers, staff members and control room staff to deliver a consistent and appropriate response to victims of domestic abuse and sexual violence', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: CC_HELD_TO_ACCOUNT },
        { ref: 'VICT-08', text: 'ensure that the services we commission are representative of our communities, by continuing to identify gaps in the provision of our services, and funding place-based victim support services where needed', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VICT-09', text: 'finance the accreditation of restorative justice practitioners who can train officers and staff within the police service to deliver restorative practices for victims and perpetrators', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VICT-10', text: 'pursue a memorandum of understanding with commitments from all the Local Criminal Justice Board partners to take action to improve the victims\' experience', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        // "during the rest of his term, the PCC will, amongst other actions:"
        { ref: 'VICT-11', text: 'encourage the Crown Prosecution Service to expedite justice for victims of violence against women and children', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VICT-12', text: 'work with criminal justice partners to review the specialisms in place in the court system to support rape and domestic abuse victims', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VICT-13', text: 'work with the legal profession and other criminal justice agencies to improve how suspects and offenders are treated across the system', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
      ],
      measures: [
        {
          slug: 'victim-care-referrals',
          title: 'Victims referred to Bedfordshire Victim Care Services',
          definition:
            'The share of all victims of recorded crime who are referred by Bedfordshire Police to Bedfordshire Victim Care Services.',
          unit: 'per cent of victims',
          polarity: 'higher_is_better',
          frequency: 'quarter',
          geography: 'force_area',
          source: 'Bedfordshire Police and Bedfordshire Victim Care Services',
          dataNeeded:
            'Each quarter: the number of victims referred to Bedfordshire Victim Care Services (from the service) and the number of victims of recorded crime (from Bedfordshire Police), plus the period behind the "averaging at 20%" figure.',
          baseline: {
            value: 20,
            period: 'current average at publication, October 2024 (averaging period not stated)',
            placeCode: null,
            asWritten: 'from current levels averaging at 20% of all victims',
          },
          targets: [
            { kind: 'relative_percent', value: 5, byDate: STAGE_ONE_END, asWritten: 'by at least 5%' },
            { kind: 'relative_percent', value: 25, byDate: TERM_END, asWritten: 'and by 25% within four years' },
          ],
          interpretation:
            'The plan does not say whether "5%" and "25%" are percentage points or per cent of the current rate. Both are read as per cent of the current rate: at least 21% of victims (20 × 1.05) by the end of Stage One, and 25% of victims (20 × 1.25) within four years. That gives a steady rise, 20% → 21% → 25%. Reading both as percentage points would mean 25% by March 2025 and 45% within four years: more than double the current rate, which is hard to square with a plan that must be "ambitious yet achievable". The four-year level of 25% is also what you get if "by 25%" was meant as "to 25%". "Within four years" is dated to the end of the term (31 May 2028). The first target is dated to the end of Stage One because the commitment is in the six-month list.',
          objectiveRef: 'VICT-01',
        },
        {
          slug: 'victims-code-compliance',
          title: 'Victims\' Code compliance',
          definition:
            'How far Bedfordshire Police complies with the Code of Practice for Victims of Crime (the Victims\' Code), measured against the national compliance framework.',
          unit: 'per cent compliance',
          polarity: 'higher_is_better',
          frequency: 'quarter',
          geography: 'force_area',
          source: 'Bedfordshire Police (Victims\' Code compliance monitoring reported to the PCC)',
          dataNeeded:
            'Bedfordshire Police\'s Victims\' Code compliance results under the national monitoring framework (Ministry of Justice and Home Office), with the October 2024 position as a baseline. The plan gives no current compliance level.',
          baseline: {
            value: null,
            period: 'October 2024',
            placeCode: null,
            asWritten: 'No baseline stated in the plan',
          },
          targets: [
            {
              kind: 'absolute',
              value: 100,
              byDate: STAGE_ONE_END,
              asWritten: 'to become fully compliant as per national expectations',
            },
          ],
          interpretation:
            '"Fully compliant" is read as 100% on the national Victims\' Code compliance measures. Dated to the end of Stage One because the commitment is in the six-month list.',
          objectiveRef: 'VICT-05',
        },
      ],
    },

    // ------------------------------------------------------------------------------------------
    {
      slug: 'tackling-serious-crime',
      kind: 'mission',
      title: 'Tackling serious crime',
      summary:
        'Prevent and disrupt serious crime such as drugs, guns, gangs, knife crime and exploitation, and improve how often it is solved.',
      purpose:
        'Tackling serious crime must be the prime focus of the police service to ensure the safety of all residents. Tackling serious crime contributes to the county\'s economic health, enhances inward investment, and benefits local businesses. Bedfordshire experiences some of the highest rates of serious crimes including drug, gun and gang crime in the country.\n\nTo tackle serious crime effectively requires a laser focus on stopping and disrupting the supply of drugs, arresting those responsible for the supply, and providing appropriate sentencing and/or treatment for users.',
      lead: PCC,
      objectives: [
        // "Over the next six months … The PCC will:"
        { ref: 'SERC-01', text: 'monitor the effectiveness of the police service\'s approach and require continuous improvements to tackling serious and organised crime, setting realistic yet stretching objectives for the next four years and beyond', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'SERC-02', text: 'support the introduction of a new team dedicated to the investigation of drug dealing and possession', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'SERC-03', text: 'hold the Chief Constable to account for addressing serious crime', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: CC_HELD_TO_ACCOUNT },
        { ref: 'SERC-04', text: 'monitor the improvement of Bedfordshire Police\'s response to serious and organised crime following the latest HMICFRS inspection', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'SERC-05', text: 'work with partners to set up a Serious Violence Directory, detailing projects to prevent and reduce serious harm', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'SERC-06', text: 'explore ways to assist the police in encouraging members of the public to report instances of all drug crime to help to identify patterns that inform investigations of serious and organised crime', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'SERC-07', text: 'hold the Chief Constable to account to meet targets set by the 10-year drug strategy', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: CC_HELD_TO_ACCOUNT },
        { ref: 'SERC-08', text: 'make the case to the government that funding for the Violence and Exploitation Reduction Unit continues', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'SERC-09', text: 'make the case to local partners to contribute financially to doubling the size of the Violence and Exploitation Reduction Unit', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'SERC-10', text: 'through the work of the Violence and Exploitation Reduction Unit, deliver a range of activities that involve young people in agreed topics related to violence and exploitation, to generate debate, share experiences, gain knowledge, and shape responses', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        // "Throughout the rest of his term, the PCC will, amongst other actions: 2025-2028"
        { ref: 'SERC-11', text: 'establish a project to understand better the causes of different forms of serious crime and develop a ten-year cross public sector strategy to address the causes by 2035', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'SERC-12', text: 'build on the strategies around local policing and prevention to identify patterns of criminal behaviour within communities to feed intelligence pictures for teams tackling organised crime', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'SERC-13', text: 'encourage the Chief Constable to have greater use of diversionary tactics at the stage of intervention for drug-related offences', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'SERC-14', text: 'through the work of the Violence and Exploitation Reduction Unit, aim to discourage young people from carrying knives using the \'Just Drop It\' campaign which addresses the myths and highlights the dangers associated with knives', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
      ],
      measures: [
        {
          slug: 'serious-violence-recorded',
          title: 'Recorded serious violence',
          definition: 'The number of serious violence crimes recorded by Bedfordshire Police.',
          unit: 'recorded crimes',
          polarity: 'lower_is_better',
          frequency: 'month',
          geography: 'force_area',
          source: 'Bedfordshire Police',
          dataNeeded:
            'Monthly counts of recorded serious violence from Bedfordshire Police, using the force\'s definition of serious violence, including the two years behind the plan\'s "increase since last year of around 10%".',
          baseline: {
            value: null,
            period: 'the latest year before October 2024, compared with the year before (periods not stated)',
            placeCode: null,
            asWritten:
              'No count stated in the plan. It says: "Recorded crimes relating to serious violence in Bedfordshire show an increase since last year of around 10%"',
          },
          targets: [
            {
              kind: 'monitor_only',
              value: null,
              byDate: null,
              asWritten: 'No numeric target in the plan ("The PCC expects improvements in police performance.")',
            },
          ],
          interpretation:
            'The plan gives a trend (up about 10% on last year) but no count, so the baseline value is null. It does not define "serious violence" or say which years it compared. The number of recorded crimes can also rise when more people report them, so it should be read alongside the solved rate.',
          objectiveRef: 'SERC-01',
        },
        {
          slug: 'serious-violence-solved-rate',
          title: 'Serious violence solved rate',
          definition:
            'The share of recorded serious violence crimes that are solved, meaning they reach a charge or summons outcome.',
          unit: 'per cent of recorded serious violence crimes',
          polarity: 'higher_is_better',
          frequency: 'quarter',
          geography: 'force_area',
          source: 'Bedfordshire Police (crime outcomes data)',
          dataNeeded:
            'Counts of recorded serious violence and of those crimes with a charge or summons outcome, each quarter, from Bedfordshire Police. The force also needs to confirm which outcome types the plan counted as "solved".',
          baseline: {
            value: null,
            period: 'the latest year before October 2024 (not stated)',
            placeCode: null,
            asWritten: 'the rate at which these crimes are being solved remains at only 10-15% of those',
          },
          targets: [
            {
              kind: 'monitor_only',
              value: null,
              byDate: null,
              asWritten: 'No numeric target in the plan ("The PCC expects improvements in police performance.")',
            },
          ],
          interpretation:
            'The plan gives a range (10–15%), not a single figure, so the baseline value is null rather than a made-up midpoint. "Solved" is not defined; charge or summons is the assumed meaning and needs confirming with Bedfordshire Police. SERC-01 commits to "setting realistic yet stretching objectives", but the plan sets no target yet.',
          objectiveRef: 'SERC-01',
        },
        {
          slug: 'veru-size',
          title: 'Size of the Violence and Exploitation Reduction Unit',
          definition: 'The staffing of the Violence and Exploitation Reduction Unit (VERU), in full-time-equivalent posts.',
          unit: 'full-time-equivalent posts',
          polarity: 'higher_is_better',
          frequency: 'year',
          geography: 'force_area',
          source: 'Bedfordshire Violence and Exploitation Reduction Unit / Office of the PCC for Bedfordshire',
          dataNeeded:
            'The VERU\'s full-time-equivalent staffing in October 2024 and each year after, from the VERU and OPCC. The plan gives no figure.',
          baseline: {
            value: null,
            period: 'October 2024',
            placeCode: null,
            asWritten: 'No baseline stated in the plan',
          },
          targets: [
            {
              kind: 'relative_percent',
              value: 100,
              byDate: null,
              asWritten: 'contribute financially to doubling the size of the Violence and Exploitation Reduction Unit',
            },
          ],
          interpretation:
            '"Size" is not defined. It is read as staffing (full-time-equivalent posts); VERU funding is tracked separately (veru-funding, PREV-15). The Stage One commitment is only to make the case to partners, and the plan gives no date for the doubling itself, so byDate is null.',
          objectiveRef: 'SERC-09',
        },
      ],
    },

    // ------------------------------------------------------------------------------------------
    {
      slug: 'protecting-women-and-children-from-violence',
      kind: 'mission',
      title: 'Protecting women and children from violence',
      summary:
        'Work with partners to make women and children safe from violence and abuse, help victims come forward, and go after perpetrators and the causes.',
      purpose:
        'In Great Britain there is a national emergency whereby one in twelve women are affected by crimes of sexual assault, domestic violence, stalking or harassment in their lifetime. Bedfordshire is no exception to this.\n\nThe disproportionate effect of these require targeted solutions that deal with the causes and the perpetrators. Crimes such as rape, female genital mutilation, stalking, harassment, and digital crimes such as cyber-flashing, \'revenge porn\' and \'up-skirting\' are taking place every day. They illustrate appalling, often outdated, attitudes and prejudice towards women and girls that sadly still exist.',
      lead: 'Deputy PCC (advising the PCC)',
      objectives: [
        // "Over the next six months … The PCC will:"
        { ref: 'VAWC-01', text: 'investigate barriers to reporting crimes of violence against women and children and set targets to increase reporting', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-02', text: 'fund programmes to engage with women and children in \'hard-to-reach\' communities', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-03', text: 'scrutinise Bedfordshire Police\'s work to improve their response to rape and serious sexual offences', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-04', text: 'review and strengthen inter-agency safeguarding for vulnerable adults and children', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-05', text: 'involve women\'s groups, community organisations, and those with direct experience of these crimes and safeguarding issues in this review', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-06', text: 'establish a single multi-agency safeguarding hub (MASH) including technological initiatives to improve data sharing', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-07', text: 'work with the Family Drug and Alcohol Court to grow their reach and secure long term sustainability within the mainstream judicial system', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-08', text: 'explore new models of support to victims of domestic abuse including the removal of perpetrators from family homes', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-09', text: 'invest in educational products that will enable schools to educate young people about healthy relationships and consent', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-10', text: 'support police and partnership initiatives to target dangerous repeat offenders and address the causes through bespoke referral services to diversion, treatment, and support', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-11', text: 'review the existing capability and capacity to provide support to women and children for whom English is not their first language, ensuring that partner organisations can provide support for all languages during counselling and other victims services', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VAWC-12', text: 'promote a county-wide pledge from public, civic and business organisations to support a joint agenda for tackling violence against women and children', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        // "Throughout the rest of his term, the PCC will, amongst other actions:"
        { ref: 'VAWC-13', text: 'work with the police and partners on a zero tolerance approach to the causes of gender-based violence and support the government\'s proposal to treat extreme misogyny in the same way as terrorism', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VAWC-14', text: 'work with the police service and partners to strengthen strategies to address culturally-based misogyny and violence against women and girls including domestic abuse', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VAWC-15', text: 'hold the Chief Constable to account to ensure that police officers and staff are appropriately trained to handle violence against women and children including domestic abuse, with a particular focus on the police call centre', horizon: 'rest_of_term', dueDate: TERM_END, owner: CC_HELD_TO_ACCOUNT },
        { ref: 'VAWC-16', text: 'explore new ways to make it easier for victims of sexual crimes and abuse including child abuse to report crimes safely', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        // Mission prose: "The PCC will continue to engage with the correct partners …"
        { ref: 'VAWC-17', text: 'continue to engage with the correct partners to provide a pan-Bedfordshire approach to protecting women and children from violence, abuse and vulnerability', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
      ],
      measures: [
        {
          slug: 'vawc-recorded',
          title: 'Recorded violence against women and children',
          definition:
            'The number of crimes of violence against women and children recorded by Bedfordshire Police in a year. The most common are stalking and harassment, violence with injury and violence without injury.',
          unit: 'recorded crimes per year',
          polarity: 'lower_is_better',
          frequency: 'year',
          geography: 'force_area',
          source: 'Bedfordshire Police',
          dataNeeded:
            'Annual (and ideally monthly) counts of recorded violence against women and children from Bedfordshire Police, with the exact count, 12-month period and crime types behind "over 11,000". A prevalence estimate (for example from the Crime Survey for England and Wales) would show whether violence itself is falling, not just recorded crime.',
          baseline: {
            value: 11000,
            period: 'the year before publication (about October 2023 to September 2024; not stated exactly)',
            placeCode: null,
            asWritten: 'over 11,000 instances of violence against women and children were recorded in Bedfordshire',
          },
          targets: [
            {
              kind: 'relative_percent',
              value: -50,
              byDate: '2034-09-30',
              asWritten:
                'deliver the government\'s landmark mission to halve violence against women and children within ten years',
            },
          ],
          interpretation:
            '"Over 11,000" is stored as 11,000, a lower bound; the exact count is needed. The halving target is the government\'s national mission, which the plan adopts for Bedfordshire. "Within ten years" is counted from the plan\'s start (1 October 2024), giving 30 September 2034. Recorded crime is only a proxy for violence: the plan also wants more victims to report (VAWC-01, "set targets to increase reporting"), which will push recorded numbers up even if violence falls. Read this measure alongside reporting and prevalence data.',
          objectiveRef: null,
        },
      ],
    },

    // ------------------------------------------------------------------------------------------
    {
      slug: 'reinvigorating-local-policing',
      kind: 'mission',
      title: 'Reinvigorating local policing',
      summary:
        'Rebuild visible, responsive community policing in every part of the county, with resources shared fairly according to need.',
      purpose:
        'Local policing, based in, working with and responsive to communities, is essential to effective contemporary policing. It also provides quality intelligence to tackle serious crime and contributes to building trust and confidence in policing more widely.\n\nLocal policing needs to be proactive, problem solving and work in partnership with local councils and other community organisations in such areas as antisocial behaviour.',
      lead: PCC,
      objectives: [
        // "Over the next six months … The PCC will:"
        { ref: 'LOCP-01', text: 'hold the Chief Constable to account to ensure an equitable allocation of resources especially police resources, across every part of the county, proportionate to the severity of the criminality faced', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: CC_HELD_TO_ACCOUNT },
        { ref: 'LOCP-02', text: 'hold the Chief Constable to account for ensuring effective policing of local crimes including antisocial behaviour', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: CC_HELD_TO_ACCOUNT },
        { ref: 'LOCP-03', text: 'ensure that Home Office requirements of one continuous 15-minute patrol in each hotspot every three days is met, which also meets best international practice', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'LOCP-04', text: 'develop a long-term strategy for community policing, based on smaller areas with local police hubs and regular access sessions, as well as additional police officers and PCSOs, as resources permit', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'LOCP-05', text: 'establish advisory boards drawn from local councillors, local businesses, and community leaders/representatives, to work with community police teams', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'LOCP-06', text: 'understand ways in which local policing can be strengthened, by encouraging officers to take opportunities within rural and urban community policing teams as important steps in their careers', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'LOCP-07', text: 'evaluate compliance with new legislation relating to violence against retail workers, as included in the Crime and Policing Bill of July 2024', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'LOCP-08', text: 'ensure membership of, and active contribution to, the three community safety partnerships across the county, and seek to align the plan with these and vice versa', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'LOCP-09', text: 'engage with rural residents and rural businesses to understand how Bedfordshire Police can better tackle rural and wildlife crime and respond to the needs of these communities, and establish a rural crime advisory panel with the National Farmers Union and Bedfordshire Association of Parish and Town Councils', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'LOCP-10', text: 'establish an advisory panel on retail crime to include unions, local retailers, local authorities and the police', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        // "over the course of his four-year term … his commitment to, amongst other actions:"
        { ref: 'LOCP-11', text: 'require the Chief Constable to identify ways in which additional resources could be made available to strengthen local policing', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'LOCP-12', text: 'monitor the level of engagement between community policing teams and local residents, ensuring officers are as approachable and visible as possible to encourage reporting and to build relationships', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'LOCP-13', text: 'assess the quality of the evidence-based problem-solving approach that community policing teams take when working with partners to disrupt and divert the most harmful perpetrators, improving where possible to safeguard vulnerable people in a sustainable way', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'LOCP-14', text: 'speak with appropriate charities and experts on how to effectively tackle wildlife crime and how to tackle crimes against animals', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'LOCP-15', text: 'strengthen the role of specialist police teams such as the rural and wildlife crime team and the community cohesion team', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
      ],
      measures: [
        {
          slug: 'hotspot-patrol-compliance',
          title: 'Hotspot patrols: one 15-minute patrol every three days',
          definition:
            'Of all three-day windows across all hotspots, the share in which the hotspot got at least one continuous 15-minute patrol, as the Home Office requires.',
          unit: 'per cent of hotspot three-day windows',
          polarity: 'higher_is_better',
          frequency: 'month',
          geography: 'hotspot',
          source: 'Bedfordshire Police (hotspot patrol records, e.g. GPS or patrol logs)',
          dataNeeded:
            'The list of designated hotspots and patrol records (time, place and duration) from Bedfordshire Police, so the office can check each hotspot had a continuous 15-minute patrol in every three-day window.',
          baseline: {
            value: null,
            period: null,
            placeCode: null,
            asWritten: 'No baseline stated in the plan',
          },
          targets: [
            {
              kind: 'absolute',
              value: 100,
              byDate: STAGE_ONE_END,
              asWritten:
                'ensure that Home Office requirements of one continuous 15-minute patrol in each hotspot every three days is met',
            },
          ],
          interpretation:
            '"Is met" is read as every hotspot getting its patrol in every three-day window (100%). Dated to the end of Stage One because the commitment is in the six-month list.',
          objectiveRef: 'LOCP-03',
        },
        {
          slug: 'crimes-per-1000-residents',
          title: 'Recorded crime per 1,000 residents',
          definition: 'Police-recorded crimes in a year for each 1,000 people living in the area.',
          unit: 'crimes per 1,000 residents',
          polarity: 'lower_is_better',
          frequency: 'year',
          geography: 'local_authority',
          source: 'Bedfordshire Police recorded crime (police.uk street-level crime data), with ONS population estimates',
          dataNeeded:
            'Annual recorded crime counts for Bedford, Central Bedfordshire and Luton (Bedfordshire Police, or police.uk street-level crime data), and ONS resident population for each. The plan does not say which population figures its 2023 rates used.',
          baseline: {
            value: null,
            period: '2023',
            placeCode: null,
            asWritten: 'No force-area figure stated in the plan; rates are given for each local authority (see place baselines)',
          },
          placeBaselines: [
            { placeCode: BEDFORD, value: 79.69, period: '2023', asWritten: '79.69 crimes per 1000 people recorded in 2023' },
            { placeCode: CENTRAL_BEDFORDSHIRE, value: 55.27, period: '2023', asWritten: '55.27 crimes per 1000 people recorded in 2023' },
            { placeCode: LUTON, value: 88, period: '2023', asWritten: '88 crimes per 1000 people recorded in 2023' },
          ],
          targets: [{ kind: 'monitor_only', value: null, byDate: null, asWritten: 'No target set in the plan' }],
          interpretation:
            'The plan gives these rates as context ("a county of diversity") and sets no target. Luton\'s rate is written as a whole number (88). Recorded crime also moves with reporting and recording practice.',
          objectiveRef: null,
          rate: { base: 1000, denominator: 'population' },
        },
      ],
    },

    // ------------------------------------------------------------------------------------------
    {
      slug: 'excellence',
      kind: 'mission',
      title: 'Excellence',
      summary:
        'Work towards an excellent police service and an excellent, joined-up criminal justice system that the public trust and that serves victims well.',
      purpose:
        'The PCC must hold the Chief Constable to account for the delivery of an efficient and effective police service. The PCC will also expect the Chief Constable to fulfil the policing elements of this plan.\n\nThis Police and Crime Plan aims at achieving a whole system change, which is the only way to address properly the ways that victims, offenders, prison leavers and communities are being failed by the criminal justice system. In order to drive this change, all local agencies must contribute, through joint working, to sharing information, agreeing actions, and sharing resources.',
      lead: PCC,
      objectives: [
        // An excellent police service. "Starting with what he aims to do in the first six months, the PCC will:"
        { ref: 'EXCL-01', text: 'work with, and hold the Chief Constable to account for responding to the findings and recommendations from His Majesty\'s Inspectorate of Constabulary and Fire and Rescue Services to ensure they are acted upon', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: CC_HELD_TO_ACCOUNT },
        { ref: 'EXCL-02', text: 'conduct an independent public opinion poll to measure the level of public trust and confidence in Bedfordshire Police; and to source information to shape the longer term Police and Crime Plan', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-03', text: 'invest in technological solutions, including artificial intelligence, to improve productivity and outcomes', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-04', text: 'require the compliance of Bedfordshire Police with the \'Improving Policing for Black People\' strategy and with the national Police Race Action Plan', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-05', text: 'review all budgets to ensure value for money and effectiveness and alignment with the plan', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-06', text: 'strengthen the governance arrangements to hold the Chief Constable to account', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-07', text: 'press for advancing the \'One Bedfordshire\' public estate proposal', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-08', text: 'end future outsourcing contracts and agree a timetable for insourcing services', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        // "over the next three years he will, amongst other actions:"
        { ref: 'EXCL-09', text: 'monitor the progression of Bedfordshire Police\'s strategy aiming to become an exemplar employer of choice over the next ten years', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-10', text: 'work towards ensuring that the police service workforce is reflective of the diversity of the county it serves', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-11', text: 'strengthen the police service\'s anti-racist policies and their enactment', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-12', text: 'work towards a more open criteria to shape and explain the allocation of police resources including personnel so as to improve public understanding and public trust', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-13', text: 'monitor and ensure Bedfordshire Police\'s delivery of the strategic policing requirement and this plan, ensure the highest standards of conduct and behaviour by police officers and police staff and take appropriate action when these are not met', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-14', text: 'invest in training technology and other measure to improve productivity and performance', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-15', text: 'review policy and practice in areas such as Stop and Search, Use of Force and Independent Custody Visiting, including strengthening the independent review arrangements', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-16', text: 'ensure that the police service have an effective response to enquiries and reports of crime, and victims and witnesses are kept informed of progress of cases', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-17', text: 'ensure the police service has clear carbon reduction targets and is prepared for the impact of climate change on policing', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        // An excellent police service, section prose ("The PCC will also expect …", "The PCC will expect …")
        { ref: 'EXCL-18', text: 'expect the Chief Constable to fulfil the policing elements of this plan', horizon: 'rest_of_term', dueDate: TERM_END, owner: CC_HELD_TO_ACCOUNT },
        { ref: 'EXCL-19', text: 'expect the highest professional standards, and for all staff to conform with the Code of Ethics. He will hold the police to account through the established governance arrangements', horizon: 'rest_of_term', dueDate: TERM_END, owner: CC_HELD_TO_ACCOUNT },
        // An excellent criminal justice system, section prose ("The PCC intends to reinvigorate the LCJB within his term")
        { ref: 'EXCL-20', text: 'reinvigorate the Local Criminal Justice Board (LCJB) within his term, focusing on one of the key expectations of its members within the national guidance, which is to \'work with local, regional and national counterparts as necessary to identify and overcome barriers to improving the delivery of justice\'', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        // "Over the next six months of his term, the PCC will:"
        { ref: 'EXCL-21', text: 'focus the LCJB on problem solving, and putting victims at the heart of the system', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-22', text: 'agree shared objectives with the LCJB for improving criminal justice across the county within the current regulatory and resource constraints; and identify proposals to put to government to improve outcomes through regulatory and funding changes', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-23', text: 'pursue a memorandum of understanding with commitments from all LCJB partners to take action to improve the experience of victims', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-24', text: 'encourage the Crown Prosecution Service and courts service to expedite justice for victims of serious crime, including violence against women and children', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-25', text: 'work with partners to review the specialist services in place to support victims of serious sexual offences and domestic abuse', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'EXCL-26', text: 'develop system wide plans to reduce reoffending, including ensuring prison leavers have access to accommodation, employment and appropriate health services', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        // "over the next three years and beyond, the PCC will, amongst other actions:"
        { ref: 'EXCL-27', text: 'aim to understand and put in place means by which the Local Criminal Justice Board can contribute to addressing social as well as criminal injustice', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-28', text: 'develop an enhanced system response for managing prolific offenders, with mandatory drug testing on arrest, diversion into treatment and multi-agency support', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-29', text: 'improve the victim experience by using technology to create an end-to-end service for victims, with a single case officer, who may not necessarily be the investigating officer, assigned from the moment a crime is recorded', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-30', text: 'develop a ten-year strategy for criminal justice through the LCJB', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'EXCL-31', text: 'adopt a cross-system plan for alternative methods of disposal', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
      ],
      measures: [
        {
          slug: 'public-trust-and-confidence',
          title: 'Public trust and confidence in Bedfordshire Police',
          definition:
            'The share of residents who say they trust, and have confidence in, Bedfordshire Police, from an independent public opinion poll, shown for the county and for different community and socioeconomic groups.',
          unit: 'per cent of residents polled',
          polarity: 'higher_is_better',
          frequency: 'year',
          geography: 'force_area',
          source: 'Independent public opinion poll commissioned by the Office of the PCC for Bedfordshire',
          dataNeeded:
            'Results of the independent poll the PCC has committed to run (EXCL-02): question wording, sample size, fieldwork dates and results by area and group. The first poll will be the baseline, and repeating the same questions later will show change.',
          baseline: {
            value: null,
            period: null,
            placeCode: null,
            asWritten: 'Currently, there is no evidence of the level of public trust in Bedfordshire Police.',
          },
          targets: [
            {
              kind: 'monitor_only',
              value: null,
              byDate: null,
              asWritten: 'No target in the plan ("Nationally, public trust and confidence in the police is at an all time low. This has to be reversed.")',
            },
          ],
          interpretation:
            'No baseline exists until the first poll reports. The plan says falling trust "has to be reversed" but sets no figure, so this is monitor-only.',
          objectiveRef: 'EXCL-02',
        },
        {
          slug: 'workforce-diversity-gap',
          title: 'How far the police workforce reflects the county\'s diversity',
          definition:
            'The county population\'s ethnic minority share (Census 2021) minus the police workforce\'s ethnic minority share (officers, staff and PCSOs). Zero means the workforce reflects the county.',
          unit: 'percentage points',
          polarity: 'lower_is_better',
          frequency: 'year',
          geography: 'force_area',
          source: 'Bedfordshire Police workforce data (Home Office Police workforce, England and Wales statistics) and ONS Census 2021',
          dataNeeded:
            'The ethnic make-up of the Bedfordshire Police workforce (Bedfordshire Police HR, or the Home Office\'s annual police workforce statistics at 31 March) and of the county\'s population (ONS Census 2021). The plan gives ethnicity for each local authority but no county figure and no workforce figure.',
          baseline: {
            value: null,
            period: null,
            placeCode: null,
            asWritten: 'No baseline stated in the plan',
          },
          targets: [
            {
              kind: 'absolute',
              value: 0,
              byDate: null,
              asWritten: 'work towards ensuring that the police service workforce is reflective of the diversity of the county it serves',
            },
          ],
          interpretation:
            '"Reflective of the diversity of the county" is read as a workforce whose ethnic minority share matches the county\'s (a gap of 0 points). Ethnicity is the usual measure; other kinds of diversity (such as sex, age or disability) could be added. "Work towards" sets no date, so byDate is null.',
          objectiveRef: 'EXCL-10',
        },
      ],
    },

    // ------------------------------------------------------------------------------------------
    {
      slug: 'securing-value-for-money',
      kind: 'foundation',
      title: 'Securing value for money',
      summary:
        'Make every pound spent by Bedfordshire Police and the PCC\'s Office count towards the six missions, and press for fairer funding.',
      purpose:
        'The Police and Crime Commissioner is committed that every pound spent by Bedfordshire Police and by the PCC\'s Office contributes to the fulfilment of his six missions whilst maximising value for money. Every pound spent inefficiently or ineffectively is a pound which is unavailable for maximising public benefit. Therefore, the PCC will require the Police and his Office to assess every revenue and capital expenditure against certain criteria.',
      lead: PCC,
      objectives: [
        { ref: 'VFM-01', text: 'require the Police and his Office to assess every revenue and capital expenditure against certain criteria', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-02', text: 'assess if each expenditure is: an efficient and effective use of public money? aligned with and contributes to the missions in this plan? consistent with the PCC\'s commitment to equity? going to contribute to local economic growth? consistent with the ambition to reduce carbon emissions? sustainable and does it have adverse long term impact? Is this expenditure going to have unintended consequences for other police and PCC Office budgets or those of other public sector partners?', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-03', text: 'expect the latter [the Chief Constable] to assess all expenditure against these criteria and will hold him to account for effective financial management', horizon: 'rest_of_term', dueDate: TERM_END, owner: CC_HELD_TO_ACCOUNT },
        { ref: 'VFM-04', text: 'always take a long-term strategic approach to setting budgets and financial stewardship', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-05', text: 'set a three-year budget for his Office and the police service', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VFM-06', text: 'only agree to capital investment when there is a sound business case which demonstrates public benefit', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-07', text: 'where possible, minimise the cost of borrowing in fulfilling this obligation', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-08', text: 'ensure that there are external audits of his Office\'s and the Police Service\'s financial management, control and planning', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-09', text: 'always respond to recommendations from auditors', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-10', text: 'constantly benchmark expenditure and the impact of expenditure against comparable police services and PCC Offices', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-11', text: 'encourage public sector partners to adopt similar approaches to financial management and strategy', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-12', text: 'explore opportunities to co-ordinate and integrate public sector budgets', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-13', text: 'in setting the precept, always reflect on the ability of residents to pay council tax and the tax\'s regressive nature, whilst ensuring the police service is adequately funded', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-14', text: 'work with local MPs and others, and directly to the Home Secretary, to mainstream these special grants into the core settlement and ultimately to introduce a new funding formula that properly reflects the policing needs in Bedfordshire', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-15', text: 'make the case to government to secure Bedfordshire\'s share of the government\'s drive to increase police officers, PCSOs and special constables by 13,000 nationally, along with ensuring that any additional new initiatives come with the appropriate funds, such as youth hubs', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-16', text: 'strive to ensure that jointly there is a partnership approach to allocating resources to the key six missions within the Plan, as these cannot be delivered without system co-operation', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-17', text: 'support partners in their quest for additional funding', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-18', text: 'over the next six months, work to establish such a partnership approach [to resourcing the Plan with all public sector partners]', horizon: 'first_six_months', dueDate: STAGE_ONE_END, owner: PCC },
        { ref: 'VFM-19', text: 'continue this [partnership approach] over his four years tenure of office', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-20', text: 'engage with stakeholders including the public, local public sector partners, trade unions, professional associations and the community and voluntary sector', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-21', text: 'invest in measures to improve productivity in the police service and invest in these when there is a positive business case', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
        { ref: 'VFM-22', text: 'seek and welcome additional funding but will demand that the police service and his Office always maximise impact with the available resources, eliminate waste and never use the lack of funding as an excuse for poor performance or failing the people of Bedfordshire', horizon: 'rest_of_term', dueDate: TERM_END, owner: PCC },
      ],
      measures: [
        {
          slug: 'expenditure-assessed-against-criteria',
          title: 'Spending decisions assessed against the seven criteria',
          definition:
            'The share of revenue and capital spending decisions by Bedfordshire Police and the PCC\'s Office that have a recorded assessment against the plan\'s seven value-for-money criteria.',
          unit: 'per cent of expenditure decisions',
          polarity: 'higher_is_better',
          frequency: 'quarter',
          geography: 'force_area',
          source: 'Office of the PCC for Bedfordshire and Bedfordshire Police (finance and decision records)',
          dataNeeded:
            'A register of revenue and capital spending decisions from the OPCC and Bedfordshire Police finance teams, showing which have a documented assessment against the seven criteria. The plan sets no threshold for which decisions count.',
          baseline: {
            value: null,
            period: null,
            placeCode: null,
            asWritten: 'No baseline stated in the plan',
          },
          targets: [
            {
              kind: 'absolute',
              value: 100,
              byDate: null,
              asWritten: 'assess every revenue and capital expenditure against certain criteria',
            },
          ],
          interpretation:
            '"Every" is read as 100% of spending decisions. The plan gives no date or threshold; in practice a materiality threshold will be needed, and the office should publish it.',
          objectiveRef: 'VFM-01',
        },
        {
          slug: 'police-uplift-share',
          title: 'Bedfordshire\'s share of the national 13,000 officer, PCSO and special constable increase',
          definition:
            'The number of extra police officers, PCSOs and special constables Bedfordshire receives from the government\'s national increase of 13,000.',
          unit: 'additional officers, PCSOs and special constables',
          polarity: 'higher_is_better',
          frequency: 'year',
          geography: 'force_area',
          source: 'Home Office (neighbourhood policing uplift allocations) and Bedfordshire Police workforce data',
          dataNeeded:
            'Bedfordshire\'s allocation under the national increase (Home Office) and the number actually recruited (Bedfordshire Police HR). The plan gives neither.',
          baseline: {
            value: null,
            period: null,
            placeCode: null,
            asWritten: 'No baseline stated in the plan',
          },
          targets: [
            {
              kind: 'monitor_only',
              value: null,
              byDate: null,
              asWritten:
                'secure Bedfordshire\'s share of the government\'s drive to increase police officers, PCSOs and special constables by 13,000 nationally',
            },
          ],
          interpretation:
            'The 13,000 is a national figure. The plan does not say what Bedfordshire\'s "fair share" would be, so there is no local target.',
          objectiveRef: 'VFM-15',
        },
      ],
    },
  ],
};
