/**
 * The HTML report opened in headless Chromium: it renders each scenario with its per-client timeline,
 * and a hostile frame's markup stays text. Skipped where no Chromium is installed (`apt-get install
 * chromium-headless-shell`); the string checks run everywhere.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toHtml } from '../../conformance/reporters/html.ts';
import type { RunResult } from '../../conformance/result.ts';

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

const chromium = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/lib/chromium/chrome-headless-shell'].find((p) => existsSync(p));

describe('html reporter', () => {
  it('is one self-contained file with escaped frames', () => {
    const html = toHtml(run);
    expect(html).not.toMatch(/<script|<link|src=|@import/i);
    expect(html).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
    expect(html).toContain('taskforge/b.yaml:9:5');
  });

  it.skipIf(!chromium)('renders in headless Chromium with a timeline column per client', () => {
    const dir = mkdtempSync(join(tmpdir(), 'specwire-html-'));
    try {
      const file = join(dir, 'report.html');
      writeFileSync(file, toHtml(run));
      const dom = execFileSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', pathToFileURL(file).href], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
      expect(dom).toMatch(/<title>specwire conformance: 1 passed, 1 failed<\/title>/); // the hostile frame did not retitle the page
      expect(dom).toContain('subscribe is acknowledged');
      expect(dom).toMatch(/<th>alice<\/th>/);
      expect(dom).toMatch(/<th>bob<\/th>/);
      expect(dom).toMatch(/<details class="scenario failed" id="s1" open="">/);
      const shot = join(dir, 'shot.png');
      execFileSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', `--screenshot=${shot}`, '--window-size=1200,800', pathToFileURL(file).href], { timeout: 30_000, stdio: 'ignore' });
      expect(existsSync(shot)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
