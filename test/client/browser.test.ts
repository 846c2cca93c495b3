/**
 * The example page (examples/media-timeline) in headless Chromium: the esbuild bundle of the client
 * with the browser's own WebSocket, EventSource and fetch, against the reference server behind a
 * loopback proxy that serves the page on the same origin and can block the WebSocket path (and SSE).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample } from '../../examples/media-timeline/build.js';
import type { ReferenceServer } from '../../server/index.js';
import { getJson, startServer, token } from '../server/helpers.js';
import { startFaultProxy, type FaultProxy } from '../support/ws-proxy.js';
import { postMedia } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian chromium for the browser tests`);
if (!available) console.warn(`SKIPPED browser tests: ${CHROMIUM} not found (set CI to make this a failure)`);

let browser: Browser;
let server: ReferenceServer;
let proxy: FaultProxy;
let outDir: string;

beforeAll(async () => {
  if (!available) return;
  outDir = mkdtempSync(join(tmpdir(), 'specwire-example-'));
  await buildExample(outDir);
  server = await startServer({ contracts: ['media-timeline'] });
  const html = { type: 'text/html', body: readFileSync(join(outDir, 'index.html')) };
  proxy = await startFaultProxy(server, {}, { '/': html, '/index.html': html, '/bundle.js': { type: 'text/javascript', body: readFileSync(join(outDir, 'bundle.js')) } });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const timeline = (page: Page) => page.evaluate(() => {
  const t = (globalThis as any).timeline;
  return { state: t.state as string, transport: t.transport as string, seqs: t.seqs as number[], ids: t.ids() as string[], resyncs: t.resyncs as string[], snapshots: t.snapshots as number, errors: t.errors as string[] };
});
const waitUntil = (page: Page, fn: string | ((arg: any) => unknown), arg?: unknown) => page.waitForFunction(fn, arg, { timeout: 15_000, polling: 'raf' });

/** The server's own view of the timeline, oldest first (the page lists by its own insertion order). */
async function serverIds(eventId: string, bearer: string): Promise<string[]> {
  const r = await getJson(`${server.httpUrl}/api/events/${eventId}/timeline?limit=200`, bearer);
  return (r.json.items as { id: string }[]).map((m) => m.id).reverse();
}

describe.skipIf(!available)('example page in headless Chromium', () => {
  it('shows live events, survives a server restart, falls back to SSE, then polling, and climbs back', async () => {
    const eventId = randomUUID();
    const jwt = (await token('media-timeline', { sub: 'viewer', events: [eventId] }))!;
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${proxy.httpUrl}/?event=${eventId}&token=${encodeURIComponent(jwt)}&fallbackAfter=2&pollMs=200&backoffMs=50&upgradeMs=300`);
    await waitUntil(page, () => (globalThis as any).timeline?.state === 'open');

    // Live events, rendered.
    const live = await postMedia(server, eventId, 3);
    await waitUntil(page, (n: number) => (globalThis as any).timeline.seqs.length === n, live.length);
    expect((await timeline(page)).seqs).toEqual(live);
    expect(await page.locator('#timeline li').count()).toBe(3);

    // Server restart on the same port: the page reconnects and shows what the new server has.
    const port = server.port;
    await server.close();
    await waitUntil(page, () => (globalThis as any).timeline.state !== 'open');
    server = await startServer({ contracts: ['media-timeline'], port });
    const fresh = await postMedia(server, eventId, 2);
    await waitUntil(page, () => (globalThis as any).timeline.state === 'open');
    const afterRestart = await serverIds(eventId, jwt);
    await waitUntil(page, (ids: string[]) => JSON.stringify((globalThis as any).timeline.ids()) === JSON.stringify(ids), afterRestart);
    expect(fresh).toEqual([1, 2]);

    // WebSocket path blocked (a proxy that breaks upgrades): the page moves to the native EventSource.
    proxy.faults.blockUpgrades = true;
    proxy.killAll();
    await waitUntil(page, () => (globalThis as any).timeline.state === 'open' && (globalThis as any).timeline.transport === 'sse');
    const overSse = await postMedia(server, eventId, 2);
    await waitUntil(page, (seq: number) => (globalThis as any).timeline.seqs.at(-1) === seq, overSse.at(-1));
    expect(proxy.eventStreams).toBeGreaterThan(0);
    expect((await timeline(page)).transport).toBe('sse');

    // SSE blocked too: polling at the page's interval keeps the timeline current.
    proxy.faults.blockEventStreams = true;
    proxy.killAll();
    await waitUntil(page, () => (globalThis as any).timeline.state === 'polling');
    await postMedia(server, eventId, 2);
    const whilePolling = await serverIds(eventId, jwt);
    await waitUntil(page, (ids: string[]) => JSON.stringify((globalThis as any).timeline.ids()) === JSON.stringify(ids), whilePolling);
    expect(await page.locator('#state').getAttribute('data-state')).toBe('polling');

    // Unblocked: back up (to SSE or straight to the WebSocket), and from SSE the probe climbs to the WebSocket.
    proxy.faults.blockUpgrades = false;
    proxy.faults.blockEventStreams = false;
    await waitUntil(page, () => (globalThis as any).timeline.state === 'open' && (globalThis as any).timeline.transport === 'websocket');
    const last = await postMedia(server, eventId, 1);
    await waitUntil(page, (seq: number) => (globalThis as any).timeline.seqs.at(-1) === seq, last[0]);
    const final = await timeline(page);
    expect(final.ids).toEqual(await serverIds(eventId, jwt));
    expect(new Set(final.ids).size).toBe(final.ids.length);
    expect(final.snapshots).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
