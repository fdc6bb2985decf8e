// The board pack as PDF, printed by Chromium from the pack's own HTML (its print styles apply).
// Chromium is optional: without it the route says so and offers the print view instead.
import fs from 'node:fs';

/** Debian's Chromium (a CHROMIUM_PATH setting would belong in src/config). */
export const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumAvailable(): boolean {
  return fs.existsSync(chromiumPath);
}

/**
 * Prints an HTML document to PDF. The page's only network is our own stylesheets and images under
 * `assetOrigin`/assets/ (this process's own address); every other request is refused.
 */
export async function htmlToPdf(html: string, options: { title: string; assetOrigin: string }): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const assets = `${options.assetOrigin}/assets/`;
    await page.route('**/*', (route) => (route.request().url().startsWith(assets) ? route.continue() : route.abort()));
    await page.setContent(html.replaceAll('href="/assets/', `href="${assets}`), { waitUntil: 'load', timeout: 60_000 });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;font-family:sans-serif">${escapeHtml(options.title)} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
