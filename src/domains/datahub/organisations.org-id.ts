// Organisation identifiers in the org-id.guide convention: the code of the list the organisation is
// registered in (a two-letter country or XI/XM code, a hyphen, the list's own code: GB-LAE, GB-CHC,
// GB-COH, GB-NHS, GB-GOR, XI-IATI …), a hyphen, and the organisation's identifier in that list.
// For the lists partners are most often in, the identifier's shape is checked as well.

export interface OrgIdParts {
  /** The list code, e.g. GB-LAE. */
  scheme: string;
  /** The identifier within the list, e.g. LUT. */
  identifier: string;
  /** The whole identifier, e.g. GB-LAE-LUT. */
  orgId: string;
}

export type OrgIdResult = { ok: true; value: OrgIdParts } | { ok: false; message: string };

/** Identifier shapes of the lists we know, with an example for the error message. */
const knownLists: Record<string, { pattern: RegExp; what: string; example: string }> = {
  'GB-LAE': { pattern: /^[A-Z]{3,4}$/, what: 'the 3 or 4 letter code from the local authorities for England register', example: 'GB-LAE-LUT' },
  'GB-PLA': { pattern: /^[A-Z]{3}$/, what: 'the 3 letter code from the principal local authorities for Wales register', example: 'GB-PLA-CRF' },
  'GB-LAS': { pattern: /^[A-Z]{3}$/, what: 'the 3 letter code from the local authorities for Scotland register', example: 'GB-LAS-EDH' },
  'GB-CHC': { pattern: /^\d{6,7}$/, what: 'the registered charity number in England and Wales (6 or 7 digits)', example: 'GB-CHC-1091263' },
  'GB-SC': { pattern: /^SC\d{6}$/, what: 'the Scottish charity number (SC and 6 digits)', example: 'GB-SC-SC007427' },
  'GB-NIC': { pattern: /^\d{5,6}$/, what: 'the Northern Ireland charity number (5 or 6 digits)', example: 'GB-NIC-104226' },
  'GB-COH': { pattern: /^(\d{8}|[A-Z]{2}\d{6})$/, what: 'the Companies House number (8 digits, or 2 letters and 6 digits)', example: 'GB-COH-01234567' },
  'GB-NHS': { pattern: /^[A-Z0-9]{3,9}$/, what: 'the NHS Organisation Data Service (ODS) code (3 to 9 letters and digits)', example: 'GB-NHS-QHG' },
  'GB-GOR': { pattern: /^[A-Z]{1,3}\d{1,6}$/, what: 'the Government Organisation Register code (letters then digits)', example: 'GB-GOR-PB1204' },
  'GB-EDU': { pattern: /^\d{6}$/, what: 'the unique reference number from Get Information about Schools (6 digits)', example: 'GB-EDU-133808' },
};

const general = 'Organisation identifier must be in the org-id.guide form: the list code (a 2-letter country code, a hyphen and the list, like GB-LAE, GB-CHC, GB-COH, GB-NHS or GB-GOR), a hyphen, then the identifier in that list, like GB-LAE-LUT';

/**
 * Checks and normalises an org-id. The list code is case-insensitive (upper-cased here); for the
 * lists above the identifier is upper-cased too, as those registers write it.
 */
export function parseOrgId(input: string): OrgIdResult {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter the organisation identifier, like GB-LAE-LUT' };
  if (/\s/.test(text)) return { ok: false, message: `${general} (no spaces)` };
  if (text.length > 120) return { ok: false, message: 'Organisation identifier must be 120 characters or fewer' };
  const match = /^([A-Za-z]{2})-([A-Za-z0-9]{2,12})-(.+)$/.exec(text);
  if (!match) return { ok: false, message: `${general}; "${text}" is not` };
  const scheme = `${match[1]}-${match[2]}`.toUpperCase();
  let identifier = match[3] ?? '';
  const known = knownLists[scheme];
  if (known) {
    identifier = identifier.toUpperCase();
    if (!known.pattern.test(identifier)) return { ok: false, message: `A ${scheme} identifier is ${known.what}, like ${known.example}; "${text}" is not` };
  } else if (!/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(identifier)) {
    return { ok: false, message: `The identifier after ${scheme}- must be letters and digits, with . _ or - between them; "${identifier}" is not` };
  }
  return { ok: true, value: { scheme, identifier, orgId: `${scheme}-${identifier}` } };
}
