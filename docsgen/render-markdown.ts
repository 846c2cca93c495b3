/**
 * Contract outline → one Markdown reference page (GitHub-flavoured). Every piece of document text
 * goes through `escape.ts`: prose keeps its code spans, table cells escape `|`, nothing becomes HTML.
 * Anchors are explicit (`<a id>`), not derived from headings, so links survive any renderer.
 */
import { mdCell, mdCode, mdFence, proseMd } from './escape.js';
import { docsHeader } from './header.js';
import { DIRECTION_LABEL, type DocOutline, type MessageDoc, type PollingDoc } from './outline.js';
import type { FieldRow } from './schema-rows.js';

export function renderMarkdown(doc: DocOutline): string {
  const out: string[] = [];
  out.push(`<!-- ${docsHeader(doc.source)} -->`, '');
  out.push(`# ${mdCell(doc.title)} — ${mdCode(doc.id)} ${mdCell(doc.version)}`, '');
  out.push(`> Generated from ${mdCode(doc.source)} — do not edit; run \`specwire docs\`. AsyncAPI ${mdCell(doc.asyncapi)}, contract version ${mdCode(doc.version)}. [All contracts](index.md)`, '');
  if (doc.description) out.push(proseMd(doc.description), '');
  out.push('## Contents', '', '- [Messages](#messages)', '- [Channels](#channels)', '- [Authentication](#authentication)');
  if (doc.polling.length) out.push('- [Polling fallback](#polling)');
  if (doc.slo || doc.limits.length) out.push('- [Latency SLO and limits](#slo)');
  if (doc.closeCodes.length) out.push('- [Close codes](#close-codes)');
  out.push('', '<a id="messages"></a>', '', '## Messages', '');
  for (const group of doc.directions) {
    out.push(`### ${group.label}`, '');
    if (!group.messages.length) {
      out.push('None.', '');
      continue;
    }
    out.push('| message | summary | kind |', '| --- | --- | --- |');
    for (const m of group.messages) out.push(`| [${mdCode(m.label)}](#${m.anchor}) | ${mdCell(m.summary ?? m.title ?? '')} | ${m.authority?.kind ?? (m.control ? 'control' : '')} |`);
    out.push('');
  }
  for (const m of doc.messages) out.push(...messageSection(m));
  out.push(...channelsSection(doc), ...authSection(doc));
  if (doc.polling.length) out.push('<a id="polling"></a>', '', '## Polling fallback', '', ...doc.polling.flatMap(pollingSection));
  if (doc.slo || doc.limits.length) out.push(...sloSection(doc));
  if (doc.closeCodes.length) {
    out.push('<a id="close-codes"></a>', '', '## Close codes', '', '| code | name | meaning |', '| --- | --- | --- |');
    for (const c of doc.closeCodes) out.push(`| ${mdCell(c.code)} | ${mdCell(c.name)} | ${mdCell(c.description)} |`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function messageSection(m: MessageDoc): string[] {
  const out = [`<a id="${m.anchor}"></a>`, '', `### ${mdCode(m.label)}${m.title ? ` — ${mdCell(m.title)}` : ''}`, ''];
  const facts = [
    `**Direction:** ${m.directions.map((d) => DIRECTION_LABEL[d]).join(', ')}`,
    `**Channel:** ${m.channels.map(mdCode).join(', ')}`,
    ...(m.hasType ? [] : [`**Message id:** ${mdCode(m.id)} (no \`type\` discriminator)`]),
    ...(m.control ? ['**Control frame** (not a stream event: no `seq`)'] : []),
    ...(m.since ? [`**Since:** ${mdCode(m.since)}`] : []),
    ...(m.replies.length ? [`**Answered with:** ${m.replies.map((r) => `[${mdCode(r.label)}](#${r.anchor})`).join(', ')}`] : []),
  ];
  out.push(facts.map((f) => `- ${f}`).join('\n'), '');
  if (m.authority) out.push(`**Authority — ${m.authority.kind}.** ${mdCell(m.authority.text)}`, '');
  if (m.summary) out.push(`*${mdCell(m.summary)}*`, '');
  if (m.description) out.push(proseMd(m.description), '');
  out.push('**Payload**', '', ...fieldTable(m.rows));
  m.examples.forEach((e, i) => {
    const name = e.name ?? `example ${i + 1}`;
    out.push(`**Example ${mdCode(name)}**${e.summary ? `: ${mdCell(e.summary)}` : ''}`, '', mdFence(e.json, 'json'), '');
  });
  return out;
}

function fieldTable(rows: FieldRow[]): string[] {
  if (!rows.length) return ['No fields.', ''];
  const out = ['| field | type | required | description | constraints |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const required = r.required === undefined ? '' : r.required ? 'yes' : 'no';
    out.push(`| ${mdCode(r.path)} | ${mdCell(r.type)} | ${required} | ${mdCell(r.description ?? '')} | ${r.constraints.map(mdCode).join(', ').replace(/\|/g, '\\|')} |`);
  }
  return [...out, ''];
}

function channelsSection(doc: DocOutline): string[] {
  const out = ['<a id="channels"></a>', '', '## Channels', ''];
  for (const c of doc.channels) {
    out.push(`<a id="${c.anchor}"></a>`, '', `### ${mdCode(c.address)}${c.title ? ` — ${mdCell(c.title)}` : ''}`, '');
    if (c.description) out.push(proseMd(c.description), '');
    out.push(`- **Transport:** ${proseMd(c.transport)}`);
    for (const p of c.parameters) out.push(`- Parameter ${mdCode(p.name)}${p.description ? `: ${mdCell(p.description)}` : ''}${p.values.length ? ` (e.g. ${p.values.map(mdCode).join(', ')})` : ''}`);
    if (c.access) out.push(`- **Who may join:** rule ${mdCode(c.access.rule)}${c.access.key ? ` on ${mdCode(c.access.key)}` : ''}. ${mdCell(c.access.description)}`);
    else out.push('- **Who may join:** not declared (no `x-specwire-access`).');
    if (c.stream) {
      const sub = c.stream.subscribe ? `; subscribe with ${mdCode(c.stream.subscribe)}${c.stream.unsubscribe ? `, unsubscribe with ${mdCode(c.stream.unsubscribe)}` : ''}` : '; the connection itself is the stream';
      out.push(`- **Stream:** keyed by ${mdCode(c.stream.key)} (the unit of \`seq\`, ordering and resume)${sub}.`);
    }
    out.push(`- **Messages:** ${c.messages.map((m) => `[${mdCode(m.label)}](#${m.anchor})`).join(', ') || 'none'}`, '');
  }
  return out;
}

function authSection(doc: DocOutline): string[] {
  const { auth } = doc;
  const out = ['<a id="authentication"></a>', '', '## Authentication', ''];
  if (!auth.schemes.length) out.push('No security scheme is declared.', '');
  for (const s of auth.schemes) {
    const where = s.in ? ` in ${s.in}${s.name ? ` ${mdCode(s.name)}` : ''}` : s.scheme ? ` (${s.scheme}${s.bearerFormat ? `, ${s.bearerFormat}` : ''})` : '';
    out.push(`- ${mdCode(s.id)}: ${mdCell(s.type)}${where}${s.description ? ` — ${mdCell(s.description)}` : ''}`);
  }
  for (const [when, how] of auth.refusal) out.push(`- ${mdCell(when)}: ${mdCell(how)}`);
  if (auth.versioning.length) out.push(`- Wire version negotiated with ${auth.versioning.map(mdCode).join(' and ')}`);
  out.push('', '| server | URL | security | notes |', '| --- | --- | --- | --- |');
  for (const s of auth.servers) out.push(`| ${mdCode(s.id)} | ${mdCode(s.url)} | ${s.security.map((r) => mdCode(r.scheme)).join(', ') || 'none'} | ${mdCell(s.description ?? '')} |`);
  return [...out, ''];
}

function pollingSection(p: PollingDoc): string[] {
  const out = [`### ${mdCode(`${p.method} ${p.path}`)}`, '', `Poll every ${p.intervalMs} ms. Describes: ${p.describes.map((d) => (d.anchor ? `[${mdCode(d.label)}](#${d.anchor})` : mdCode(d.label))).join(', ')}.`, ''];
  if (p.description) out.push(proseMd(p.description), '');
  if (p.rows.length) out.push('**Response body**', '', ...fieldTable(p.rows));
  return out;
}

function sloSection(doc: DocOutline): string[] {
  const out = ['<a id="slo"></a>', '', '## Latency SLO and limits', ''];
  if (doc.slo) {
    const parts = [doc.slo.p50Ms !== undefined ? `p50 ≤ ${doc.slo.p50Ms} ms` : '', `p95 ≤ ${doc.slo.p95Ms} ms`, doc.slo.p99Ms !== undefined ? `p99 ≤ ${doc.slo.p99Ms} ms` : ''].filter(Boolean);
    out.push(`From a domain change to delivery at every subscriber: ${parts.join(', ')}.`, '');
  }
  if (doc.limits.length) {
    out.push('| limit | value |', '| --- | --- |');
    for (const [k, v] of doc.limits) out.push(`| ${mdCell(k)} | ${mdCell(v)} |`);
    out.push('');
  }
  return out;
}
