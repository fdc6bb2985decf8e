// Front-end assets from govuk-frontend and MOJ Frontend's prebuilt dist folders. The product is not a
// GOV.UK service, so its stylesheet is the prebuilt one with the GDS Transport font removed (Arial is
// used instead) — a string transform at start-up, not a build step.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const govukDist = path.dirname(require.resolve('govuk-frontend/package.json')) + '/dist';
const mojRoot = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));
const ownAssets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ui/assets');

export const viewSearchPaths = [govukDist, mojRoot];

export function withoutGovukFont(css: string): string {
  return css.replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, '').replaceAll('GDS Transport,arial', 'arial');
}

interface BuiltAsset {
  body: Buffer;
  type: string;
  url: string;
}

function built(name: string, body: Buffer | string, type: string): BuiltAsset {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const hash = createHash('sha256').update(buffer).digest('hex').slice(0, 10);
  const ext = path.extname(name);
  return { body: buffer, type, url: `/assets/${path.basename(name, ext)}-${hash}${ext}` };
}

export interface AssetUrls {
  css: string[];
  js: string[];
}

export function createAssets(): { router: Router; urls: AssetUrls } {
  const govukCss = built(
    'govuk.css',
    withoutGovukFont(fs.readFileSync(path.join(govukDist, 'govuk/govuk-frontend.min.css'), 'utf8')),
    'text/css; charset=utf-8',
  );
  const mojCss = built(
    'moj.css',
    withoutGovukFont(fs.readFileSync(path.join(mojRoot, 'moj/moj-frontend.min.css'), 'utf8')),
    'text/css; charset=utf-8',
  );
  const appCss = built('app.css', fs.readFileSync(path.join(ownAssets, 'app.css')), 'text/css; charset=utf-8');
  const govukJs = built('govuk-frontend.js', fs.readFileSync(path.join(govukDist, 'govuk/govuk-frontend.min.js')), 'text/javascript; charset=utf-8');
  const mojJs = built('moj-frontend.js', fs.readFileSync(path.join(mojRoot, 'moj/moj-frontend.min.js')), 'text/javascript; charset=utf-8');
  const initJs = built(
    'init.js',
    `import { initAll } from '${govukJs.url}';\nimport { initAll as initMoj } from '${mojJs.url}';\ninitAll();\ninitMoj();\n`,
    'text/javascript; charset=utf-8',
  );
  const router = express.Router();
  for (const asset of [govukCss, mojCss, appCss, govukJs, mojJs, initJs]) {
    router.get(asset.url, (_req, res) => {
      res.setHeader('Content-Type', asset.type);
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      res.end(asset.body);
    });
  }
  router.use('/assets/images', express.static(path.join(govukDist, 'govuk/assets/images'), { maxAge: '1d' }));
  router.use('/assets/images', express.static(path.join(mojRoot, 'moj/assets/images'), { maxAge: '1d' }));
  return { router, urls: { css: [govukCss.url, mojCss.url, appCss.url], js: [initJs.url] } };
}
