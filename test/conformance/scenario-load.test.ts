import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { planRun } from '../../conformance/plan.js';
import { ContractView } from '../../conformance/contract-view.js';
import { checkScenario } from '../../conformance/scenario/check.js';
import { discoverScenarios, loadScenario } from '../../conformance/scenario/load.js';
import { discoverContracts } from '../../contract/discover.js';
import { loadContract } from '../../contract/load.js';

const BAD = resolve(import.meta.dirname, '../fixtures/conformance/bad-scenarios/taskforge');
const loaded = await loadContract(resolve(import.meta.dirname, '../../asyncapi/taskforge.yaml'));
if (!loaded.ok) throw new Error('taskforge contract does not load');
const view = new ContractView(loaded.contract);

function diagnose(name: string) {
  const r = loadScenario(resolve(BAD, name), 'taskforge');
  const ds = r.ok ? checkScenario(r.scenario, view, r.positions) : r.diagnostics;
  return ds.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);
}

describe('scenario loader diagnostics', () => {
  it('a misspelled step kind is a schema error at its line', () => {
    expect(diagnose('misspelled-step.yaml')).toEqual(['7:5 scenario-schema unknown key "conect" at /steps/1']);
  });

  it('an unknown field in a sent message points at the field', () => {
    expect(diagnose('unknown-field.yaml')).toEqual(['7:56 scenario-unknown-field subscribe has no field "teamID"']);
  });

  it('an unknown message type and an unknown example are errors with positions', () => {
    const ds = diagnose('unknown-type.yaml');
    expect(ds[0]).toMatch(/^7:41 scenario-unknown-type "subscribd" is not a server message of taskforge/);
    expect(ds[1]).toMatch(/^8:49 scenario-unknown-example activity has no example named "no such example"/);
  });

  it('YAML syntax errors carry a position and the scenario-yaml rule', () => {
    const ds = diagnose('yaml-syntax.yaml');
    expect(ds.length).toBeGreaterThan(0);
    expect(ds[0]).toMatch(/^\d+:\d+ scenario-yaml /);
  });

  it('an undeclared client is reported', () => {
    expect(diagnose('unknown-client.yaml')).toEqual(['6:16 scenario-unknown-client client "bob" is not declared under clients']);
  });

  it('an SSE connect needs an SSE channel, and an SSE client cannot send', async () => {
    const SSE = resolve(import.meta.dirname, '../fixtures/conformance/sse-scenarios');
    const noSse = loadScenario(resolve(SSE, 'taskforge/sse-without-endpoint.yaml'), 'taskforge');
    if (!noSse.ok) throw new Error('the fixture does not load');
    expect(checkScenario(noSse.scenario, view, noSse.positions).map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual(['6:31 scenario-no-sse contract taskforge declares no Server-Sent Events channel for realtime (x-specwire-sse)']);
    const mt = await loadContract(resolve(import.meta.dirname, '../../asyncapi/media-timeline.yaml'));
    if (!mt.ok) throw new Error('media-timeline does not load');
    const r = loadScenario(resolve(SSE, 'media-timeline/sse-send.yaml'), 'media-timeline');
    if (!r.ok) throw new Error('the fixture does not load');
    expect(checkScenario(r.scenario, new ContractView(mt.contract), r.positions).map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(['7:5 scenario-sse-send']);
  });

  it('planRun refuses the whole run on any bad scenario', async () => {
    const plan = await planRun({ contracts: ['taskforge'], scenariosDir: resolve(BAD, '..') });
    expect(plan.ok).toBe(false);
  });
});

describe('shipped scenarios', () => {
  it('every shipped scenario loads and matches its contract', async () => {
    for (const file of discoverContracts()) {
      const contract = await loadContract(file);
      if (!contract.ok) continue; // contract errors are lint's business
      const v = new ContractView(contract.contract);
      for (const s of discoverScenarios(v.id)) {
        const r = loadScenario(s, v.id);
        const ds = r.ok ? checkScenario(r.scenario, v, r.positions) : r.diagnostics;
        expect(ds.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([]);
      }
    }
  });
});
