/**
 * The committed HTML contract pages in headless Chromium, served from loopback: nothing is fetched
 * from elsewhere, nothing fails, nothing logs an error; the message index links jump to sections
 * that exist; every message of the model has its section; examples are JSON; the filter works and
 * the page reads without JavaScript.
 */
import { basename, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverContracts } from '../../contract/discover.js';
import { loadContract } from '../../contract/load.js';
import type { ContractModel } from '../../contract/model.js';
import { chromiumOrSkip, launchChromium, serveFolder, watchPage } from '../support/browser.js';

const DOCS_DIR = resolve(import.meta.dirname, '../../docs/contracts');
const run = chromiumOrSkip('docs HTML pages in Chromium');
const CONTRACTS = discoverContracts().map((f) => basename(f).replace(/\.ya?ml$/, ''));

describe.skipIf(!run)('docs/contracts/*.html in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  const models = new Map<string, ContractModel>();

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), serveFolder(DOCS_DIR)]);
    for (const file of discoverContracts()) {
      const loaded = await loadContract(file);
      if (!loaded.ok) throw new Error(`${file}: ${loaded.diagnostics[0]?.message}`);
      models.set(loaded.contract.id, loaded.contract);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each(CONTRACTS)('%s.html: every message, working index links, JSON examples, no outside requests', async (id) => {
    const model = models.get(id)!;
    const page = await browser.newPage();
    const watch = watchPage(page, site.origin);
    try {
      await page.goto(`${site.origin}/${id}.html`, { waitUntil: 'load', timeout: 30_000 });

      const sections = await page.$$eval('article.message', (els) => els.map((e) => e.getAttribute('data-name')));
      expect(sections).toEqual(model.messages.map((m) => m.type ?? m.id));
      for (const direction of ['server-to-client', 'client-to-server'] as const) {
        const listed = await page.$$eval(`ul.index[data-direction="${direction}"] li[data-name]`, (els) => els.map((e) => e.getAttribute('data-name')));
        expect(listed, direction).toEqual(model.messages.filter((m) => m.directions.includes(direction)).map((m) => m.type ?? m.id));
      }

      const links = await page.$$eval('ul.index a', (els) => els.map((a) => a.getAttribute('href')!));
      expect(links.length).toBe(model.messages.reduce((n, m) => n + m.directions.length, 0));
      for (const href of links) {
        expect(await page.locator(href).count(), `${href} names one element`).toBe(1);
        await page.click(`ul.index a[href="${href}"]`);
        await page.waitForFunction((h) => location.hash === h, href, { timeout: 5_000 });
        const box = await page.locator(href).boundingBox();
        expect(box, href).not.toBeNull();
        const viewport = page.viewportSize()!;
        expect(box!.y, `${href} scrolled into view`).toBeGreaterThanOrEqual(-1);
        expect(box!.y, `${href} scrolled into view`).toBeLessThan(viewport.height);
      }

      const examples = await page.$$eval('pre.json', (els) => els.map((e) => e.textContent ?? ''));
      expect(examples.length).toBe(model.messages.reduce((n, m) => n + m.examples.length, 0));
      for (const text of examples) expect(() => JSON.parse(text)).not.toThrow();
      expect(JSON.parse(examples[0]!)).toEqual(model.messages.find((m) => m.examples.length)!.examples[0]!.payload);

      expect(watch.requests).toEqual([`${site.origin}/${id}.html`]);
      expect(watch.external).toEqual([]);
      expect(watch.failed).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the filter hides index entries and sections that do not match', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page, site.origin);
    try {
      await page.goto(`${site.origin}/taskforge.html`, { waitUntil: 'load', timeout: 30_000 });
      await page.fill('#filter', 'subscri');
      const visible = await page.$$eval('article.message', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.getAttribute('data-name')));
      expect(visible).toEqual(['subscribe', 'unsubscribe', 'subscribed', 'unsubscribed']);
      expect(await page.locator('ul.index li[data-name="activity"]').isVisible()).toBe(false);
      await page.fill('#filter', '');
      expect(await page.locator('article.message:visible').count()).toBe(models.get('taskforge')!.messages.length);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('reads without JavaScript: every section visible, the filter box stays hidden', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${site.origin}/phase-events.html`, { waitUntil: 'load', timeout: 30_000 });
      expect(await page.locator('article.message:visible').count()).toBe(models.get('phase-events')!.messages.length);
      expect(await page.locator('#filter').isVisible()).toBe(false);
      expect(await page.locator('p.authority.hint').count()).toBe(1); // phase.game_over is a refresh hint
    } finally {
      await context.close();
    }
  });

  it('index.html links every contract page, each of which loads', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page, site.origin);
    try {
      await page.goto(`${site.origin}/index.html`, { waitUntil: 'load', timeout: 30_000 });
      const hrefs = await page.$$eval('a[href$=".html"]', (els) => els.map((a) => a.getAttribute('href')));
      expect([...hrefs].sort()).toEqual(CONTRACTS.map((id) => `${id}.html`).sort());
      for (const href of [...hrefs, ...CONTRACTS.map((id) => `${id}.md`)]) {
        const res = await page.request.get(`${site.origin}/${href}`, { timeout: 10_000 });
        expect(res.status(), href!).toBe(200);
      }
      expect(watch.external).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
