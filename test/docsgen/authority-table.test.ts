/**
 * docs/client.md's table of state and hint events is the contracts' own answer: rendered from the
 * client descriptors' facts of every document in asyncapi/ and compared with the committed page.
 * After changing a contract's authority, refresh it with
 * `SPECWIRE_UPDATE_DOCS=1 npx vitest run test/docsgen/authority-table.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientFacts, type ClientFacts } from '../../codegen/emit-client.js';
import { compare } from '../../codegen/catalog.js';
import { discoverContracts } from '../../contract/discover.js';
import { loadContract } from '../../contract/load.js';
import { renderAuthorityTable, replaceAuthorityTable } from '../../docsgen/authority-table.js';

const PAGE = join(resolve(import.meta.dirname, '../..'), 'docs/client.md');

async function allFacts(): Promise<ClientFacts[]> {
  const facts: ClientFacts[] = [];
  for (const file of discoverContracts()) {
    const loaded = await loadContract(file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const f = clientFacts(loaded.contract);
    if (f) facts.push(f);
  }
  return facts.sort((a, b) => compare(a.id, b.id));
}

describe('docs/client.md authority table', () => {
  it('matches the contracts', async () => {
    const table = renderAuthorityTable(await allFacts());
    const page = readFileSync(PAGE, 'utf8');
    const expected = replaceAuthorityTable(page, table);
    expect(expected, 'docs/client.md lacks the authority table markers').toBeDefined();
    let committed = page;
    if (process.env.SPECWIRE_UPDATE_DOCS && expected !== page) writeFileSync(PAGE, (committed = expected!));
    expect(committed, 'stale: run SPECWIRE_UPDATE_DOCS=1 npx vitest run test/docsgen/authority-table.test.ts').toBe(expected);
  });

  it('says what the client does with a hint: the refetch and the snapshot', async () => {
    const table = renderAuthorityTable(await allFacts());
    const hints = table.split('\n').filter((row) => /\| hint \|/.test(row));
    expect(hints).toEqual([
      "| `phase-events` | `phase.game_over` | hint | delivers it to `on('phase.game_over')`, then reads `GET /api/games/{gameId}/state` and emits `snapshot` with `cause: 'hint'` and the hint: show that state, not the payload |",
    ]);
    expect(table.split('\n').filter((row) => /\| state \|/.test(row)).length).toBeGreaterThan(20);
  });
});
