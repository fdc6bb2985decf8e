// Rendered public pages, kept until any content changes. Template rendering is the cost of a public
// page (~1.7 ms for a large one), so caching is what lets the public site take load. The CSP nonce
// differs per response: pages are cached as UTF-8 bytes split at a placeholder, and each response
// joins them around its own nonce (encoding a 110 KB page per response was most of its cost).

export const noncePlaceholder = '__CSP_NONCE_PLACEHOLDER__';

export interface CachedPage {
  type: string;
  parts: Buffer[]; // the page's bytes, split where the nonce goes
}

export function toCachedPage(body: string, type: string): CachedPage {
  return { type, parts: body.split(noncePlaceholder).map((part) => Buffer.from(part, 'utf8')) };
}

/** The page's bytes with this response's nonce in place of the placeholder. */
export function pageBytes(page: CachedPage, nonce: string): Buffer {
  if (page.parts.length === 1) return page.parts[0] ?? Buffer.alloc(0);
  const nonceBytes = Buffer.from(nonce, 'utf8');
  const pieces: Buffer[] = [];
  page.parts.forEach((part, index) => {
    if (index > 0) pieces.push(nonceBytes);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

export function createPageCache(maxEntries = 2000) {
  const pages = new Map<string, CachedPage>();
  // Renders under way: requests arriving meanwhile wait for the same render instead of repeating it.
  const pending = new Map<string, Promise<CachedPage | null>>();
  let generation = 0;
  return {
    async getOrBuild(key: string, build: () => Promise<{ body: string; type: string } | null>): Promise<CachedPage | null> {
      const hit = pages.get(key);
      if (hit) return hit;
      let render = pending.get(key);
      if (!render) {
        const startedIn = generation;
        render = build()
          .then((built) => {
            if (!built) return null;
            const page = toCachedPage(built.body, built.type);
            // A change that happened during the render makes its result stale: serve it once, keep it not.
            if (startedIn === generation) {
              if (pages.size >= maxEntries) pages.clear();
              pages.set(key, page);
            }
            return page;
          })
          .finally(() => pending.delete(key));
        pending.set(key, render);
      }
      return render;
    },
    clear() {
      generation++;
      pages.clear();
      pending.clear();
    },
    get size() {
      return pages.size;
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
