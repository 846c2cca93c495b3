/**
 * HTML reporter: one self-contained file (inline CSS, no script, no external resource, not even the
 * browser's favicon request) with, per scenario, its failures and the timeline of frames each client
 * sent and received, one column per client. Rendered statically so the report opens anywhere,
 * including from a CI artifact viewer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TimelineEntry } from '../connection.js';
import type { RunResult, ScenarioResult } from '../result.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { describeTarget, formatDerivedFrom } from './console.js';
import { formatPlacement } from '../instances.js';

export const HTML_REPORT_FILE = 'specwire-report.html';

/** Timeline rows shown per scenario; longer timelines are cut (the JSON report has them all). */
const MAX_ROWS = 400;
/** Clients shown side by side; more are listed in one column. */
const MAX_COLUMNS = 6;

export function htmlReporter(options: ReporterOptions): Reporter {
  return {
    id: 'html',
    onRunEnd(run) {
      mkdirSync(options.outDir, { recursive: true });
      const file = join(options.outDir, HTML_REPORT_FILE);
      writeFileSync(file, toHtml(run));
      return [file];
    },
  };
}

export function toHtml(run: RunResult): string {
  const scenarios = run.scenarios.map((s, i) => scenarioSection(s, i)).join('\n');
  const status = run.failed ? 'failed' : 'passed';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>specwire conformance: ${run.passed} passed, ${run.failed} failed</title>
<link rel="icon" href="data:,">
<style>${CSS}</style></head>
<body>
<header class="${status}"><h1>specwire conformance</h1>
<p id="summary">${run.scenarios.length} scenarios: <b>${run.passed} passed</b>, <b>${run.failed} failed</b>${run.skipped ? `, ${run.skipped} skipped` : ''} in ${(run.durationMs / 1000).toFixed(1)} s against ${esc(describeTarget(run))} — ${esc(run.startedAt)}</p></header>
<main>
${scenarios}
</main></body></html>
`;
}

function scenarioSection(s: ScenarioResult, index: number): string {
  const file = relative(process.cwd(), s.file) || s.file;
  const failures = s.failures.length
    ? `<ul class="failures">${s.failures
        .map(
          (f) => `<li><b class="check">${esc(f.check)}</b> ${esc(f.message)}<br><small>${f.step ? `step #${f.step.index + 1} ${esc(f.step.kind)} at ${esc(file)}:${f.step.line}:${f.step.column}` : s.derivedFrom ? `derived from ${esc(formatDerivedFrom(s.derivedFrom))}` : 'before the first step'}${f.client ? ` · client ${esc(f.client)}` : ''}${f.instancePath || f.schemaPath ? ` · schema ${esc(f.instancePath ?? '')} ${esc(f.schemaPath ?? '')}` : ''}</small>${f.frame ? `<pre>${esc(f.frame)}</pre>` : ''}</li>`,
        )
        .join('')}${s.suppressed ? `<li>… ${s.suppressed} more</li>` : ''}</ul>`
    : '';
  return `<details class="scenario ${s.status}" id="s${index}"${s.status === 'failed' ? ' open' : ''}>
<summary><span class="mark">${s.status === 'passed' ? '✓' : s.status === 'failed' ? '✗' : '–'}</span> <span class="contract">${esc(s.contract)}</span> › ${esc(s.name)} <small>${s.durationMs} ms · ${esc(s.tags.join(', '))} · ${esc(file)}${s.instances ? ` · <span class="instances">${esc(formatPlacement(s.instances))}</span>` : ''}</small></summary>
${failures}
${timeline(s.timeline)}
</details>`;
}

function timeline(entries: TimelineEntry[]): string {
  if (!entries.length) return '<p class="empty">no frames</p>';
  const clients = [...new Set(entries.map((e) => e.client))];
  // A column per client reads well up to a handful; a fan-out group gets one column with names.
  const columns = clients.length <= MAX_COLUMNS;
  const cell = (e: TimelineEntry) =>
    `<td class="${e.dir}"><span class="dir">${e.dir === 'sent' ? '→' : e.dir === 'received' ? '←' : '·'}</span> ${columns ? '' : `<b>${esc(e.client)}</b> `}<code>${esc(e.text)}</code></td>`;
  const rows = entries.slice(0, MAX_ROWS).map((e) => {
    const cells = columns ? clients.map((c) => (c === e.client ? cell(e) : '<td></td>')) : [cell(e)];
    return `<tr><th>${e.t}</th>${cells.join('')}</tr>`;
  });
  const heads = columns ? clients.map((c) => `<th>${esc(c)}</th>`).join('') : `<th>${clients.length} clients</th>`;
  const more = entries.length > MAX_ROWS ? `<p class="empty">${entries.length - MAX_ROWS} more entries in the JSON report</p>` : '';
  return `<table class="timeline"><thead><tr><th>ms</th>${heads}</tr></thead><tbody>${rows.join('')}</tbody></table>${more}`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
header{padding:12px 20px;color:#fff}header.passed{background:#1a7f37}header.failed{background:#cf222e}
h1{margin:0;font-size:20px}main{padding:12px 20px}
details.scenario{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:6px 10px}
details.failed{border-color:#cf222e}summary{cursor:pointer}summary small{color:#57606a}
.mark{font-weight:bold}.passed .mark{color:#1a7f37}.failed .mark{color:#cf222e}.contract{color:#57606a}
ul.failures{margin:8px 0;padding-left:18px}.check{color:#cf222e}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:4px 6px;margin:4px 0;max-height:12em;overflow:auto}
table.timeline{border-collapse:collapse;width:100%;margin:8px 0;table-layout:fixed}
.timeline th,.timeline td{border-bottom:1px solid #eaeef2;padding:2px 6px;vertical-align:top;text-align:left}
.timeline thead th{background:#f6f8fa}.timeline th:first-child{width:4em}.timeline tbody th{color:#57606a;font-weight:normal}
.timeline code{font-size:12px;word-break:break-all}.sent .dir{color:#0969da}.received .dir{color:#1a7f37}.note{color:#57606a}
.empty{color:#57606a}`;
