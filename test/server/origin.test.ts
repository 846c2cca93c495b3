/**
 * The reference server refuses pages of foreign origins the way each contract's
 * `refusal.foreignOrigin` says (docs/conventions.md "Origins"), before auth; `allowedOrigins`
 * overrides the contracts' lists; contracts without a list accept any origin.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, connect, startServer, token } from './helpers.js';

afterEach(closeAll);

const alice = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };
const GAME = '0d5b8e3a-7f21-4c9e-b6a4-2e8f1c3d5a70';

describe('reference server: origins', () => {
  it('refuses a foreign origin with HTTP 403 before the token is even looked at; own and listed origins connect', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const url = `${server.url}/realtime?token=${await token('taskforge', alice)}`;
    const foreign = await connect(url, { headers: { origin: 'https://attacker.example' } });
    expect(foreign).toMatchObject({ ok: false, status: 403 });
    expect(await connect(`${server.url}/realtime`, { headers: { origin: 'https://attacker.example' } })).toMatchObject({ ok: false, status: 403 });
    expect(await connect(url, { headers: { origin: server.httpUrl } })).toMatchObject({ ok: true });
    expect(await connect(url, { headers: { origin: 'https://taskforge.example.com' } })).toMatchObject({ ok: true });
    expect(await connect(url)).toMatchObject({ ok: true });
  });

  it('phase-events refuses a foreign origin with HTTP 403 too, although its other refusals are close codes', async () => {
    const server = await startServer({ contracts: ['phase-events'] });
    const url = `${server.url}/ws/game/${GAME}/?token=${await token('phase-events', { sub: alice.sub, games: [GAME] })}`;
    expect(await connect(url, { headers: { origin: 'https://attacker.example' } })).toMatchObject({ ok: false, status: 403 });
    expect(await connect(url, { headers: { origin: server.httpUrl } })).toMatchObject({ ok: true });
  });

  it('allowedOrigins replaces the contracts’ lists; ["*"] allows any; contracts without a list accept any', async () => {
    const dev = await startServer({ contracts: ['taskforge'], allowedOrigins: ['http://localhost:5173'] });
    const url = `${dev.url}/realtime?token=${await token('taskforge', alice)}`;
    expect(await connect(url, { headers: { origin: 'http://localhost:5173' } })).toMatchObject({ ok: true });
    expect(await connect(url, { headers: { origin: 'https://taskforge.example.com' } })).toMatchObject({ ok: false, status: 403 });
    const open = await startServer({ contracts: ['taskforge'], allowedOrigins: ['*'] });
    expect(await connect(`${open.url}/realtime?token=${await token('taskforge', alice)}`, { headers: { origin: 'https://attacker.example' } })).toMatchObject({ ok: true });
    const leaderboard = await startServer({ contracts: ['leaderboard'] });
    const lb = `${leaderboard.url}/ws/leaderboard?token=${await token('leaderboard', { sub: alice.sub, boards: ['b'] })}`;
    expect(await connect(lb, { headers: { origin: 'https://attacker.example' } })).toMatchObject({ ok: true });
  });
});

describe('specwire serve --allowed-origin', () => {
  it('refuses a value that is not an origin with exit 2 and one clear line', async () => {
    const { specwire } = await import('../support/specwire-cli.js');
    const r = await specwire(['serve', '--port', '0', '--jwt-secret', 's', '--allowed-origin', 'https://app.example.com/login']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--allowed-origin: "https://app.example.com/login" is not an origin: use https://app.example.com');
    expect(r.stderr).not.toContain('    at ');
  });
});
