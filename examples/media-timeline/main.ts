/**
 * A live media timeline in the browser on specwire's typed client: native WebSocket, falls back to
 * the native EventSource (Server-Sent Events), then to polling the timeline endpoint, and climbs
 * back; resyncs from its snapshot. Configured by the page's query string:
 * `?event=<eventId>&token=<jwt>` (+ optional `ws=`, `fallbackAfter=`, `pollMs=`, `upgradeMs=`).
 * Bundled with esbuild (examples/media-timeline/build.ts); state is mirrored on `window.timeline`
 * for the browser test.
 */
import { createClient } from '../../client/index.js';
import { contract } from '../../generated/media-timeline/client.js';
import type { Media } from '../../generated/media-timeline/index.js';

const query = new URLSearchParams(location.search);
const eventId = query.get('event') ?? '';
const num = (name: string) => (query.get(name) ? Number(query.get(name)) : undefined);

const items = new Map<string, Media>();
const view = {
  state: 'idle',
  /** websocket, sse or polling */
  transport: '' as string,
  status: '',
  /** seqs of the events applied, in order */
  seqs: [] as number[],
  resyncs: [] as string[],
  snapshots: 0,
  errors: [] as string[],
  ids: () => [...items.keys()],
  captions: () => [...items.values()].map((m) => m.caption),
};
(globalThis as { timeline?: typeof view }).timeline = view;

const $ = (id: string) => document.getElementById(id)!;
function log(text: string): void {
  const li = document.createElement('li');
  li.textContent = `${new Date().toISOString().slice(11, 23)} ${text}`;
  $('log').prepend(li);
}
function render(): void {
  const list = $('timeline');
  list.replaceChildren(
    ...[...items.values()].reverse().map((m) => {
      const li = document.createElement('li');
      li.dataset.id = m.id;
      li.textContent = `${m.kind}: ${m.caption ?? ''} — ${m.author.displayName}`;
      return li;
    }),
  );
  $('status').textContent = view.status || '—';
  $('seq').textContent = String(client.position(eventId) ?? '—');
}

const client = createClient(contract, {
  url: query.get('ws') ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`,
  httpUrl: location.origin,
  token: query.get('token') ?? undefined,
  fallbackAfter: num('fallbackAfter'),
  pollIntervalMs: num('pollMs'),
  upgradeProbeMs: num('upgradeMs'),
  backoff: num('backoffMs') ? { initialMs: num('backoffMs'), maxMs: num('backoffMs')! * 8, maxAttemptsPerMinute: 120 } : undefined,
});

client.on('state', ({ state, reason }) => {
  view.state = state;
  view.transport = client.transport ?? '';
  const el = $('state');
  el.dataset.state = state;
  el.dataset.transport = view.transport;
  el.textContent = view.transport && state === 'open' ? `${state} (${view.transport})` : state;
  log(`state ${state}${view.transport ? ` over ${view.transport}` : ''}${reason ? ` (${reason})` : ''}`);
});
client.on('media:new', (message, { seq }) => {
  items.set(message.payload.id, message.payload);
  view.seqs.push(seq);
  render();
});
client.on('media:update', (message, { seq }) => {
  for (const item of message.payload.items) if (items.has(item.id)) items.set(item.id, item);
  view.seqs.push(seq);
  render();
});
client.on('media:delete', (message, { seq }) => {
  items.delete(message.payload.id);
  view.seqs.push(seq);
  render();
});
client.on('event:status', (message, { seq }) => {
  view.status = message.payload.status;
  view.seqs.push(seq);
  render();
});
// Polling and resyncs hand over the whole timeline: replace local state with it.
client.on('snapshot', ({ seq, state }) => {
  items.clear();
  for (const m of [...(state.items as Media[])].reverse()) items.set(m.id, m);
  view.status = String(state.status);
  view.snapshots++;
  log(`snapshot at seq ${seq}`);
  render();
});
client.on('resync', ({ reason, via }) => {
  view.resyncs.push(reason);
  log(`resync (${reason}) via ${via}`);
});
client.on('error', (error) => {
  view.errors.push(`${error.kind}: ${error.message}`);
  log(`error ${error.kind}: ${error.message}`);
});

if (eventId) client.subscribe(eventId);
else log('no ?event= in the URL');
