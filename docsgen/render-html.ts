/**
 * Contract outline → one self-contained HTML reference page: inline CSS, no external request, readable
 * without JavaScript (a few lines of inline script only add a filter over the message index). All
 * document text is escaped (`escape.ts`); ids come from `outline.ts` and are unique per page.
 */
import { escHtml as esc, proseHtml } from './escape.js';
import { docsHeader } from './header.js';
import { DIRECTION_LABEL, type DocOutline, type MessageDoc, type PollingDoc } from './outline.js';
import type { FieldRow } from './schema-rows.js';
import { PAGE_CSS, FILTER_SCRIPT } from './html-assets.js';

export function renderHtml(doc: DocOutline): string {
  const index = doc.directions
    .map((g) => `<h3>${esc(g.label)}</h3>\n<ul class="index" data-direction="${g.direction}">\n${g.messages.map((m) => `<li data-name="${esc(m.label)}"><a href="#${m.anchor}"><code>${esc(m.label)}</code></a>${badge(m)}</li>`).join('\n') || '<li class="none">none</li>'}\n</ul>`)
    .join('\n');
  const sections = [
    `<section id="messages"><h2>Messages</h2>\n${doc.messages.map(messageSection).join('\n')}\n</section>`,
    channelsSection(doc),
    authSection(doc),
    doc.polling.length ? `<section id="polling"><h2>Polling fallback</h2>\n${doc.polling.map(pollingSection).join('\n')}\n</section>` : '',
    doc.slo || doc.limits.length ? sloSection(doc) : '',
    doc.closeCodes.length
      ? `<section id="close-codes"><h2>Close codes</h2>\n<table><thead><tr><th>code</th><th>name</th><th>meaning</th></tr></thead><tbody>\n${doc.closeCodes.map((c) => `<tr><td><code>${esc(c.code)}</code></td><td>${esc(c.name)}</td><td>${esc(c.description)}</td></tr>`).join('\n')}\n</tbody></table></section>`
      : '',
  ].filter(Boolean);
  return `<!doctype html>
<!-- ${esc(docsHeader(doc.source))} -->
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)} (${esc(doc.id)} ${esc(doc.version)}) — contract reference</title>
<link rel="icon" href="data:,">
<style>${PAGE_CSS}</style></head>
<body>
<nav id="index" aria-label="Message index">
<p><a href="index.html">All contracts</a></p>
<input id="filter" type="search" placeholder="Filter messages" aria-label="Filter messages" hidden>
${index}
<h3>Sections</h3>
<ul class="sections"><li><a href="#channels">Channels</a></li><li><a href="#authentication">Authentication</a></li>${doc.polling.length ? '<li><a href="#polling">Polling fallback</a></li>' : ''}${doc.slo || doc.limits.length ? '<li><a href="#slo">SLO and limits</a></li>' : ''}${doc.closeCodes.length ? '<li><a href="#close-codes">Close codes</a></li>' : ''}</ul>
</nav>
<main>
<header><h1>${esc(doc.title)}</h1>
<p class="meta">Contract <code>${esc(doc.id)}</code> · version <code>${esc(doc.version)}</code> · AsyncAPI ${esc(doc.asyncapi)}</p>
<p class="generated">Generated from <code>${esc(doc.source)}</code> — do not edit; run <code>specwire docs</code>.</p></header>
${doc.description ? `<div class="prose">${proseHtml(doc.description)}</div>` : ''}
${sections.join('\n')}
</main>
<script>${FILTER_SCRIPT}</script>
</body></html>
`;
}

function badge(m: MessageDoc): string {
  if (m.authority) return ` <span class="badge ${m.authority.kind}">${m.authority.kind}</span>`;
  return m.control ? ' <span class="badge control">control</span>' : '';
}

function messageSection(m: MessageDoc): string {
  const facts = [
    ['Direction', esc(m.directions.map((d) => DIRECTION_LABEL[d]).join(', '))],
    ['Channel', m.channels.map((c) => `<code>${esc(c)}</code>`).join(', ')],
    ...(m.hasType ? [] : [['Message id', `<code>${esc(m.id)}</code> (no <code>type</code> discriminator)`]]),
    ...(m.control ? [['Kind', 'control frame (not a stream event: no <code>seq</code>)']] : []),
    ...(m.since ? [['Since', `<code>${esc(m.since)}</code>`]] : []),
    ...(m.replies.length ? [['Answered with', m.replies.map((r) => `<a href="#${r.anchor}"><code>${esc(r.label)}</code></a>`).join(', ')]] : []),
  ];
  const examples = m.examples
    .map((e, i) => `<figure class="example"><figcaption>Example <code>${esc(e.name ?? `example ${i + 1}`)}</code>${e.summary ? `: ${esc(e.summary)}` : ''}</figcaption><pre class="json"><code>${esc(e.json)}</code></pre></figure>`)
    .join('\n');
  return `<article class="message" id="${m.anchor}" data-name="${esc(m.label)}">
<h3><code>${esc(m.label)}</code>${m.title ? ` — ${esc(m.title)}` : ''}${badge(m)}</h3>
<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
${m.authority ? `<p class="authority ${m.authority.kind}"><b>Authority — ${m.authority.kind}.</b> ${esc(m.authority.text)}</p>` : ''}
${m.summary ? `<p class="summary">${esc(m.summary)}</p>` : ''}
${m.description ? `<div class="prose">${proseHtml(m.description)}</div>` : ''}
<h4>Payload</h4>
${fieldTable(m.rows)}
${examples}
</article>`;
}

function fieldTable(rows: FieldRow[]): string {
  if (!rows.length) return '<p class="none">No fields.</p>';
  const body = rows
    .map((r) => {
      const depth = r.path.split(/\.|\[\]|‹/).length - 1;
      const required = r.required === undefined ? '' : r.required ? '<b>yes</b>' : 'no';
      return `<tr><td class="path" style="padding-left:${0.4 + Math.min(depth, 8) * 0.9}em"><code>${esc(r.path)}</code></td><td>${esc(r.type)}</td><td>${required}</td><td>${r.description ? proseHtml(r.description) : ''}</td><td>${r.constraints.map((c) => `<code>${esc(c)}</code>`).join(' ')}</td></tr>`;
    })
    .join('\n');
  return `<table class="fields"><thead><tr><th>field</th><th>type</th><th>required</th><th>description</th><th>constraints</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function channelsSection(doc: DocOutline): string {
  const items = doc.channels.map((c) => {
    const params = c.parameters.map((p) => `<li>Parameter <code>${esc(p.name)}</code>${p.description ? `: ${esc(p.description)}` : ''}${p.values.length ? ` (e.g. ${p.values.map((v) => `<code>${esc(v)}</code>`).join(', ')})` : ''}</li>`);
    const access = c.access
      ? `<li><b>Who may join:</b> rule <code>${esc(c.access.rule)}</code>${c.access.key ? ` on <code>${esc(c.access.key)}</code>` : ''}. ${esc(c.access.description)}</li>`
      : '<li><b>Who may join:</b> not declared (no <code>x-specwire-access</code>).</li>';
    const stream = c.stream
      ? `<li><b>Stream:</b> keyed by <code>${esc(c.stream.key)}</code> (the unit of <code>seq</code>, ordering and resume)${c.stream.subscribe ? `; subscribe with <code>${esc(c.stream.subscribe)}</code>${c.stream.unsubscribe ? `, unsubscribe with <code>${esc(c.stream.unsubscribe)}</code>` : ''}` : '; the connection itself is the stream'}.</li>`
      : '';
    const transport = `<li><b>Transport:</b> ${proseHtml(c.transport).replace(/^<p>|<\/p>$/g, '')}</li>`;
    const messages = `<li><b>Messages:</b> ${c.messages.map((m) => `<a href="#${m.anchor}"><code>${esc(m.label)}</code></a>`).join(', ') || 'none'}</li>`;
    return `<div class="channel" id="${c.anchor}"><h3><code>${esc(c.address)}</code>${c.title ? ` — ${esc(c.title)}` : ''}</h3>
${c.description ? `<div class="prose">${proseHtml(c.description)}</div>` : ''}
<ul>${[transport, ...params, access, stream, messages].join('')}</ul></div>`;
  });
  return `<section id="channels"><h2>Channels</h2>\n${items.join('\n')}\n</section>`;
}

function authSection(doc: DocOutline): string {
  const { auth } = doc;
  const schemes = auth.schemes.map((s) => {
    const where = s.in ? ` in ${esc(s.in)}${s.name ? ` <code>${esc(s.name)}</code>` : ''}` : s.scheme ? ` (${esc(s.scheme)}${s.bearerFormat ? `, ${esc(s.bearerFormat)}` : ''})` : '';
    return `<li><code>${esc(s.id)}</code>: ${esc(s.type)}${where}${s.description ? ` — ${esc(s.description)}` : ''}</li>`;
  });
  const refusal = auth.refusal.map(([when, how]) => `<li>${esc(when)}: ${esc(how)}</li>`);
  const versioning = auth.versioning.length ? [`<li>Wire version negotiated with ${auth.versioning.map((v) => `<code>${esc(v)}</code>`).join(' and ')}</li>`] : [];
  const servers = auth.servers
    .map((s) => `<tr><td><code>${esc(s.id)}</code></td><td><code>${esc(s.url)}</code></td><td>${s.security.map((r) => `<code>${esc(r.scheme)}</code>`).join(', ') || 'none'}</td><td>${s.description ? proseHtml(s.description) : ''}</td></tr>`)
    .join('\n');
  return `<section id="authentication"><h2>Authentication</h2>
${schemes.length ? '' : '<p>No security scheme is declared.</p>'}<ul>${[...schemes, ...refusal, ...versioning].join('')}</ul>
<table><thead><tr><th>server</th><th>URL</th><th>security</th><th>notes</th></tr></thead><tbody>
${servers}
</tbody></table></section>`;
}

function pollingSection(p: PollingDoc): string {
  const describes = p.describes.map((d) => (d.anchor ? `<a href="#${d.anchor}"><code>${esc(d.label)}</code></a>` : `<code>${esc(d.label)}</code>`)).join(', ');
  return `<div class="polling"><h3><code>${esc(`${p.method} ${p.path}`)}</code></h3>
<p>Poll every ${p.intervalMs} ms. Describes: ${describes}.</p>
${p.description ? `<div class="prose">${proseHtml(p.description)}</div>` : ''}
${p.rows.length ? `<h4>Response body</h4>\n${fieldTable(p.rows)}` : ''}</div>`;
}

function sloSection(doc: DocOutline): string {
  const slo = doc.slo
    ? `<p>From a domain change to delivery at every subscriber: ${[doc.slo.p50Ms !== undefined ? `p50 ≤ ${doc.slo.p50Ms} ms` : '', `p95 ≤ ${doc.slo.p95Ms} ms`, doc.slo.p99Ms !== undefined ? `p99 ≤ ${doc.slo.p99Ms} ms` : ''].filter(Boolean).join(', ')}.</p>`
    : '';
  const limits = doc.limits.length ? `<table><thead><tr><th>limit</th><th>value</th></tr></thead><tbody>${doc.limits.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</tbody></table>` : '';
  return `<section id="slo"><h2>Latency SLO and limits</h2>\n${slo}\n${limits}</section>`;
}
