/**
 * Finding the 1006 (issue #16): the runner must report the code of every close frame the server
 * sends, however the server then ends the TCP connection. `ws` emits `close` only once TCP is closed,
 * so a server that sends its close frame and leaves the TCP close to the client (RFC 6455 lets
 * either side close it) showed as "no close" within the step's bound — the client gives up on TCP
 * after 30 s — and an answered clean close as `close-handshake`. Regression tests for both, plus the
 * servers that close TCP themselves, right away or after the client's answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { runConformance } from '../../conformance/run-conformance.js';

const SCENARIOS = resolve(import.meta.dirname, '../fixtures/conformance/orderly-close');
type Ending = 'ws' | 'fin-at-once' | 'left-to-client';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Rate-limits like the contract (error at the 21st frame, close 4429 at the 41st) and ends TCP as told. */
async function server(ending: Ending): Promise<number> {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => offered.values().next().value ?? false });
  const http = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(req.url?.endsWith('/state') ? 404 : 204).end());
  });
  http.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      // left-to-client: the server never closes its side of TCP, on either close; ws would after the handshake.
      if (ending === 'left-to-client') socket.end = (() => socket) as typeof socket.end;
      let n = 0;
      ws.on('message', (data) => {
        n++;
        if (n === 1) ws.send(JSON.stringify({ type: 'pong', id: JSON.parse(String(data)).id, ts: new Date().toISOString() }));
        if (n === 21) ws.send(JSON.stringify({ type: 'error', code: 'rate_limited', message: 'slow down' }));
        if (n === 41) {
          ws.close(4429, 'rate limit exceeded');
          if (ending === 'fin-at-once') socket.end();
        }
      });
    }),
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    for (const c of wss.clients) c.terminate();
    http.closeAllConnections();
    await new Promise<void>((r) => http.close(() => r()));
  });
  return (http.address() as AddressInfo).port;
}

async function run(port: number, grep: string) {
  return runConformance({ contract: 'taskforge', url: `ws://127.0.0.1:${port}`, hooks: `http://127.0.0.1:${port}/hooks`, jwtSecret: 's', scenarios: SCENARIOS, grep });
}

describe('the runner reports the server’s close code however TCP ends', () => {
  it.each<Ending>(['ws', 'fin-at-once', 'left-to-client'])('close 4429 after a flood: server ends TCP %s, five runs in a row', async (ending) => {
    const port = await server(ending);
    for (let i = 0; i < 5; i++) {
      const result = await run(port, 'flood');
      expect(result.scenarios[0]!.failures).toEqual([]);
      expect(result.scenarios[0]!.timeline.some((e) => e.text.startsWith('closed 4429'))).toBe(true);
    }
  });

  it('a clean close the server answers with its close frame passes, even if the server leaves TCP to the client', async () => {
    const port = await server('left-to-client');
    const result = await run(port, 'client closes');
    expect(result.scenarios[0]!.failures).toEqual([]);
  });
});
