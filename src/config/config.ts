// The only module that reads process.env. Everything else receives a Config.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  // Data imports (a data.police.uk zip of a force's three years is about 15 MB; unzipped files about 80 MB).
  MAX_IMPORT_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  PUBLIC_BASE_URL: z.string().url().optional(),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  database: { kind: 'server'; url: string } | { kind: 'embedded'; dataDir: string };
  dataDir: string;
  sessionSecret: string;
  sessionSecretGenerated: boolean;
  logLevel: string;
  maxUploadBytes: number;
  maxImportBytes: number;
  secureCookies: boolean;
  publicBaseUrl: string | null;
}

export class ConfigError extends Error {}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`Configuration error: ${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError('Configuration error: SESSION_SECRET is required when NODE_ENV=production');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'server', url: e.DATABASE_URL } : { kind: 'embedded', dataDir },
    dataDir,
    // A generated secret only lives as long as the process: sessions end at restart, which is the
    // safe default for a development machine.
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionSecretGenerated: !e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxImportBytes: e.MAX_IMPORT_BYTES,
    secureCookies: e.NODE_ENV === 'production',
    publicBaseUrl: e.PUBLIC_BASE_URL ?? null,
  };
  return { ...config, ...overrides };
}
