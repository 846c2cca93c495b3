/** Ports for tests: one nothing listens on (a server that is not up). */
import { createServer, type AddressInfo } from 'node:net';

/** A port that was free a moment ago (bind 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
