/**
 * The runner over Server-Sent Events against servers that get SSE wrong in one way each: a
 * content-type an EventSource refuses, events without `id:`, events under another name, no
 * heartbeat, a body that never ends a line. Each must fail with the named check, never hang.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../../conformance/run-conformance.js';
import { tempFiles } from '../support/temp-files.js';

const EVENT = { type: 'media:new', seq: 1, ts: new Date().toISOString(), payload: { id: '4e7a9c21-5d3b-4f8e-9a6c-1b2d3e4f5a67', eventId: 'ev-1', kind: 'text', url: null, thumbnailUrl: null, caption: 'hi', author: { id: 'b81d2f44-7a6c-4e0b-8d35-92c1e0f7a3b9', displayName: 'Lena' }, createdAt: '2026-06-20T18:02:14.180Z', updatedAt: '2026-06-20T18:02:14.180Z', width: null, height: null, durationMs: null, status: 'ready' } };
const CONNECTED = { type: 'connected', payload: { eventId: 'ev-1', serverTime: new Date().toISOString(), lastSeq: 0, status: 'live', topics: ['media', 'status'], replaying: 0 } };

const scenarios = tempFiles({
  'media-timeline/greeted.yaml': `name: an SSE stream greets and carries an event
tags: [sse]
clients:
  viewer: { sub: b81d2f44-7a6c-4e0b-8d35-92c1e0f7a3b9, events: [ev-1] }
steps:
  - connect: { client: viewer, transport: sse, params: { eventId: ev-1 } }
  - expect: { client: viewer, message: { type: connected } }
  - expect: { client: viewer, message: { type: 'media:new' } }
`,
  'media-timeline/heartbeat.yaml': `name: an idle SSE stream carries comments
tags: [heartbeat]
clients:
  viewer: { sub: b81d2f44-7a6c-4e0b-8d35-92c1e0f7a3b9, events: [ev-1] }
steps:
  - connect: { client: viewer, transport: sse, params: { eventId: ev-1 } }
  - expect: { client: viewer, comment: true, within: 300 }
`,
});
afterAll(() => scenarios.remove());

type Behaviour = (res: ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(behaviour: Behaviour): Promise<string> {
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/api/sse/events/ev-1')) return void res.writeHead(404).end();
    behaviour(res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const head = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const sse = (frame: object, lines: { id?: string | false; event?: string } = {}) =>
  `${lines.id === false ? '' : lines.id !== undefined ? `id: ${lines.id}\n` : 'seq' in frame ? `id: ${(frame as { seq: number }).seq}\n` : ''}event: ${lines.event ?? (frame as { type: string }).type}\ndata: ${JSON.stringify(frame)}\n\n`;

async function run(behaviour: Behaviour, grep = 'greets') {
  const url = await serve(behaviour);
  const result = await runConformance({ contract: 'media-timeline', url, jwtSecret: 's', scenarios: scenarios.root, grep, timeoutMs: 20_000 });
  return result.scenarios[0]!;
}

describe('the runner over SSE', () => {
  it('passes a server that speaks the convention', async () => {
    const r = await run((res) => res.writeHead(200, head).end(`retry: 1000\n\n${sse(CONNECTED)}${sse(EVENT)}`));
    expect(r.failures).toEqual([]);
  });

  it('fails sse-response when the answer is not text/event-stream (an EventSource refuses it)', async () => {
    const r = await run((res) => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' }).end(sse(CONNECTED)));
    expect(r.failures.map((f) => f.check)).toContain('sse-response');
  });

  it('fails sse-response when the stream may be cached', async () => {
    const r = await run((res) => res.writeHead(200, { 'content-type': 'text/event-stream' }).end(sse(CONNECTED)));
    expect(r.failures[0]).toMatchObject({ check: 'sse-response', message: expect.stringMatching(/cache-control/) });
  });

  it('fails sse-id on an event without its id line, sse-event-name on one named otherwise', async () => {
    const noId = await run((res) => res.writeHead(200, head).end(`${sse(CONNECTED)}${sse(EVENT, { id: false })}`));
    expect(noId.failures.map((f) => f.check)).toEqual(['sse-id']);
    const renamed = await run((res) => res.writeHead(200, head).end(`${sse(CONNECTED)}${sse(EVENT, { event: 'message' })}`));
    expect(renamed.failures.map((f) => f.check)).toEqual(['sse-event-name']);
  });

  it('fails the heartbeat expectation on a silent stream and passes one with comments', async () => {
    const silent = await run((res) => res.writeHead(200, head).write(': hello\n\n'), 'comments');
    expect(silent.failures).toEqual([]); // one comment is all the step asks
    const none = await run((res) => res.writeHead(200, head).write('retry: 1000\n\n'), 'comments');
    expect(none.failures[0]).toMatchObject({ check: 'sse-heartbeat' });
  });

  it('does not hang on a line that never ends: the expect fails at its bound', async () => {
    const r = await run((res) => {
      res.writeHead(200, head);
      res.write(`data: ${'x'.repeat(100_000)}`);
    });
    expect(r.status).toBe('failed');
    expect(r.failures[0]).toMatchObject({ check: 'expect' });
  });
});
