// The `safer` command. Exit code 0 on success; otherwise non-zero with a one-line reason on stderr.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.ts';
import { createOrganisationsService } from '../domains/datahub/organisations.service.ts';
import { seedDemoPlan } from '../domains/plan/demo/seed-demo.ts';
import { createAuthService } from '../platform/auth/auth.service.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { openConfiguredDatabase } from '../platform/db/startup.ts';
import { serve } from '../main.ts';
import { importCommands } from './import-commands.ts';
import { createServices } from '../services.ts';
import { createLogger } from '../platform/logging/logger.ts';

function usage(): string {
  return `Usage: safer <command>

Commands:
  serve                          start the web server (same as npm start)
  migrate                        apply database migrations
  seed demo                      load the demo plan (the Bedfordshire Police and Crime Plan)
  user add --email E --role R    add a user (R: admin, editor, viewer or partner); prints a generated password
           [--name N] [--organisation ORG-ID]
                                 the organisation they act for, by org-id (like GB-LAE-LUT): required for
                                 partners; staff act for the office's organisation unless told otherwise
  import <what> <file>…          load data; <what> is one of:
${Object.entries(importCommands).map(([name, c]) => `    ${name.padEnd(27)} ${c.usage}`).join('\n')}

Environment: DATABASE_URL (PostgreSQL server) or DATA_DIR (embedded, default ./data), PORT.`;
}

const cliActor = { userId: null, label: 'command line' };

async function withDatabase<T>(work: (database: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

export async function runCli(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serve();
      return -1; // keeps running
    case 'migrate':
      await withDatabase(async (d) => out(`Migrations applied to ${d.describe}`));
      return 0;
    case 'seed': {
      if (rest[0] !== 'demo') throw new UsageError('seed takes one argument: demo');
      const result = await withDatabase((d) => seedDemoPlan(d.db, cliActor));
      const partners = result.organisations ? `, ${result.organisations} partner organisations` : '';
      const boards = result.boards ? `, ${result.boards} boards, committees and panels` : '';
      const added = [result.organisations ? `${result.organisations} partner organisations` : '', result.boards ? `${result.boards} boards, committees and panels` : ''].filter(Boolean).join(' and ');
      out(result.created ? `Loaded the demo plan: ${result.missions} missions and foundations, ${result.objectives} objectives, ${result.measures} measures${partners}${boards}` : added ? `The demo plan is already loaded; added its ${added}` : 'The demo plan is already loaded: nothing changed');
      return 0;
    }
    case 'user': {
      if (rest[0] !== 'add') throw new UsageError('user takes a subcommand: add');
      const { values } = parseArgs({ args: rest.slice(1), options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' } }, strict: true });
      if (!values.email || !values.role) throw new UsageError('user add needs --email and --role');
      if (values.role === 'partner' && !values.organisation) throw new UsageError('a partner user needs --organisation <org-id> (like GB-LAE-LUT): the organisation they act for');
      const created = await withDatabase(async (d) => {
        const organisations = createOrganisationsService(d.db, { auth: createAuthService(d.db) });
        const organisation = values.organisation ?? (values.role === 'partner' ? null : ((await organisations.office())?.orgId ?? null));
        return organisations.addUser({ email: values.email ?? '', role: values.role ?? '', organisation, ...(values.name ? { displayName: values.name } : {}) }, cliActor);
      });
      out(`Added ${created.email} as ${created.role}. Password (shown once): ${created.password}`);
      out(created.organisation ? `Acts for ${created.organisation.name} (${created.organisation.orgId})` : 'Acts for no organisation (sees only public partner data)');
      return 0;
    }
    case 'import': {
      const [what, ...args] = rest;
      const command = what ? importCommands[what] : undefined;
      if (!command) throw new UsageError(`import takes one of: ${Object.keys(importCommands).join(', ')}`);
      return withDatabase((database) => command.run(args, { database, services: createServices({ config: loadConfig(), database, logger: createLogger('warn') }), out, actorLabel: cliActor.label }));
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(usage());
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

export class UsageError extends Error {}

export async function main(argv: string[]): Promise<void> {
  try {
    const code = await runCli(argv);
    if (code >= 0) process.exitCode = code;
  } catch (error) {
    const message = error instanceof ValidationError ? error.errors.map((e) => e.text).join('; ') : error instanceof Error ? error.message : String(error);
    process.stderr.write(`safer: ${message.split('\n')[0]}${error instanceof UsageError ? ' (safer help lists the commands)' : ''}\n`);
    process.exitCode = error instanceof UsageError || error instanceof ConfigError ? 2 : 1;
  }
}
