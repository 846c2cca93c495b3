/**
 * The HTML report opened in headless Chromium (playwright-core), served from loopback: per scenario
 * the timeline of frames each client sent and received, a failing scenario's check name and
 * offending frame, expand/collapse of scenarios, and a hostile frame's markup staying text. No
 * console errors, no request beyond the report itself. The string checks run everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { toHtml } from '../../conformance/reporters/html.js';
import type { RunResult } from '../../conformance/result.js';
import { chromiumOrSkip, launchChromium, serveFolder, watchPage } from '../support/browser.js';
import { tempFiles } from '../support/temp-files.js';

const run: RunResult = {
  startedAt: '2026-11-23T08:00:00.000Z',
  durationMs: 1234,
  target: { url: 'ws://127.0.0.1:1', reference: true },
  passed: 1,
  failed: 1,
  skipped: 0,
  scenarios: [
    {
      contract: 'taskforge', name: 'subscribe is acknowledged', file: '/x/conformance/scenarios/taskforge/a.yaml', tags: ['schema'], status: 'passed', durationMs: 12, failures: [], suppressed: 0,
      timeline: [
        { t: 0, client: 'alice', dir: 'note', text: 'connect ws://127.0.0.1:1/realtime?token=…' },
        { t: 3, client: 'alice', dir: 'sent', text: '{"type":"subscribe","teamId":"team-a"}' },
        { t: 5, client: 'alice', dir: 'received', text: '{"type":"subscribed","teamId":"team-a","seq":0}' },
      ],
    },
    {
      contract: 'taskforge', name: 'hostile frame', file: '/x/conformance/scenarios/taskforge/b.yaml', tags: ['robustness'], status: 'failed', durationMs: 40, suppressed: 0,
      failures: [{ check: 'json-frame', message: 'not JSON: Unexpected token <', client: 'bob', frame: '<script>document.title="pwned"</script>', step: { index: 2, kind: 'expect', line: 9, column: 5 } }],
      timeline: [{ t: 7, client: 'bob', dir: 'received', text: '<script>document.title="pwned"</script>' }],
    },
  ],
};

describe('html reporter', () => {
  it('is one self-contained file with escaped frames', () => {
    const html = toHtml(run);
    expect(html).not.toMatch(/<script|<link(?! rel="icon" href="data:,">)|src=|@import/i); // the data: icon stops a favicon request
    expect(html).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
    expect(html).toContain('taskforge/b.yaml:9:5');
  });
});

describe.skipIf(!chromiumOrSkip('HTML report in Chromium'))('html reporter in Chromium', () => {
  const dir = tempFiles({ 'report.html': toHtml(run) });
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), serveFolder(dir.root)]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    dir.remove();
  });

  it('shows each scenario with its timeline, the failure with its check and frame, and folds', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page, site.origin);
    try {
      await page.goto(`${site.origin}/report.html`, { waitUntil: 'load', timeout: 30_000 });
      expect(await page.title()).toBe('specwire conformance: 1 passed, 1 failed'); // the hostile frame did not retitle the page
      expect(await page.locator('#summary').innerText()).toContain('2 scenarios: 1 passed, 1 failed');

      const scenarios = page.locator('details.scenario');
      expect(await scenarios.count()).toBe(run.scenarios.length);
      for (const [i, s] of run.scenarios.entries()) {
        const section = scenarios.nth(i);
        expect(await section.locator('summary').innerText()).toContain(s.name);
        const clients = [...new Set(s.timeline.map((e) => e.client))];
        expect(await section.locator('table.timeline thead th').allTextContents()).toEqual(['ms', ...clients]);
        const rows = section.locator('table.timeline tbody tr');
        expect(await rows.count()).toBe(s.timeline.length);
        for (const [r, entry] of s.timeline.entries()) {
          const cell = rows.nth(r).locator(`td.${entry.dir}`);
          expect(await cell.locator('code').textContent()).toBe(entry.text);
          expect(await rows.nth(r).locator('td').nth(clients.indexOf(entry.client)).getAttribute('class')).toBe(entry.dir);
        }
      }

      // The failing scenario is open: its check, message, location and the offending frame as text.
      const failed = page.locator('details.scenario.failed');
      expect(await failed.getAttribute('open')).not.toBeNull();
      const failure = failed.locator('ul.failures li').first();
      expect(await failure.locator('.check').innerText()).toBe('json-frame');
      expect(await failure.innerText()).toContain('not JSON: Unexpected token <');
      expect(await failure.innerText()).toContain('step #3 expect at');
      expect(await failure.innerText()).toContain('client bob');
      expect(await failure.locator('pre').textContent()).toBe('<script>document.title="pwned"</script>');
      expect(await page.locator('script').count()).toBe(0);

      // A passing scenario starts folded; its summary expands and folds it again.
      const passed = page.locator('details.scenario.passed');
      const timeline = passed.locator('table.timeline');
      expect(await timeline.isVisible()).toBe(false);
      await passed.locator('summary').click();
      await timeline.waitFor({ state: 'visible', timeout: 5_000 });
      await passed.locator('summary').click();
      await timeline.waitFor({ state: 'hidden', timeout: 5_000 });
      await failed.locator('summary').click();
      await failed.locator('ul.failures').waitFor({ state: 'hidden', timeout: 5_000 });

      expect(watch.requests).toEqual([`${site.origin}/report.html`]);
      expect(watch.external).toEqual([]);
      expect(watch.failed).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
