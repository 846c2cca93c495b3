/**
 * The startup listing of `specwire mock`: each channel's URL (and an example URL when the document
 * gives parameter examples), what it accepts, replies, emits and how it reports errors, and a
 * ready-to-paste trigger command. Pure text from the plan.
 */
import type { MockServer } from './server.js';
import { credentialPlace, describeScheme } from '../../contract/ws-server.js';
import { isEmptySchema } from './examples.js';
import { labelOf, type MockChannel } from './plan.js';

function exampleUrl(base: string, channel: MockChannel): string | undefined {
  if (!channel.paramNames.length) return undefined;
  let path = channel.path;
  for (const name of channel.paramNames) {
    const p = channel.model.parameters.find((x) => x.name === name);
    const value = p?.examples?.[0] ?? p?.enum?.[0];
    if (value === undefined) return undefined;
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  }
  return `${base}${path}`;
}

function exampleParams(channel: MockChannel): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of channel.paramNames) {
    const p = channel.model.parameters.find((x) => x.name === name);
    params[name] = p?.examples?.[0] ?? p?.enum?.[0] ?? name;
  }
  return params;
}

export function describeMock(server: MockServer, source: string): string[] {
  const { plan } = server;
  const m = plan.model;
  const lines = [`specwire mock: ${m.title} ${m.version} (${source})`, `listening on ${server.httpUrl}`, ''];
  for (const c of plan.channels) {
    lines.push(`  ${server.url}${c.path}   (${c.channelIds.join(', ')})`);
    const eg = exampleUrl(server.url, c);
    if (eg) lines.push(`    e.g.     ${eg}`);
    const accepts = c.inbound.map((msg) => {
      const replies = c.replies.get(msg.id)?.filter((r) => r !== c.errorMessage);
      return replies?.length ? `${labelOf(msg)} → replies ${replies.map(labelOf).join(' | ')}` : labelOf(msg);
    });
    lines.push(`    accepts  ${accepts.length ? accepts.join('\n             ') : '(nothing: clients only listen here)'}`);
    const emits = c.events.map((e) => `${labelOf(e)}${e.examples.length ? '' : isEmptySchema(e) ? ' (empty schema: not emitted by --emit-every)' : ' (no example: a sample from its schema)'}`);
    lines.push(`    emits    ${emits.join(', ') || '(nothing)'}`);
    lines.push(`    errors   ${c.errorMessage ? `${labelOf(c.errorMessage)} (the document's own error message)` : '{"type":"error","error":{code,message,path}} (specwire mock, docs/mock.md)'}`);
    const guarded = c.security.filter((sc) => credentialPlace(sc));
    if (guarded.length) lines.push(`    auth     ${server.auth ? `${guarded.map(describeScheme).join(' or ')}: any value (HTTP 401 without)` : 'not enforced (--no-auth)'}`);
  }
  for (const s of plan.skipped) lines.push(`  (channel ${s.id} not served: ${s.reason})`);
  const sample = plan.channels.find((c) => c.events.length);
  if (sample) {
    const body = JSON.stringify({ message: labelOf(sample.events.find((e) => e.examples.length) ?? sample.events[0]!), ...(sample.paramNames.length ? { params: exampleParams(sample) } : {}) });
    lines.push('', 'send an event:', `  curl -X POST ${server.triggerUrl} -H 'content-type: application/json' -d '${body}'`);
  }
  const unseen = [...new Set(plan.channels.flatMap((c) => c.security.filter((sc) => !credentialPlace(sc)).map((sc) => sc.id)))];
  if (unseen.length) lines.push(`note: security (${unseen.join(', ')}) cannot travel on a WebSocket upgrade: not enforced.`);
  if (m.specwire) lines.push(`note: this is a specwire contract: \`specwire serve --contract ${m.id}\` implements it fully (auth, streams, seq).`);
  lines.push('Ctrl-C to stop.');
  return lines;
}
