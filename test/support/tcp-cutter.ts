/**
 * A loopback TCP relay in front of one service (Redis) that a test can starve and cut: `blackhole()`
 * keeps the connections open but throws away what the service sends (a subscription that silently
 * misses messages), `cut()` destroys every connection (the client reconnects through the relay,
 * which forwards normally again), `freeze()` drops both directions (a hung instance: nothing it
 * sends reaches the service).
 */
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface TcpCutter {
  port: number;
  url: string;
  blackhole(): void;
  freeze(): void;
  cut(): void;
  close(): Promise<void>;
}

export async function startTcpCutter(targetPort: number, host = '127.0.0.1'): Promise<TcpCutter> {
  const pairs = new Set<[Socket, Socket]>();
  let dropping = false;
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect(targetPort, host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (d) => frozen || upstream.write(d));
    upstream.on('data', (d) => dropping || client.write(d));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of pair) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `redis://${host}:${port}`,
    blackhole: () => void (dropping = true),
    freeze: () => void (dropping = frozen = true),
    cut: () => {
      for (const [a, b] of [...pairs]) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
      dropping = frozen = false;
    },
    close: async () => {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
