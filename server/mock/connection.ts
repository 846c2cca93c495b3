/**
 * One mock WebSocket connection: every inbound frame goes through `classifyFrame`; a refused frame is
 * answered with an error frame and the connection carries on (a mock is for developing, not for
 * enforcing), a request with a reply operation is answered with the reply's example.
 */
import type { WebSocket } from 'ws';
import type { Logger } from '../core/log.js';
import { errorFrame, replyFrame } from './examples.js';
import { classifyFrame } from './inbound.js';
import type { MockFault } from './faults.js';
import { labelOf, type MockChannel } from './plan.js';

/** A socket that buffers more than this is not reading: terminated rather than growing memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

let nextId = 1;

export class MockConnection {
  readonly id = nextId++;
  private resolveDone!: () => void;
  /** Resolves once the socket is closed (shutdown waits on it). */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    readonly channel: MockChannel,
    /** Channel parameters from the upgrade URL (`{ siteId: 'north-farm' }`). */
    readonly params: Record<string, string>,
    /** The path the client connected to, for logs. */
    readonly path: string,
    private readonly ws: WebSocket,
    private readonly logger: Logger,
    onClosed: (c: MockConnection) => void,
    /** Test-only faults (`faults.ts`); `onCrash` is how the server ends every connection. */
    private readonly faults?: ReadonlySet<MockFault>,
    private readonly onCrash?: () => void,
  ) {
    ws.on('message', (data) => {
      try {
        this.onFrame(String(data));
      } catch (err) {
        logger.error(`connection ${this.id} on ${path}: handling a frame failed: ${(err as Error).stack ?? String(err)}`);
      }
    });
    ws.on('error', (err) => logger.info(`connection ${this.id} on ${path}: ${err.message}`));
    ws.on('close', () => {
      onClosed(this);
      this.resolveDone();
    });
  }

  private onFrame(data: string): void {
    const result = classifyFrame(data, this.channel);
    if (!result.ok) {
      this.logger.warn(`← ${this.path}: ${result.code}: ${result.text}${result.path ? ` (at ${result.path})` : ''}`);
      if (this.faults?.has('crash-on-bad-frame')) return this.onCrash?.();
      this.send(errorFrame(this.channel, result));
      return;
    }
    if (this.faults?.has('close-on-valid-frame')) return this.close(1000, 'bye');
    const reply = replyFrame(this.channel, result.message, result.frame);
    if (!reply) return this.logger.info(`← ${this.path}: ${labelOf(result.message)} (valid)`);
    if ('error' in reply) return this.logger.warn(`← ${this.path}: ${labelOf(result.message)} is valid, but ${reply.error}`);
    this.logger.info(`← ${this.path}: ${labelOf(result.message)} (valid) → ${labelOf(reply.message)}`);
    this.send(reply.frame);
  }

  send(frame: unknown): boolean {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.logger.warn(`connection ${this.id} on ${this.path} is not reading: terminated`);
      this.ws.terminate();
      return false;
    }
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }
}
