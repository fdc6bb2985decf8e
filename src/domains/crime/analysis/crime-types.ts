// The police.uk crime types and the outcomes that count as "charged or summonsed", as the pages
// state them. The counts themselves come from crime_counts (rebuilt by the importer).

export const antiSocialBehaviour = 'Anti-social behaviour';
/** Every crime type except anti-social behaviour (which is not a notifiable crime and has no ID). */
export const allCrime = 'All crime';

/** police.uk crime types (CSV label → API slug), in the order police.uk lists them. */
export const crimeTypeSlugs: Record<string, string> = {
  'Anti-social behaviour': 'anti-social-behaviour',
  'Bicycle theft': 'bicycle-theft',
  Burglary: 'burglary',
  'Criminal damage and arson': 'criminal-damage-arson',
  Drugs: 'drugs',
  'Other theft': 'other-theft',
  'Possession of weapons': 'possession-of-weapons',
  'Public order': 'public-order',
  Robbery: 'robbery',
  Shoplifting: 'shoplifting',
  'Theft from the person': 'theft-from-the-person',
  'Vehicle crime': 'vehicle-crime',
  'Violence and sexual offences': 'violent-crime',
  'Other crime': 'other-crime',
};
export const knownCrimeTypes = Object.keys(crimeTypeSlugs);

/** A type as typed in a query: its label or police.uk slug, any case; "all" or "all-crime" is All crime. */
export function resolveCrimeType(input: string, extra: readonly string[] = []): string | null {
  const text = input.trim().toLowerCase();
  if (text === 'all' || text === 'all crime' || text === 'all-crime') return allCrime;
  for (const label of [...knownCrimeTypes, ...extra]) {
    if (label.toLowerCase() === text || crimeTypeSlugs[label] === text) return label;
  }
  return null;
}

// Last outcomes that mean the suspect was charged or summonsed, including the court outcomes that
// can only follow one: the importer's own list, so the page states exactly what crime_counts counts.
export { chargedOrSummonsedOutcomes } from '../police-uk/police-uk-import.ts';
