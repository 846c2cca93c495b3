/**
 * `specwire scaffold` in process: the derived suite written as scenario YAML loads and checks
 * against its document (what `specwire test --check` does), and the scenarios pass against the mock
 * of the document — a team's starting point works before it is edited.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { scaffoldScenarios, CREDENTIAL_PLACEHOLDER } from '../../../conformance/derive/scaffold.js';
import { deriveSuite } from '../../../conformance/derive/suite.js';
import { planRun } from '../../../conformance/plan.js';
import { runConformance } from '../../../conformance/run-conformance.js';
import { loadContract } from '../../../contract/load.js';
import { silentLogger } from '../../../server/core/log.js';
import { startMockServer } from '../../../server/mock/server.js';
import { tempFiles, type TempFiles } from '../../support/temp-files.js';

const ROOT = resolve(import.meta.dirname, '../../..');
let temp: TempFiles | undefined;
afterEach(() => {
  temp?.remove();
  temp = undefined;
});

async function scaffold(file: string) {
  const loaded = await loadContract(resolve(ROOT, file));
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const files = scaffoldScenarios(deriveSuite(loaded.contract, { runs: 4, listenMs: 300 }));
  temp = tempFiles(Object.fromEntries(files.map((f) => [f.path, f.text])));
  return { model: loaded.contract, files };
}

describe('scaffolded scenarios', () => {
  for (const file of ['test/fixtures/third-party/asyncapi-kraken-websocket.yaml', 'test/fixtures/third-party/asyncapi-slack-rtm.yaml', 'test/fixtures/third-party/asyncapi-gemini-websocket.yaml', 'test/fixtures/mock/greenhouse-controller.yaml']) {
    it(`check against ${file} and pass against its mock`, async () => {
      const { model, files } = await scaffold(file);
      expect(files.length).toBeGreaterThanOrEqual(2);
      for (const f of files) expect(f.path.startsWith(`${model.id}/derived-`)).toBe(true);
      const plan = await planRun({ contracts: [resolve(ROOT, file)], scenariosDir: temp!.root });
      if (!plan.ok) throw new Error(plan.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`).join('\n') || plan.message);
      expect(plan.contracts[0]!.scenarios).toHaveLength(files.length);
      const mock = await startMockServer(model, { port: 0, emitEveryMs: 50, logger: silentLogger });
      try {
        const run = await runConformance({ contract: resolve(ROOT, file), url: mock.url, scenarios: temp!.root });
        expect(run.scenarios.flatMap((s) => s.failures.map((x) => `${s.name}: ${x.check}: ${x.message}`))).toEqual([]);
        expect(run.passed).toBe(files.length);
      } finally {
        await mock.close();
      }
    }, 60_000);
  }

  it('leaves credentials as commented placeholders and the refusal as `refused: any`', async () => {
    const { files } = await scaffold('test/fixtures/third-party/asyncapi-slack-rtm.yaml');
    const auth = files.find((f) => f.path.endsWith('-auth.yaml'))!;
    expect(auth.text).toContain('# the document declares token (query parameter "token"): put a test credential here');
    const steps = (parse(auth.text) as { steps: Record<string, Record<string, unknown>>[] }).steps;
    expect(steps[0]!.connect).toMatchObject({ client: 'anonymous', token: 'none', expect: { refused: 'any' } });
    expect(steps[1]!.connect).toMatchObject({ client: 'client', query: { token: CREDENTIAL_PLACEHOLDER } });
  });

  it('expects each reply by its discriminator and the correlation id the request carries', async () => {
    const { files } = await scaffold('test/fixtures/third-party/asyncapi-kraken-websocket.yaml');
    const requests = parse(files.find((f) => f.path.endsWith('-requests.yaml'))!.text) as { steps: Record<string, Record<string, unknown>>[] };
    expect(requests.steps.slice(1, 3)).toEqual([{ send: { client: 'client', message: { event: 'ping', reqid: 7000 } } }, { expect: { client: 'client', message: { event: 'pong', reqid: 7000 } } }]);
  });
});
