/**
 * The package as users meet it: `npm pack`, the tarball installed into a fresh project, and every
 * audience's entry point used from there — the bin (every command's help; lint, generate and docs on
 * the project's own document; serve, then test --url against it; docs/ci.md's CI test step run by a shell), the typed imports compiled by
 * `tsc --strict` under `nodenext` and `bundler` (a React component on `specwire/react` among them), the
 * client run in plain Node receiving a triggered event, the client and a React app bundled for the browser, `runConformance` from a script, and the package checks
 * (publint, @arethetypeswrong/cli). Nothing here reaches into the checkout's sources.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { tempFiles, type TempFiles } from '../support/temp-files.js';
import { ciRecipe } from '../support/ci-recipe.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NPM_CLI = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : undefined;
/** Installing the tarball resolves its dependencies from npm's cache (or the registry); slow on a cold, busy box. */
const INSTALL_DEADLINE_MS = 240_000;
const COMMAND_DEADLINE_MS = 60_000;
const SECRET = 'packed-smoke-secret';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string, timeoutMs = COMMAND_DEADLINE_MS): Promise<Run> {
  return new Promise((done) => {
    execFile(file, args, { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

const npm = (args: string[], cwd: string, timeoutMs?: number) => (NPM_CLI ? run(process.execPath, [NPM_CLI, ...args], cwd, timeoutMs) : run('npm', args, cwd, timeoutMs));
const node = (args: string[], cwd: string, timeoutMs?: number) => run(process.execPath, args, cwd, timeoutMs);
const tool = (pkg: string, bin: string) => join(ROOT, 'node_modules', pkg, bin);

let project: TempFiles;
let tarball: string;
let bin: string;
let installed: string;

beforeAll(async () => {
  project = tempFiles({
    'package.json': JSON.stringify({ name: 'their-app', version: '1.0.0', private: true, type: 'module' }, null, 2),
    'asyncapi/chat-rooms.yaml': readFileSync(join(ROOT, 'test/fixtures/codegen/chat-rooms.yaml'), 'utf8'),
    'asyncapi/clean.yaml': readFileSync(join(ROOT, 'test/fixtures/lint/clean-generic.yaml'), 'utf8'),
  });
  // dist/ was built by the global setup; --ignore-scripts keeps prepack's clean rebuild away from
  // the other test files that run the CLI at the same time.
  const pack = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', project.root], ROOT);
  expect(pack.stderr.replace(/npm (notice|warn).*\n?/g, '')).toBe('');
  tarball = join(project.root, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  // ws for the Node client (Node 20 has no global WebSocket), TypeScript and @types/node as a typed
  // app has them, React (specwire's optional peer) for specwire/react.
  const install = await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, 'ws@8', 'typescript@5', '@types/node@20', 'react@19', 'react-dom@19', '@types/react@19'], project.root, INSTALL_DEADLINE_MS);
  expect(install.stderr.split('\n').filter((l) => /ERR!/.test(l))).toEqual([]);
  expect(install.code).toBe(0);
  installed = join(project.root, 'node_modules/specwire');
  bin = join(project.root, 'node_modules/.bin/specwire');
}, INSTALL_DEADLINE_MS + 60_000);

afterAll(() => project?.remove());

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the published files', () => {
  it('are JavaScript with declarations: no .ts source, no reference to one, no tsx', () => {
    const files = filesUnder(installed).map((f) => relative(installed, f));
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    const refersToTs = files
      .filter((f) => /\.(m?js|d\.ts)$/.test(f))
      .filter((f) => /(from\s+|import\s*\(\s*|require\s*\(\s*)['"][^'"]+\.ts['"]/.test(readFileSync(join(installed, f), 'utf8')));
    expect(refersToTs).toEqual([]);
    // Source maps carry their sources inline: they do not point at files the package lacks.
    for (const map of files.filter((f) => f.endsWith('.js.map')).slice(0, 50)) {
      const parsed = JSON.parse(readFileSync(join(installed, map), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      expect(parsed.sourcesContent?.length, map).toBe(parsed.sources.length);
    }
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    expect(existsSync(join(project.root, 'node_modules/tsx'))).toBe(false);
  });

  it('pass publint and @arethetypeswrong/cli (ESM-only profile)', async () => {
    const lint = await node([tool('publint', 'src/cli.js'), installed, '--strict'], project.root);
    expect(`${lint.stdout}${lint.stderr}`).not.toMatch(/warn|error|suggestion/i);
    expect(lint.code).toBe(0);
    // Wildcard exports are not discovered by attw: name one contract's entry points explicitly.
    const attw = await node([tool('@arethetypeswrong/cli', 'dist/index.js'), tarball, '--profile', 'esm-only', '--include-entrypoints', './contracts/taskforge', './contracts/taskforge/client', '--format', 'json'], project.root, 120_000);
    const report = JSON.parse(attw.stdout) as { analysis: { entrypoints: Record<string, unknown>; problems: { kind: string; entrypoint: string; resolutionKind?: string }[] } };
    expect(Object.keys(report.analysis.entrypoints)).toEqual(expect.arrayContaining(['./client', './react', './protocol', './conformance', './contracts/taskforge', './contracts/taskforge/client']));
    // The ESM-only profile ignores CommonJS and node10 resolution; every other problem counts.
    const counted = report.analysis.problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(counted).toEqual([]);
    expect(attw.code).toBe(0);
  }, 180_000);
});

describe('the bin, from another project', () => {
  it('answers --version and every command’s --help', async () => {
    const version = await node([bin, '--version'], project.root);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const help = await node([bin, '--help'], project.root);
    expect(help.code).toBe(0);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['lint', 'diff', 'generate', 'docs', 'test', 'serve', 'mock']));
    for (const command of commands) {
      const r = await node([bin, command, '--help'], project.root);
      expect(r.stderr, command).toBe('');
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(/Examples:/);
    }
  });

  it('lints, generates and documents the project’s own document', async () => {
    const lint = await node([bin, 'lint', 'asyncapi/clean.yaml'], project.root);
    expect(lint.stdout).toMatch(/1 file linted: 0 errors/);
    expect(lint.code).toBe(0);
    // With no file named, the project's own ./asyncapi/ is linted, not the contracts inside the package.
    const all = await node([bin, 'lint', '--format', 'json'], project.root);
    const report = JSON.parse(all.stdout) as { files: string[]; diagnostics: { file: string }[] };
    expect(report.files.sort()).toEqual(['asyncapi/chat-rooms.yaml', 'asyncapi/clean.yaml']);
    expect(report.diagnostics.filter((d) => !d.file.startsWith('asyncapi/'))).toEqual([]);
    const broken = project.write('bad/broken.yaml', 'asyncapi: 3.0.0\ninfo:\n  title: [unclosed\n');
    const bad = await node([bin, 'lint', broken], project.root);
    expect(bad.stdout).toMatch(/broken\.yaml:\d+:\d+ +error +yaml-syntax/);
    expect(bad.stderr).not.toMatch(/ at /);
    expect(bad.code).toBe(2);
    const generate = await node([bin, 'generate', 'asyncapi/chat-rooms.yaml', '--out', 'src/generated'], project.root);
    expect(generate.code).toBe(0);
    for (const f of ['index.d.ts', 'index.js', 'validators.js']) expect(existsSync(project.path(`src/generated/chat-rooms/${f}`)), f).toBe(true);
    const check = await node([bin, 'generate', 'asyncapi/chat-rooms.yaml', '--out', 'src/generated', '--check'], project.root);
    expect(check.code).toBe(0);
    const docs = await node([bin, 'docs', 'asyncapi/chat-rooms.yaml', '--out', 'site'], project.root);
    expect(docs.code).toBe(0);
    expect(readFileSync(project.path('site/chat-rooms.html'), 'utf8')).toMatch(/<html/);
    // The generated runtime runs in plain Node from the project, without a TypeScript toolchain.
    const decode = await node(['--input-type=module', '-e', "import * as c from './src/generated/chat-rooms/index.js'; console.log(typeof c.decodeServerMessage)"], project.root);
    expect(decode.stdout.trim()).toBe('function');
  });
});

describe('serve, then test --url, the client and runConformance against it', () => {
  let server: ServeProcess | undefined;
  let base: { ws: string; http: string; hooks: string };

  beforeAll(async () => {
    server = await startServeProcess(['--jwt-secret', SECRET, '--contract', 'taskforge'], { bin, cwd: project.root, deadlineMs: COMMAND_DEADLINE_MS });
    base = { http: server.httpUrl, ws: server.wsUrl, hooks: server.hooksUrl };
  }, COMMAND_DEADLINE_MS + 10_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('specwire test --url passes the auth scenarios against the served contract', async () => {
    const r = await node([bin, 'test', '--contract', 'taskforge', '--url', base.ws, '--hooks', base.hooks, '--jwt-secret', SECRET, '--tag', 'auth', '--no-color'], project.root, 120_000);
    expect(r.stdout).toMatch(/scenarios? in 1 contract: \d+ passed, 0 failed/);
    expect(r.code).toBe(0);
  }, 130_000);

  it('the client, in plain Node, receives a triggered event', async () => {
    project.write(
      'node-client.mjs',
      `import WebSocket from 'ws';
import { createClient } from 'specwire/client';
import { contract } from 'specwire/contracts/taskforge/client';
import { mintToken } from 'specwire/protocol';
const [url, hooks, secret] = process.argv.slice(2);
const token = await mintToken({ sub: 'u-1', teams: ['team-1'] }, { secret, contract: 'taskforge' });
const deadline = setTimeout(() => { console.error('no event within 20 s'); process.exit(1); }, 20000);
const client = createClient(contract, { url, token, WebSocket });
client.on('joined', () => fetch(hooks + '/trigger', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contract: 'taskforge', event: 'activity', stream: 'team-1' }) }));
client.on('activity', (message, meta) => {
  console.log(JSON.stringify({ type: message.type, teamId: message.activity.teamId, seq: meta.seq }));
  clearTimeout(deadline);
  client.close();
});
client.subscribe('team-1');
`,
    );
    const r = await node(['node-client.mjs', base.ws, base.hooks, SECRET], project.root);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ type: 'activity', teamId: 'team-1', seq: 1 });
  });

  it('runConformance from a script returns the structured results', async () => {
    project.write(
      'conformance.mjs',
      `import { runConformance } from 'specwire/conformance';
const run = await runConformance({ contract: 'taskforge', url: process.argv[2], hooks: process.argv[3], jwtSecret: process.argv[4], tags: ['ordering'] });
console.log(JSON.stringify({ passed: run.passed, failed: run.failed, names: run.scenarios.map((s) => s.name) }));
`,
    );
    const r = await node(['conformance.mjs', base.ws, base.hooks, SECRET], project.root, 120_000);
    const result = JSON.parse(r.stdout) as { passed: number; failed: number; names: string[] };
    expect(result.failed).toBe(0);
    expect(result.passed).toBe(result.names.length);
    expect(result.passed).toBeGreaterThan(0);
  }, 130_000);
});

describe("docs/ci.md's test step, from the installed package", () => {
  const closedPort = async () => {
    const s = createNetServer();
    await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
    const { port } = s.address() as { port: number };
    await new Promise<void>((done) => s.close(() => done()));
    return port;
  };
  const shell = (script: string, port: number) =>
    new Promise<Run>((done) => {
      execFile('/bin/sh', ['-c', script], { cwd: project.root, timeout: 120_000, killSignal: 'SIGKILL', maxBuffer: 64 << 20, env: { ...process.env, PATH: `${join(project.root, 'node_modules/.bin')}:${process.env.PATH}`, PORT: String(port), SPECWIRE_JWT_SECRET: SECRET, NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_STEP_SUMMARY: undefined } }, (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
      );
    });

  it('passes against a server started in the background the moment before', async () => {
    const port = await closedPort();
    const server = spawn(process.execPath, [bin, 'serve', '--hooks', '--contract', 'taskforge', '--port', String(port)], { cwd: project.root, env: { ...process.env, SPECWIRE_JWT_SECRET: SECRET }, stdio: 'ignore' });
    try {
      const r = await shell(ciRecipe('test-step'), port);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\d+ scenarios in 1 contract: \d+ passed, 0 failed/);
      expect(existsSync(join(project.root, 'reports/specwire-report.html'))).toBe(true);
    } finally {
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGTERM');
      await exited;
    }
  }, 130_000);

  it('exits 2 with one sentence when no server ever comes up', async () => {
    const port = await closedPort();
    const r = await shell(ciRecipe('test-step').replace('--wait 60000', '--wait 1000'), port);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`specwire: cannot run the suite: the WebSocket URL ws://127.0.0.1:${port}: connection refused (ECONNREFUSED) (still so after waiting 1000 ms).\n`);
  });
});

describe('typed imports from another project', () => {
  const consumer = `import { createClient, type RealtimeClient } from 'specwire/client';
import { contract } from 'specwire/contracts/taskforge/client';
import { decodeServerMessage, type ServerMessage } from 'specwire/contracts/taskforge';
import { CloseCode, createHooksClient, originAllowed, type HooksDriver, type StateRequest, type TriggerRequest, type SpecwireClaims } from 'specwire/protocol';
import { runConformance, type RunResult } from 'specwire/conformance';

const client: RealtimeClient<typeof contract> = createClient(contract, { url: 'wss://example.com', token: 'jwt' });
client.on('activity', (message, meta) => console.log(message.activity.type, meta.seq));
// @ts-expect-error not an event of taskforge
client.on('media:new', () => undefined);
const decoded = decodeServerMessage('{"type":"subscribed","teamId":"t"}');
if (decoded.ok) {
  const m: ServerMessage = decoded.message;
  console.log(m.type);
}
const driver: HooksDriver = createHooksClient('http://localhost:8080/__specwire');
const trigger: TriggerRequest = { contract: 'taskforge', event: 'activity', stream: 'team-1' };
const state: StateRequest = { contract: 'taskforge', stream: 'team-1', members: [{ sub: 'u', roles: ['admin'] }] };
const sameOrigin: boolean = originAllowed('http://localhost:8080', 'localhost:8080', ['https://taskforge.example.com']);
const claims: SpecwireClaims = { sub: 'u', aud: 'taskforge' };
const code: 4401 = CloseCode.Unauthenticated;
export async function conformance(): Promise<number> {
  const run: RunResult = await runConformance({ contract: 'taskforge', url: 'ws://localhost:8080', driver, jwtSecret: 's', origin: 'https://taskforge.example.com' });
  return run.failed + trigger.event.length + claims.sub.length + code + state.members.length + Number(sameOrigin);
}
`;

  // A React app on specwire/react: the hook's view and state are typed from the contract.
  const reactConsumer = `import { createClient } from 'specwire/client';
import { contract } from 'specwire/contracts/phase-events/client';
import type { GameState, PhaseGameOverMessage } from 'specwire/contracts/phase-events';
import { useStream, type StreamView } from 'specwire/react';

const client = createClient(contract, { url: 'wss://example.com', token: 'jwt' });

export function GameOver({ gameId }: { gameId: string }) {
  const game = useStream(client, gameId);
  const state: GameState | undefined = game.state;
  const pending: PhaseGameOverMessage | undefined = game.pendingHint;
  const view: StreamView<typeof contract> = game;
  // @ts-expect-error GameState has no such field
  console.log(game.state?.winner, view.connection);
  if (pending) return <p>Game over ({pending.reason}): loading the results…</p>;
  return <ol>{state?.result?.standings.map((s) => <li key={s.playerId}>{s.name}: {s.score}</li>)}</ol>;
}
`;

  for (const resolution of ['nodenext', 'bundler'] as const) {
    it(`compile under tsc --strict with moduleResolution ${resolution}`, async () => {
      project.write(`typed-${resolution}/app.ts`, consumer);
      project.write(`typed-${resolution}/game.tsx`, reactConsumer);
      project.write(
        `typed-${resolution}/tsconfig.json`,
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: resolution === 'nodenext' ? 'nodenext' : 'esnext',
            moduleResolution: resolution,
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            lib: ['ES2023', 'DOM'],
            types: ['node'],
            jsx: 'react-jsx',
          },
          files: ['app.ts', 'game.tsx'],
        }),
      );
      // package.json type: module makes app.ts an ES module under nodenext.
      const r = await node([join(project.root, 'node_modules/typescript/bin/tsc'), '-p', `typed-${resolution}/tsconfig.json`], project.root);
      expect(`${r.stdout}${r.stderr}`).toBe('');
      expect(r.code).toBe(0);
    });
  }

  it('the client bundles for the browser with esbuild, no Node built-ins', async () => {
    project.write('browser.ts', `import { createClient } from 'specwire/client';\nimport { contract } from 'specwire/contracts/media-timeline/client';\nexport const client = createClient(contract, { url: location.origin.replace(/^http/, 'ws'), token: 'jwt' });\n`);
    const r = await run(tool('esbuild', 'bin/esbuild'), ['browser.ts', '--bundle', '--platform=browser', '--format=esm', '--outfile=out/browser.js', '--log-level=warning'], project.root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bundle = readFileSync(project.path('out/browser.js'), 'utf8');
    expect(bundle).not.toMatch(/from\s*["']node:|require\(["'](fs|path|crypto|net|http)["']\)/);
    expect(bundle).toMatch(/media:new/);
  });

  it('a React app on specwire/react bundles for the browser, React from the project', async () => {
    project.write('react-app.tsx', `import { createRoot } from 'react-dom/client';\nimport { createClient } from 'specwire/client';\nimport { contract } from 'specwire/contracts/phase-events/client';\nimport { useStream } from 'specwire/react';\nconst client = createClient(contract, { url: location.origin.replace(/^http/, 'ws'), token: 'jwt' });\nfunction Game() {\n  const game = useStream(client, 'g-1');\n  return <p>{game.connection} {game.state?.status}</p>;\n}\ncreateRoot(document.body).render(<Game />);\n`);
    const r = await run(tool('esbuild', 'bin/esbuild'), ['react-app.tsx', '--bundle', '--platform=browser', '--format=esm', '--jsx=automatic', '--define:process.env.NODE_ENV="production"', '--outfile=out/react-app.js', '--log-level=warning'], project.root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bundle = readFileSync(project.path('out/react-app.js'), 'utf8');
    expect(bundle).not.toMatch(/from\s*["']node:|require\(["'](fs|path|crypto|net|http)["']\)/);
    expect(bundle).toMatch(/phase\.game_over/);
    expect(bundle).toMatch(/useSyncExternalStore/);
  });

  it('the core client pulls in nothing of React', () => {
    const core = filesUnder(join(installed, 'dist/client')).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'));
    expect(core.length).toBeGreaterThan(0);
    expect(core.filter((f) => /from\s*['"]react/.test(readFileSync(f, 'utf8')))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional?: boolean }> };
    expect(Object.keys(manifest.dependencies)).not.toContain('react');
    expect(manifest.peerDependenciesMeta.react?.optional).toBe(true);
  });
});
