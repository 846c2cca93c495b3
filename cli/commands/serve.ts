import type { Command } from 'commander';
import { EXIT, UsageError } from '../exit.js';
import { closeOnSignal } from '../close-on-signal.js';
import { originProblem } from '../../protocol/origin.js';

interface ServeFlags {
  contract?: string[];
  port: string;
  host: string;
  jwtSecret?: string;
  hooks?: boolean;
  redis?: string;
  redisPrefix?: string;
  allowedOrigin?: string[];
  metricsToken?: string;
  presence: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the reference server: every contract (or the named ones) on one port, with polling endpoints and /metrics')
    .option('--contract <ids...>', 'contract ids to serve (default: all in asyncapi/)')
    .option('--port <n>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--jwt-secret <secret>', 'HS256 secret tokens are verified with (default: env SPECWIRE_JWT_SECRET)')
    .option('--hooks', 'expose the test hooks under /__specwire (reset, trigger, token); never in production')
    .option('--redis <url>', 'Redis backplane: instances sharing this Redis (and prefix) act as one server (redis://host:6379)')
    .option('--redis-prefix <prefix>', 'prefix of the Redis keys and channel (default: specwire:)')
    .option('--allowed-origin <origin...>', "origins whose pages may connect (WebSocket) and read the polling and SSE endpoints (CORS), besides the server's own, for every contract ('*': any; default: each contract's x-specwire.allowedOrigins, else any)")
    .option('--no-presence', "do not announce presence (taskforge's presence.joined / presence.left activity)")
    .option('--metrics-token <token>', 'bearer token that lets a /metrics caller see series labelled by stream id (default: env SPECWIRE_METRICS_TOKEN; without it only per-contract totals, unless --hooks)')
    .addHelpText(
      'after',
      `
Endpoints: each contract's channel addresses (WebSocket, or Server-Sent Events for x-specwire-sse
channels), its x-specwire.polling paths (HTTP GET), GET /metrics (Prometheus text format; the same
figures as JSON at /metrics.json), GET /healthz. See docs/server.md.
Handshakes whose Origin is neither the server's own nor allowed (--allowed-origin, else the
contract's x-specwire.allowedOrigins) are refused as the contract's refusal.foreignOrigin says; the
polling and SSE endpoints answer allowed origins with CORS headers, others without.
SIGINT/SIGTERM: stop accepting, close every client with 1001, exit 0.
--redis: seq is assigned in Redis, each stream's last replayBuffer events are kept there (Redis
Streams: a late or reconnecting instance replays and catches up from them), events fan out over
pub/sub to every instance, and per-IP connection limits count across instances; while Redis is
down publishing fails (trigger hook: 503) and the server logs one line when it is lost and one when
it is back. Redis unreachable at start: exit 2.

Examples:
  $ SPECWIRE_JWT_SECRET=dev-secret specwire serve
  $ specwire serve --contract taskforge media-timeline --port 9000 --jwt-secret dev-secret
  $ specwire serve --hooks --jwt-secret test-secret     # for specwire test --hooks http://127.0.0.1:8080/__specwire
  $ specwire serve --allowed-origin http://localhost:5173 --jwt-secret dev-secret   # a dev server's pages may connect
  $ specwire serve --port 8081 --redis redis://127.0.0.1:6379 --jwt-secret dev-secret   # one of several instances`,
    )
    .action(async (flags: ServeFlags) => {
      const secret = flags.jwtSecret ?? process.env.SPECWIRE_JWT_SECRET;
      if (!secret) throw new UsageError('a JWT secret is required: --jwt-secret <secret> or env SPECWIRE_JWT_SECRET');
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${flags.port}"`);
      if (flags.redis !== undefined && !/^rediss?:\/\/[^/]/.test(flags.redis)) throw new UsageError(`--redis must be a redis:// or rediss:// URL, got "${flags.redis}"`);
      for (const o of flags.allowedOrigin ?? []) {
        const problem = o === '*' ? undefined : originProblem(o);
        if (problem) throw new UsageError(`--allowed-origin: ${problem}`);
      }
      const { startReferenceServer } = await import('../../server/index.js');
      let server;
      try {
        server = await startReferenceServer({ contracts: flags.contract, port, host: flags.host, jwtSecret: secret, hooks: flags.hooks ?? false, redisUrl: flags.redis, redisKeyPrefix: flags.redisPrefix, allowedOrigins: flags.allowedOrigin?.map((o) => o.replace(/\/$/, '')), metricsToken: flags.metricsToken ?? process.env.SPECWIRE_METRICS_TOKEN, presence: flags.presence });
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      process.stdout.write(`specwire serve: listening on ${server.httpUrl} (ws: ${server.url})${server.hooksUrl ? `, hooks at ${server.hooksUrl}` : ''}\n`);
      await closeOnSignal('serve', server);
      process.exitCode = EXIT.ok;
    });
}
