/**
 * A tiny loopback TCP load balancer: each accepted connection goes to the next target in turn and
 * bytes are piped both ways, like an L4 balancer in front of several server instances. WebSocket
 * upgrades and HTTP requests pass through untouched (one TCP connection = one target, so HTTP
 * keep-alive sticks to one instance, as it does behind a real balancer).
 */
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface RoundRobinProxy {
  port: number;
  /** How many connections each target received, in target order. */
  counts: number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(targets: number[], host = '127.0.0.1'): Promise<RoundRobinProxy> {
  if (!targets.length) throw new Error('round-robin proxy: no targets');
  const sockets = new Set<Socket>();
  const counts = targets.map(() => 0);
  let next = 0;
  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const server = createServer((client) => {
    const i = next++ % targets.length;
    counts[i]!++;
    const upstream = connect(targets[i]!, host);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    // Either side failing or closing ends both: the client sees what it would see from a dead instance.
    client.once('error', () => upstream.destroy());
    upstream.once('error', () => client.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
