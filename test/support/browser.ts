/**
 * Headless Chromium for page tests, through playwright-core and Debian's `/usr/bin/chromium`, plus a
 * loopback static server (pages are opened over HTTP, as a docs site or CI artifact viewer would).
 *
 * `chromiumOrSkip()` decides per suite: Chromium present → run; missing with `CI` set → fail loudly;
 * missing locally → skip with a visible message.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** True when the browser suite should run; throws under CI when Chromium is missing. */
export function chromiumOrSkip(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`${suite}: ${CHROMIUM_PATH} is missing (CI must install Debian chromium)`);
  console.warn(`SKIPPED ${suite}: ${CHROMIUM_PATH} is missing (apt-get install chromium to run it)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    timeout: 30_000,
  });
}

/** What a page did besides rendering: every request, and the ones that failed, left the origin or logged errors. */
export interface PageWatch {
  requests: string[];
  external: string[];
  failed: string[];
  consoleErrors: string[];
}

/** Records requests, failures and console errors of `page`; `origin` is the loopback server's. */
export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = { requests: [], external: [], failed: [], consoleErrors: [] };
  page.on('request', (r) => {
    watch.requests.push(r.url());
    if (!r.url().startsWith(`${origin}/`) && !/^(data|about):/.test(r.url())) watch.external.push(r.url());
  });
  page.on('requestfailed', (r) => watch.failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) watch.failed.push(`${r.url()} HTTP ${r.status()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') watch.consoleErrors.push(m.text());
  });
  page.on('pageerror', (err) => watch.consoleErrors.push(err.message));
  return watch;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.md': 'text/markdown; charset=utf-8', '.json': 'application/json' };

/** Serves the files under `root` on 127.0.0.1 (port 0); 404 for anything else. */
export async function serveFolder(root: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
