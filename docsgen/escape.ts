/**
 * Escaping for the docs renderers. Contract text is author-written and may hold `<`, `|`, `&` and
 * backticks; nothing from a document may become markup in a rendered page.
 *
 * Descriptions are Markdown-flavoured prose: code spans (`like this`) are kept as code in both
 * outputs, everything else is text.
 */

/** Text for HTML element content and attribute values. */
export function escHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Splits prose into text and code spans (CommonMark: a run of N backticks closes with N backticks). */
export function splitCodeSpans(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  const span = /(`+)([\s\S]*?[^`])\1(?!`)/g;
  let last = 0;
  for (let m = span.exec(text); m; m = span.exec(text)) {
    if (m.index > last) parts.push({ code: false, text: text.slice(last, m.index) });
    parts.push({ code: true, text: m[2]!.replace(/^ (.*) $/s, '$1') });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}

/** Prose → HTML: escaped, code spans as `<code>`, blank lines as paragraph breaks, other line breaks kept. */
export function proseHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((para) => `<p>${splitCodeSpans(para).map((p) => (p.code ? `<code>${escHtml(p.text)}</code>` : escHtml(p.text).replace(/\n/g, '<br>'))).join('')}</p>`)
    .join('\n');
}

/** Markdown characters that could start markup inside running text (HTML, links, emphasis are kept literal). */
function escMdText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Prose → Markdown: author formatting (emphasis, lists, tables) survives, raw HTML does not. */
export function proseMd(text: string): string {
  return splitCodeSpans(text.trim())
    .map((p) => (p.code ? mdCode(p.text) : escMdText(p.text)))
    .join('');
}

/**
 * Text for one cell of a Markdown table: one line, `|` escaped (also inside code spans, which GFM
 * requires), HTML escaped outside code spans.
 */
export function mdCell(text: string): string {
  const oneLine = text.trim().replace(/\s*\n\s*/g, ' ');
  return splitCodeSpans(oneLine)
    .map((p) => (p.code ? mdCode(p.text) : escMdText(p.text).replace(/\*/g, '\\*').replace(/_/g, '\\_')))
    .join('')
    .replace(/\|/g, '\\|');
}

/** An inline code span that holds any text: the fence is one backtick longer than the longest run inside. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block whose fence no line of `body` can close. */
export function mdFence(body: string, info = ''): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * A stable HTML id / Markdown anchor from any text: letters, digits, `-` and `_`, prefixed so it
 * never starts with a digit. Callers make it unique.
 */
export function slug(prefix: string, text: string): string {
  return `${prefix}-${text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x'}`;
}
