/**
 * The Markdown and HTML renderers on contract models: hostile document text stays text, table rows
 * keep their shape, every message and section is there, and a third-party document without
 * specwire's extensions renders too.
 */
import { describe, expect, it } from 'vitest';
import { escHtml, mdCell, mdCode, mdFence, proseHtml, proseMd } from '../../docsgen/escape.js';
import { outline } from '../../docsgen/outline.js';
import { renderHtml } from '../../docsgen/render-html.js';
import { renderMarkdown } from '../../docsgen/render-markdown.js';
import { loadContract } from '../../contract/load.js';
import { channel, contract, event, frame } from '../support/contract-model.js';
import { FIXTURE_FILES } from '../support/generated-contracts.js';

const HOSTILE = 'Use `a|b` or <script>alert("x")</script> | pipes & `` ` `` ticks';

/** Cells of a GFM table row: split on pipes not escaped with a backslash. */
function cells(line: string): string[] {
  return line.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

function hostileModel() {
  return contract({
    description: 'Intro with <img src=x onerror=alert(1)>.\n\nSecond paragraph.',
    messages: [
      event('scoreUpdated', 'score.updated', {
        summary: 'Score | changed',
        description: HOSTILE,
        payload: {
          type: 'object',
          required: ['type', 'score'],
          properties: {
            type: { type: 'string', const: 'score.updated' },
            score: { type: 'object', title: 'Score', description: HOSTILE, properties: { points: { type: 'integer', enum: [1, 2] } } },
            note: { type: 'string', pattern: '^(a|b)$' },
          },
        },
        examples: [{ name: 'with </pre> inside', payload: { type: 'score.updated', note: '</code></pre><b>x</b>' } }],
      }),
      frame('pong', 'pong', 'server-to-client'),
      frame('ping', 'ping', 'client-to-server'),
    ],
    channels: [channel({ access: { rule: 'game-player', key: 'roomId', description: 'Only <players>.' } })],
  });
}

describe('escaping', () => {
  it('HTML escapes every markup character', () => {
    expect(escHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('prose keeps code spans as code and everything else as text', () => {
    expect(proseHtml('Send `<ping>` then <b>wait</b>')).toBe('<p>Send <code>&lt;ping&gt;</code> then &lt;b&gt;wait&lt;/b&gt;</p>');
    expect(proseMd('Send `<ping>` then <b>wait</b>')).toBe('Send `<ping>` then &lt;b&gt;wait&lt;/b&gt;');
  });

  it('a table cell is one line with every pipe escaped, code spans included', () => {
    const cell = mdCell('a | b\n`x|y` <i>');
    expect(cell).toBe('a \\| b `x\\|y` &lt;i&gt;');
    expect(cells(`| ${cell} | next |`)).toHaveLength(2);
  });

  it('code spans and fences hold backticks', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdFence('```\nx', 'json')).toBe('````json\n```\nx\n````');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(outline(hostileModel(), 'asyncapi/quiz.yaml'));

  it('starts with the do-not-edit header and never emits document HTML', () => {
    expect(md.split('\n', 1)[0]).toBe('<!-- generated from asyncapi/quiz.yaml by specwire docs — do not edit -->');
    expect(md).not.toMatch(/<script|<img|<players>/);
    expect(md).toContain('&lt;script&gt;');
  });

  it('keeps payload table rows at five cells even with pipes in descriptions and patterns', () => {
    const lines = md.split('\n');
    const header = lines.indexOf('| field | type | required | description | constraints |');
    const rows = lines.slice(header + 2, lines.indexOf('', header));
    expect(rows.map((r) => cells(r)[0])).toEqual(['`type`', '`score`', '`score.points`', '`note`']);
    for (const r of rows) expect(cells(r), r).toHaveLength(5);
    expect(cells(rows[3]!)[4]).toBe('`pattern ^(a\\|b)$`');
  });

  it('indexes messages by direction with anchors that exist', () => {
    const anchors = new Set([...md.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const links = [...md.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const l of links) expect(anchors, l).toContain(l);
    expect(md).toMatch(/### server → client[\s\S]*\[`score\.updated`\]\(#msg-scoreUpdated\)[\s\S]*### client → server[\s\S]*\[`ping`\]\(#msg-ping\)/);
  });

  it('shows authority, polling, SLO, auth and channel access', () => {
    expect(md).toContain('**Authority — state.**');
    expect(md).toContain('`GET /api/rooms/{roomId}/scores`');
    expect(md).toContain('p95 ≤ 200 ms');
    expect(md).toMatch(/`jwt`: httpApiKey in query `token`/);
    expect(md).toContain('**Who may join:** rule `game-player` on `roomId`. Only &lt;players&gt;.');
  });
});

/** Text content of escaped HTML (the entities escHtml writes). */
function unescape(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('renderHtml', () => {
  const html = renderHtml(outline(hostileModel(), 'asyncapi/quiz.yaml'));
  const article = html.slice(html.indexOf('<article class="message" id="msg-scoreUpdated"'), html.indexOf('</article>', html.indexOf('id="msg-scoreUpdated"')));

  it('is self-contained and keeps hostile text as text', () => {
    expect(html.match(/<script/g)).toHaveLength(1); // our filter, nothing from the document
    expect(html).not.toMatch(/<img|<players>|<b>x/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toMatch(/^<!doctype html>\n<!-- generated from asyncapi\/quiz\.yaml by specwire docs — do not edit -->/);
    const prose = /<div class="prose">([\s\S]*?)<\/div>/.exec(article)![1]!;
    expect(unescape(prose)).toBe('Use a|b or <script>alert("x")</script> | pipes & ` ticks');
    const example = /<pre class="json"><code>([\s\S]*?)<\/code><\/pre>/.exec(article)![1]!;
    expect(JSON.parse(unescape(example))).toEqual({ type: 'score.updated', note: '</code></pre><b>x</b>' });
  });

  it('has a field row per flattened path and an index entry per message and direction', () => {
    const rows = [...article.matchAll(/<td class="path"[^>]*><code>([^<]*)<\/code>/g)].map((m) => m[1]);
    expect(rows).toEqual(['type', 'score', 'score.points', 'note']);
    const index = (dir: string) => {
      const list = new RegExp(`<ul class="index" data-direction="${dir}">([\\s\\S]*?)</ul>`).exec(html)![1]!;
      return [...list.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    };
    expect(index('server-to-client')).toEqual(['#msg-scoreUpdated', '#msg-pong']);
    expect(index('client-to-server')).toEqual(['#msg-ping']);
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const hrefs = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(5);
    for (const h of hrefs) expect(ids, h).toContain(h);
  });
});

describe('a third-party document without specwire extensions', () => {
  it.each(FIXTURE_FILES)('%s renders every message, with ids where there is no `type`', async (file) => {
    const loaded = await loadContract(file);
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
    const doc = outline(loaded.contract, 'fixture.yaml');
    const md = renderMarkdown(doc);
    const html = renderHtml(doc);
    for (const m of loaded.contract.messages) {
      expect(md).toContain(`<a id="${doc.messages.find((d) => d.id === m.id)!.anchor}"></a>`);
      expect(html, m.id).toContain(`<article class="message" id="${doc.messages.find((d) => d.id === m.id)!.anchor}" data-name="${m.type ?? m.id}">`);
    }
    expect(md).toContain('not declared (no `x-specwire-access`)');
    expect(md).not.toContain('## Latency SLO');
  });
});
