import type { Request, Response } from 'express';
import type { Views } from '../views/views.ts';
import type { AssetUrls } from './assets.ts';

export type BaseContext = (req: Request) => Promise<Record<string, unknown>>;

export function createRenderer(views: Views, assets: AssetUrls, baseContext: BaseContext) {
  async function toHtml(req: Request, template: string, context: Record<string, unknown>, nonce = req.cspNonce): Promise<string> {
    const base = await baseContext(req);
    return views.render(template, { ...base, assets, cspNonce: nonce, csrfToken: req.csrfToken, currentUser: req.user, ...context });
  }
  return {
    toHtml,
    async page(req: Request, res: Response, template: string, context: Record<string, unknown>, status = 200): Promise<void> {
      const html = await toHtml(req, template, context);
      res.status(status).type('html').send(html);
    },
  };
}

export type Renderer = ReturnType<typeof createRenderer>;
