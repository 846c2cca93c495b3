/**
 * The phase-events example (examples/phase-events: React, `useStream`) in headless Chromium against
 * the reference server behind a loopback proxy that serves the page on the same origin. The game-over
 * screen must show the `result` the client refetched after the `phase.game_over` hint — also when
 * the hint arrives while the page is reconnecting, and after a server restart. Two components share
 * one subscription, and leaving the game ends it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample } from '../../examples/phase-events/build.js';
import type { GameState } from '../../generated/phase-events/index.js';
import type { ReferenceServer } from '../../server/index.js';
import { getJson, startServer, token } from '../server/helpers.js';
import { chromiumOrSkip, launchChromium } from '../support/browser.js';
import { startFaultProxy, type FaultProxy } from '../support/ws-proxy.js';
import { publish } from './helpers.js';

const available = chromiumOrSkip('phase-events example in Chromium');

let browser: Browser;
let server: ReferenceServer;
let proxy: FaultProxy;
let outDir: string;

beforeAll(async () => {
  if (!available) return;
  outDir = mkdtempSync(join(tmpdir(), 'specwire-game-'));
  await buildExample(outDir);
  server = await startServer({ contracts: ['phase-events'] });
  const html = { type: 'text/html', body: readFileSync(join(outDir, 'index.html')) };
  proxy = await startFaultProxy(server, {}, { '/': html, '/index.html': html, '/bundle.js': { type: 'text/javascript', body: readFileSync(join(outDir, 'bundle.js')) } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface Mirror {
  connection: string;
  screen: string;
  screens: string[];
  snapshots: { cause: string; seq: number; hint: string | undefined }[];
  errors: string[];
  subscribed: boolean;
}

const game = (page: Page): Promise<Mirror> =>
  page.evaluate(() => {
    const g = (globalThis as any).game;
    return { connection: g.connection, screen: g.screen, screens: [...g.screens], snapshots: [...g.snapshots], errors: [...g.errors], subscribed: g.subscribed() };
  });
const waitUntil = (page: Page, fn: string | ((arg: any) => unknown), arg?: unknown) => page.waitForFunction(fn, arg, { timeout: 15_000, polling: 'raf' });
const screenIs = (page: Page, screen: string) => waitUntil(page, (s: string) => (globalThis as any).game?.screen === s, screen);

describe.skipIf(!available)('phase-events example in headless Chromium', () => {
  it('shows the refetched result after game over, across a server restart and a hint during a reconnect; leaving ends the subscription', async () => {
    const gameId = randomUUID();
    const jwt = (await token('phase-events', { sub: randomUUID(), games: [gameId] }))!;
    const trigger = (event: string) => publish(server, 'phase-events', event, gameId);
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${proxy.httpUrl}/?game=${gameId}&token=${encodeURIComponent(jwt)}&backoffMs=50&fallbackAfter=1000`);

    // The banner and the game screen both use the stream: one connection serves them.
    await screenIs(page, 'lobby');
    await waitUntil(page, () => (globalThis as any).game.connection === 'open');
    expect(proxy.upgrades).toBe(1);
    expect(await page.locator('#banner').getAttribute('data-state')).toBe('open');
    await trigger('phase.lie_started');
    await screenIs(page, 'lie');
    expect(await page.locator('#prompt').textContent()).toMatch(/Round 3: write a lie for “The world's first webcam/);

    // Server restart on the same port: the new server's game starts over; the page follows it.
    const port = server.port;
    await server.close();
    await waitUntil(page, () => (globalThis as any).game.connection !== 'open');
    server = await startServer({ contracts: ['phase-events'], port });
    await screenIs(page, 'lobby');
    expect((await game(page)).snapshots.map((s) => s.cause)).toContain('resync');
    for (const event of ['phase.lie_started', 'phase.guess_started', 'phase.scoreboard']) await trigger(event);
    await screenIs(page, 'scoreboard');
    expect(await page.locator('#scores li').count()).toBe(3);

    // The game ends while the page is reconnecting: the hint is replayed, the state refetched.
    proxy.faults.blockUpgrades = true;
    proxy.killAll();
    await waitUntil(page, () => (globalThis as any).game.connection === 'reconnecting');
    const [over] = await trigger('phase.game_over');
    const served = (await getJson(`${server.httpUrl}/api/games/${gameId}/state`, jwt)).json as GameState;
    expect(served.result).not.toBeNull();
    proxy.faults.blockUpgrades = false;
    await screenIs(page, 'game-over');
    const shown = await page.locator('#standings li').allTextContents();
    expect(shown).toEqual(served.result!.standings.map((s) => `${s.name}: ${s.score}`));
    expect(await page.locator('#screen').getAttribute('data-source')).toBe('hint');
    const after = await game(page);
    expect(after.snapshots.at(-1)).toEqual({ cause: 'hint', seq: over, hint: 'phase.game_over' });
    // Nothing claimed the game was over before the refetched state said so.
    expect(after.screens.slice(0, after.screens.indexOf('game-over'))).not.toContain('finished');
    expect(after.errors.filter((e) => /stale-state|invalid-frame|handler/.test(e))).toEqual([]);

    // Leaving unmounts both components: the shared subscription ends and the socket closes.
    await page.click('#leave');
    await waitUntil(page, () => !(globalThis as any).game.subscribed() && (globalThis as any).game.clientState() === 'idle');
    await waitUntil(page, () => document.getElementById('left') !== null);
    expect((await game(page)).subscribed).toBe(false);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
