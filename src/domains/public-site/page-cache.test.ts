import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPageCache, noncePlaceholder, pageBytes } from './page-cache.ts';

test('each response gets its own nonce in every place the page has one, multi-byte text intact', async () => {
  const cache = createPageCache();
  const page = await cache.getOrBuild('/', async () => ({ body: `<script nonce="${noncePlaceholder}"></script>“£”<style nonce="${noncePlaceholder}">`, type: 'text/html' }));
  assert.ok(page);
  assert.equal(pageBytes(page, 'abc').toString('utf8'), '<script nonce="abc"></script>“£”<style nonce="abc">');
  assert.equal(pageBytes(page, 'xyz').toString('utf8'), '<script nonce="xyz"></script>“£”<style nonce="xyz">');
});

test('concurrent requests for an uncached page share one render; a change empties the cache', async () => {
  const cache = createPageCache();
  let renders = 0;
  const build = async () => {
    renders++;
    await new Promise((r) => setTimeout(r, 10));
    return { body: `render ${renders}`, type: 'text/plain' };
  };
  const pages = await Promise.all([cache.getOrBuild('/a', build), cache.getOrBuild('/a', build), cache.getOrBuild('/a', build)]);
  assert.equal(renders, 1);
  assert.ok(pages.every((p) => p === pages[0]));
  cache.clear();
  await cache.getOrBuild('/a', build);
  assert.equal(renders, 2);
});

test('a render that started before a change is served once but not kept', async () => {
  const cache = createPageCache();
  let release: () => void = () => {};
  const slow = cache.getOrBuild('/b', () => new Promise((resolve) => (release = () => resolve({ body: 'old', type: 'text/plain' }))));
  cache.clear();
  release();
  assert.equal(pageBytes((await slow) ?? { type: '', parts: [] }, '').toString(), 'old');
  const fresh = await cache.getOrBuild('/b', async () => ({ body: 'new', type: 'text/plain' }));
  assert.equal(pageBytes(fresh ?? { type: '', parts: [] }, '').toString(), 'new');
});

test('a page that does not exist is not cached', async () => {
  const cache = createPageCache();
  assert.equal(await cache.getOrBuild('/missing', async () => null), null);
  assert.equal(cache.size, 0);
});
