/** Shared pieces of the connection benchmarks: server child processes, taskforge tokens and URLs, memory. */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { mintToken } from '../../protocol/claims.js';
import { loadContract } from '../../contract/load.js';
import type { ContractModel } from '../../contract/model.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const SECRET = 'bench-secret';
export const TEAM = 'team-a';
export const USER = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: [TEAM] };

export interface ServerChild {
  kind: 'reference' | 'reference-media' | 'reference-redis' | 'bare';
  url: string;
  hooksUrl: string;
  memory(): Promise<NodeJS.MemoryUsage>;
  trigger(count: number): Promise<void>;
  stop(): void;
}

export async function taskforge(): Promise<ContractModel> {
  const loaded = await loadContract(resolve(ROOT, 'asyncapi/taskforge.yaml'));
  if (!loaded.ok) throw new Error('taskforge does not load');
  return loaded.contract;
}

/** Starts a server child (`bench/support/server-child.ts`) with `--expose-gc`, waits for its URL. */
export async function startServerChild(kind: ServerChild['kind'], contract: ContractModel): Promise<ServerChild> {
  // The bare server broadcasts taskforge's activity example; other kinds do not need one.
  const example = contract.messages.find((m) => m.id === 'activity')?.examples[0]?.payload ?? {};
  const child: ChildProcess = fork(resolve(ROOT, 'bin/run-ts.js'), [resolve(ROOT, 'bench/support/server-child.ts'), kind, SECRET, JSON.stringify(example)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ url: string; hooksUrl: string }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${kind} server did not start within 60 s`)), 60_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      done(m as { url: string; hooksUrl: string });
    });
    child.once('exit', (code) => fail(new Error(`${kind} server exited (${code})`)));
  });
  return {
    kind,
    ...ready,
    memory: () =>
      new Promise((done) => {
        child.once('message', (m) => done((m as { memory: NodeJS.MemoryUsage }).memory));
        child.send('memory');
      }),
    async trigger(count) {
      const url = kind === 'reference' ? `${ready.hooksUrl}/trigger` : `${ready.hooksUrl}/trigger`;
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contract: 'taskforge', event: 'activity', stream: TEAM, count }) });
      if (!res.ok) throw new Error(`trigger: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    },
    stop: () => child.kill('SIGKILL'),
  };
}

export async function token(): Promise<string> {
  return (await mintToken(USER, { secret: SECRET, contract: 'taskforge' }))!;
}

export function realtimeUrl(base: string, jwt: string): string {
  return `${base}/realtime?token=${encodeURIComponent(jwt)}`;
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
export const out = (line: string) => process.stdout.write(`${line}\n`);
