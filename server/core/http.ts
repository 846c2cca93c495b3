/** Small HTTP helpers: JSON answers and a bounded JSON body reader that fails as a value. */
import type { IncomingMessage, ServerResponse } from 'node:http';

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
