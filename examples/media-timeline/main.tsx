/**
 * A live media timeline in React on `specwire/react`'s `useStream`: the hook loads the timeline
 * (a snapshot of the event's polling endpoint), folds the live events after it into the list, and
 * follows the client through reconnects, resyncs and the fallback to polling. Configured by the
 * page's query string: `?event=<eventId>&token=<jwt>` (+ optional `ws=`, `fallbackAfter=`,
 * `pollMs=`, `backoffMs=`). Bundled with esbuild (examples/media-timeline/build.ts). What the page
 * shows is mirrored on `window.timeline` for the browser test.
 */
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, type EventMessage } from '../../client/index.js';
import { contract } from '../../generated/media-timeline/client.js';
import type { Media, Timeline as TimelineState } from '../../generated/media-timeline/index.js';
import { useStream } from '../../react/index.js';

const query = new URLSearchParams(location.search);
const eventId = query.get('event') ?? undefined;
const num = (name: string) => (query.get(name) ? Number(query.get(name)) : undefined);

const client = createClient(contract, {
  url: query.get('ws') ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`,
  httpUrl: location.origin,
  token: query.get('token') ?? undefined,
  fallbackAfter: num('fallbackAfter'),
  pollIntervalMs: num('pollMs'),
  backoff: num('backoffMs') ? { initialMs: num('backoffMs'), maxMs: num('backoffMs')! * 8, maxAttemptsPerMinute: 120 } : undefined,
});

/** Diagnostics for the browser test: what the client delivered, besides what the page renders. */
const mirror = {
  state: 'idle',
  /** seqs of the events delivered, in order */
  seqs: [] as number[],
  resyncs: [] as string[],
  snapshots: 0,
  errors: [] as string[],
  /** ids shown, oldest first */
  ids: () => [] as string[],
};
(globalThis as { timeline?: typeof mirror }).timeline = mirror;
for (const type of contract.events) client.on(type, (_message: unknown, meta: { seq: number }) => void mirror.seqs.push(meta.seq));
client.on('snapshot', () => void mirror.snapshots++);
client.on('resync', ({ reason }) => void mirror.resyncs.push(reason));
client.on('error', (error) => void mirror.errors.push(`${error.kind}: ${error.message}`));

/** One live event applied to the timeline (newest item first, as the endpoint lists them). */
function apply(state: TimelineState, event: EventMessage<typeof contract>): TimelineState {
  switch (event.type) {
    case 'media:new':
      return { ...state, items: [event.payload, ...state.items.filter((m) => m.id !== event.payload.id)] };
    case 'media:update': {
      const changed = new Map(event.payload.items.map((m) => [m.id, m]));
      return { ...state, items: state.items.map((m) => changed.get(m.id) ?? m) };
    }
    case 'media:delete':
      return { ...state, items: state.items.filter((m) => m.id !== event.payload.id) };
    case 'event:status':
      return { ...state, status: event.payload.status };
  }
}

function Item({ media }: { media: Media }) {
  return (
    <li data-id={media.id}>
      {media.kind}: {media.caption ?? ''} — {media.author.displayName}
    </li>
  );
}

function Timeline({ eventId }: { eventId: string }) {
  const timeline = useStream(client, eventId, { reduce: apply });
  const items = timeline.state?.items ?? [];
  useEffect(() => {
    mirror.state = timeline.connection;
    mirror.ids = () => items.map((m) => m.id).reverse();
  }, [timeline.connection, items]);
  return (
    <>
      <p>
        Connection: <span id="state" data-state={timeline.connection}>{timeline.connection}</span> · status: <span id="status">{timeline.state?.status ?? '—'}</span> · seq{' '}
        <span id="seq">{timeline.seq ?? '—'}</span>
      </p>
      {timeline.error ? <p id="error">{`${timeline.error.kind}: ${timeline.error.message}`}</p> : null}
      <ol id="timeline">
        {items.map((m) => (
          <Item key={m.id} media={m} />
        ))}
      </ol>
    </>
  );
}

const root = createRoot(document.getElementById('app')!);
root.render(eventId ? <Timeline eventId={eventId} /> : <p>no ?event= in the URL</p>);
