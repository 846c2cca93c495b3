/**
 * The table in docs/client.md of what the typed client does with each event of each contract, by
 * its authority: rendered from the client descriptors' facts (what the client itself reads), and
 * compared with the committed page by test/docsgen/authority-table.test.ts so that it cannot drift.
 */
import type { ClientFacts } from '../codegen/emit-client.js';

/** The markers around the generated table in a Markdown page. */
export const AUTHORITY_TABLE_START = '<!-- authority table: generated from asyncapi/ (test/docsgen/authority-table.test.ts) — do not edit -->';
export const AUTHORITY_TABLE_END = '<!-- end of authority table -->';

const code = (text: string) => `\`${text}\``;

function clientDoes(facts: ClientFacts, type: string): string {
  const endpoint = facts.polling.find((p) => p.streamParam === facts.stream.key) ?? facts.polling.find((p) => p.describes.includes(type));
  if (facts.authority[type] !== 'hint') return `delivers it to ${code(`on('${type}')`)}: apply the payload as is`;
  if (!endpoint) return `delivers it to ${code(`on('${type}')`)}; no polling endpoint to refetch from (pass ${code('pollingEndpoint')})`;
  return `delivers it to ${code(`on('${type}')`)}, then reads ${code(`GET ${endpoint.path}`)} and emits ${code('snapshot')} with ${code("cause: 'hint'")} and the hint: show that state, not the payload`;
}

/** One row per stream event of every contract, contracts in the given order, events sorted. */
export function renderAuthorityTable(contracts: readonly ClientFacts[]): string {
  const rows = contracts.flatMap((facts) => facts.events.map((type) => `| ${code(facts.id)} | ${code(type)} | ${facts.authority[type] ?? 'state'} | ${clientDoes(facts, type)} |`));
  return [AUTHORITY_TABLE_START, '', '| contract | event | authority | the client |', '| --- | --- | --- | --- |', ...rows, '', AUTHORITY_TABLE_END].join('\n');
}

/** `page` with the text between the markers replaced by `table`; undefined when the markers are missing. */
export function replaceAuthorityTable(page: string, table: string): string | undefined {
  const start = page.indexOf(AUTHORITY_TABLE_START);
  const end = page.indexOf(AUTHORITY_TABLE_END);
  if (start < 0 || end < start) return undefined;
  return page.slice(0, start) + table + page.slice(end + AUTHORITY_TABLE_END.length);
}
