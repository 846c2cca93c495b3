/**
 * Small HTTP helpers shared by the reference server and the mock: JSON answers, a bounded JSON body
 * reader that fails as a value, listening, and the graceful close of open connections.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloseCode } from '../../protocol/close-codes.js';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' }).end(text);
}

export type BodyResult = { ok: true; json: unknown } | { ok: false; error: string };

/** Reads a JSON body of at most `limit` bytes; empty body reads as `{}`. */
export function readJson(req: IncomingMessage, limit = 1024 * 1024): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        finish({ ok: false, error: `body larger than ${limit} bytes` });
        req.destroy();
      } else chunks.push(c);
    });
    req.on('error', (err) => finish({ ok: false, error: err.message }));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!text) return finish({ ok: true, json: {} });
      try {
        finish({ ok: true, json: JSON.parse(text) });
      } catch {
        finish({ ok: false, error: 'body is not valid JSON' });
      }
    });
  });
}

/** Listens on `port` (0: ephemeral) and `host`; resolves with the address actually bound. */
export async function listen(server: Server, port: number, host: string): Promise<{ port: number; httpUrl: string; wsUrl: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const bound = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { port: address.port, httpUrl: `http://${bound}:${address.port}`, wsUrl: `ws://${bound}:${address.port}` };
}

/** Closes every connection with 1001 and waits until all are done, or `graceMs` has passed. */
export async function closeGoingAway(open: readonly { close(code: number, reason: string): void; readonly done: Promise<void> }[], graceMs: number): Promise<void> {
  for (const c of open) c.close(CloseCode.GoingAway, 'server shutting down');
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(open.map((c) => c.done)), new Promise<void>((resolve) => (grace = setTimeout(resolve, graceMs)))]);
  clearTimeout(grace);
}
