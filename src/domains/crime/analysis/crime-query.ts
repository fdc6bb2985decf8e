// The query strings of the crime pages and the counts API, checked with zod. Each becomes a
// canonical key: only valid, resolved values reach the response cache.
import { z } from 'zod';
import { allCrime, resolveCrimeType } from './crime-types.ts';
import { levels, type Level } from './geography.ts';
import { monthPattern, type Period } from './crime-analysis.service.ts';

const month = (name: string) => z.string({ error: `${name} must be a month written YYYY-MM, like 2023-01` }).trim().regex(monthPattern, `${name} must be a month written YYYY-MM, like 2023-01`);

export const countsQuerySchema = z
  .object({
    place: z
      .string({ error: 'place must be one ONS GSS code, like E06000055' })
      .trim()
      .regex(/^[A-Za-z]\d{8}$/, 'place must be an ONS GSS code: a letter and 8 digits, like E06000055')
      .transform((s) => s.toUpperCase())
      .optional(),
    level: z.enum(levels as [Level, ...Level[]], { error: `level must be one of ${levels.join(', ')}` }).optional(),
    from: month('from').optional(),
    to: month('to').optional(),
    type: z.string({ error: 'type must be one crime type' }).trim().max(100, 'type is too long').optional(),
    format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).optional(),
  })
  .strict();

export const pageQuerySchema = z
  .object({
    from: month('from').optional().or(z.literal('')),
    to: month('to').optional().or(z.literal('')),
    type: z.string({ error: 'type must be one crime type' }).trim().max(100, 'type is too long').optional(),
  })
  .strip();

/** zod's issues as one sentence per problem, each naming the parameter. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}: the parameters are place, level, from, to, type and format`;
      const name = issue.path.join('.');
      return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    })
    .join('; ');
}

export interface ResolvedFilter {
  period: Period;
  type: string;
  problems: { field: string; text: string }[];
}

/** The period and type to show: from/to default to the first and last loaded months. */
export function resolveFilter(input: { from?: string | undefined; to?: string | undefined; type?: string | undefined }, loadedMonths: string[], knownTypes: readonly string[]): ResolvedFilter {
  const problems: { field: string; text: string }[] = [];
  const first = loadedMonths[0] ?? '';
  const last = loadedMonths.at(-1) ?? '';
  let from = input.from || first;
  let to = input.to || last;
  if (from && to && from > to) {
    problems.push({ field: 'from', text: `from (${from}) is after to (${to}): choose a start month on or before the end month` });
    [from, to] = [first, last];
  }
  let type = allCrime;
  if (input.type) {
    const resolved = resolveCrimeType(input.type, knownTypes);
    if (resolved) type = resolved;
    else problems.push({ field: 'type', text: `type "${input.type}" is not a police.uk crime type: use one of ${[allCrime, ...knownTypes].join(', ')} (or its police.uk slug)` });
  }
  return { period: { from, to }, type, problems };
}
