import type { Command } from 'commander';
import { relative } from 'node:path';
import type { Logger } from '../../server/core/log.js';
import type { MockServer } from '../../server/mock/server.js';
import { EXIT, UsageError } from '../exit.js';
import { closeOnSignal } from '../close-on-signal.js';
import { formatDiagnostic } from './lint.js';

interface MockFlags {
  port: string;
  host: string;
  emitEvery?: string;
  quiet?: boolean;
  auth: boolean;
}

const logger = (quiet: boolean): Logger => ({
  info: (m) => (quiet ? undefined : process.stderr.write(`specwire mock: ${m}\n`)),
  warn: (m) => process.stderr.write(`specwire mock: ${m}\n`),
  error: (m) => process.stderr.write(`specwire mock: ERROR: ${m}\n`),
});

export function registerMock(program: Command): void {
  program
    .command('mock')
    .description('Mock any AsyncAPI 3.0 document over WebSocket: validate client frames, answer requests, send example events')
    .argument('<file>', 'the AsyncAPI 3.0 document (YAML or JSON)')
    .option('--port <n>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--emit-every <ms>', 'send the next server→client example (cycling through all) to connected clients every <ms>')
    .option('--quiet', 'log problems only, not every connection and valid frame')
    .option('--no-auth', 'accept upgrades without credentials even where the document declares security')
    .addHelpText(
      'after',
      `
Each channel is served at the server's pathname + its address ({param} matches one path segment);
channels that share an address are one endpoint accepting all their client messages.
Where the document declares security, an upgrade without a credential in the declared place
(query parameter, header, cookie) is refused with HTTP 401; any value is accepted (--no-auth: none
needed). An invalid client frame is answered with the channel's error message if the document has one, else
with {"type":"error","error":{"code","message","path"}}; the connection stays open. Requests of
operations with a reply get the reply message's example (a message without examples: a sample
built from its schema, with its const/enum/default fields), the request's correlation id copied.
POST /__specwire/trigger {"message","params"?,"example"?,"payload"?,"count"?} sends an event.
See docs/mock.md.
SIGINT/SIGTERM: close every client with 1001, exit 0. A document that cannot be loaded: exit 2.

Examples:
  $ specwire mock chat-api.yaml
  $ specwire mock asyncapi.yaml --port 4010 --emit-every 2000
  $ specwire mock slack-rtm.yaml --no-auth                 # no ?token= needed
  $ curl -X POST localhost:8080/__specwire/trigger -d '{"message":"reading","params":{"siteId":"north-farm"}}'`,
    )
    .action(async (file: string, flags: MockFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${flags.port}"`);
      const emitEveryMs = flags.emitEvery === undefined ? undefined : Number(flags.emitEvery);
      if (emitEveryMs !== undefined && (!Number.isInteger(emitEveryMs) || emitEveryMs < 10)) throw new UsageError(`--emit-every must be a whole number of milliseconds, at least 10, got "${flags.emitEvery}"`);
      const { loadContract } = await import('../../contract/load.js');
      const { buildMockPlan } = await import('../../server/mock/plan.js');
      const { startMockServer } = await import('../../server/mock/server.js');
      const { describeMock } = await import('../../server/mock/describe.js');
      const loaded = await loadContract(file);
      if (!loaded.ok) {
        for (const d of loaded.diagnostics.filter((x) => x.severity === 'error')) process.stderr.write(`${formatDiagnostic(d)}\n`);
        throw new UsageError(`cannot mock ${file}: the document does not load (${loaded.reason})`);
      }
      if (!buildMockPlan(loaded.contract).channels.length) throw new UsageError(`cannot mock ${file}: it has no channel with an address`);
      let server: MockServer;
      try {
        server = await startMockServer(loaded.contract, { port, host: flags.host, emitEveryMs, auth: flags.auth, logger: logger(flags.quiet ?? false) });
      } catch (err) {
        throw new UsageError(`cannot listen on ${flags.host}:${port}: ${(err as Error).message}`);
      }
      process.stdout.write(`${describeMock(server, relative(process.cwd(), loaded.contract.file) || file).join('\n')}\n`);
      if (emitEveryMs) process.stdout.write(`emitting an example every ${emitEveryMs} ms\n`);
      await closeOnSignal('mock', server);
      process.exitCode = EXIT.ok;
    });
}
