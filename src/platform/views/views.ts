import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { viewSearchPaths } from '../http/assets.ts';
import { formatDate, formatDateTime, formatNumber, humanise } from './format.ts';

const srcRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Views = nunjucks.Environment;

/** Templates are named from src/, e.g. "domains/public-site/views/home.njk". */
export function createViews(): Views {
  const loader = new nunjucks.FileSystemLoader([srcRoot, ...viewSearchPaths]);
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  env.addFilter('number', (value: unknown, decimals?: number) => formatNumber(value, decimals));
  env.addFilter('date', (value: unknown) => formatDate(value));
  env.addFilter('datetime', (value: unknown) => formatDateTime(value));
  env.addFilter('humanise', (value: unknown) => humanise(String(value ?? '')));
  return env;
}
