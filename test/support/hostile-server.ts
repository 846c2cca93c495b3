/**
 * WebSocket servers that misbehave at the transport level, written on raw TCP so that they can do
 * what no WebSocket library would: stall, trickle, cut the handshake, send garbage or a 100 MiB frame.
 * Each listens on 127.0.0.1:0 and counts the bytes it managed to write (how much the client read).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type HostileBehaviour =
  /** TCP accepted, the upgrade request is never answered. */
  | 'never-answers'
  /** Half of a 101 response, then the TCP connection is closed. */
  | 'closes-mid-handshake'
  /** Bytes that are not HTTP in answer to the upgrade request. */
  | 'garbage-handshake'
  /** A valid upgrade, then bytes that are not WebSocket frames. */
  | 'garbage-frames'
  /** A valid upgrade, then a text frame announcing 100 MiB, streamed for as long as the client reads. */
  | 'huge-frame'
  /** A valid upgrade, then small text frames without end, as fast as the client reads. */
  | 'endless-frames'
  /** A valid upgrade, then 900 KiB text frames without end (each under the runner's frame limit). */
  | 'endless-big-frames'
  /** A valid upgrade, then silence: nothing read, nothing written, nothing closed (a half-open peer). */
  | 'half-open'
  /** The 101 response, one byte every 100 ms. */
  | 'slow-handshake';

export interface HostileServer {
  port: number;
  url: string;
  /** Bytes written to clients after the handshake (what the runner accepted before giving up). */
  bytesAfterHandshake(): number;
  close(): Promise<void>;
}

export const HUGE_FRAME_BYTES = 100 * 1024 * 1024;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export async function startHostileServer(behaviour: HostileBehaviour): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let written = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // the client hanging up mid-write is the expected outcome
    if (behaviour === 'never-answers') return;
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      respond(socket, head.slice(0, end));
    };
    socket.on('data', onData);
  });

  const respond = (socket: Socket, request: string) => {
    const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(request)?.[1]?.trim();
    const accept = createHash('sha1').update(`${header('sec-websocket-key') ?? ''}${GUID}`).digest('base64');
    const protocol = header('sec-websocket-protocol')?.split(',')[0]?.trim();
    const upgrade = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n${protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : ''}\r\n`;
    switch (behaviour) {
      case 'closes-mid-handshake':
        socket.end(upgrade.slice(0, upgrade.length >> 1));
        return;
      case 'garbage-handshake':
        socket.write(Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)));
        return;
      case 'slow-handshake': {
        let i = 0;
        const t = setInterval(() => {
          if (socket.destroyed || i >= upgrade.length) return clearInterval(t);
          socket.write(upgrade[i++]!);
        }, 100);
        timers.add(t);
        return;
      }
      case 'half-open':
        socket.write(upgrade);
        socket.pause(); // never reads again: a close frame or ping goes unanswered
        return;
      case 'garbage-frames':
        socket.write(upgrade);
        // 0xff: FIN with RSV1-3 set and opcode 0xf — not a WebSocket frame.
        socket.write(Buffer.alloc(256, 0xff), () => (written += 256));
        return;
      case 'huge-frame': {
        socket.write(upgrade);
        const frameHeader = Buffer.alloc(10);
        frameHeader[0] = 0x81; // FIN, text
        frameHeader[1] = 127; // 64-bit length follows
        frameHeader.writeBigUInt64BE(BigInt(HUGE_FRAME_BYTES), 2);
        const chunk = Buffer.alloc(64 * 1024, 0x78);
        let sent = 0;
        socket.write(frameHeader);
        pump(socket, () => {
          if (sent >= HUGE_FRAME_BYTES) return undefined;
          sent += chunk.length;
          return chunk;
        }, (n) => (written += n));
        return;
      }
      case 'endless-big-frames': {
        socket.write(upgrade);
        const text = Buffer.from(`{"type":"pong","ts":"2026-01-01T00:00:00Z","id":"${'x'.repeat(900 * 1024)}"}`);
        const h = Buffer.alloc(10);
        h[0] = 0x81; // FIN, text
        h[1] = 127; // 64-bit length follows
        h.writeBigUInt64BE(BigInt(text.length), 2);
        const frame = Buffer.concat([h, text]);
        pump(socket, () => frame, (n) => (written += n));
        return;
      }
      case 'endless-frames': {
        socket.write(upgrade);
        const text = Buffer.from('{"type":"pong","ts":"2026-01-01T00:00:00Z"}');
        const frame = Buffer.concat([Buffer.from([0x81, text.length]), text]);
        const batch = Buffer.concat(Array.from({ length: 256 }, () => frame));
        pump(socket, () => batch, (n) => (written += n));
        return;
      }
    }
  };

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    bytesAfterHandshake: () => written,
    async close() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Writes `next()` chunks as fast as the peer reads them (honouring backpressure) until it returns undefined or the socket ends. */
function pump(socket: Socket, next: () => Buffer | undefined, onWritten: (bytes: number) => void): void {
  const go = () => {
    while (!socket.destroyed && socket.writable) {
      const chunk = next();
      if (!chunk) return;
      const more = socket.write(chunk, (err) => {
        if (!err) onWritten(chunk.length);
      });
      if (!more) {
        socket.once('drain', go);
        return;
      }
    }
  };
  go();
}
