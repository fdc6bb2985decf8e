// Rendered public pages, kept until any content changes. Template rendering is the cost of a public
// page (~1.7 ms for a large one), so caching is what lets the public site take load. The CSP nonce
// differs per response: pages are cached with a placeholder that is swapped in when sent.

export const noncePlaceholder = '__CSP_NONCE_PLACEHOLDER__';

export function createPageCache(maxEntries = 2000) {
  const pages = new Map<string, { body: string; type: string }>();
  return {
    get(key: string) {
      return pages.get(key);
    },
    set(key: string, body: string, type: string) {
      if (pages.size >= maxEntries) pages.clear();
      pages.set(key, { body, type });
    },
    clear() {
      pages.clear();
    },
    get size() {
      return pages.size;
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
