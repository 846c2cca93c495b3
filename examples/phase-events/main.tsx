/**
 * The party game's screens in React on `specwire/react`'s `useStream`. Phase events are state and
 * drive the screens as they arrive; `phase.game_over` is a hint (`x-specwire-authority: hint`): its
 * frame carries no results, so the game-over screen shows the `result` the client refetched from
 * `GET /api/games/{gameId}/state` — and, until that arrives, says it is loading, never the frame.
 * The connection banner and the game screen each call `useStream`: one subscription serves both;
 * "Leave" unmounts them and the subscription ends.
 *
 * `?game=<gameId>&token=<jwt>` (+ optional `fallbackAfter=`, `pollMs=`, `backoffMs=`). Bundled with
 * esbuild (examples/phase-events/build.ts); what the page shows is mirrored on `window.game` for
 * the browser test.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, type EventMessage } from '../../client/index.js';
import { contract } from '../../generated/phase-events/client.js';
import type { GameResult, GameState } from '../../generated/phase-events/index.js';
import { useStream } from '../../react/index.js';

const query = new URLSearchParams(location.search);
const gameId = query.get('game') ?? undefined;
const num = (name: string) => (query.get(name) ? Number(query.get(name)) : undefined);

const client = createClient(contract, {
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`,
  httpUrl: location.origin,
  token: query.get('token') ?? undefined,
  fallbackAfter: num('fallbackAfter'),
  pollIntervalMs: num('pollMs'),
  backoff: num('backoffMs') ? { initialMs: num('backoffMs'), maxMs: num('backoffMs')! * 8, maxAttemptsPerMinute: 120 } : undefined,
});

/** Diagnostics for the browser test. */
const mirror = {
  connection: 'idle',
  screen: 'none',
  /** Every screen shown, in order (consecutive repeats once). */
  screens: [] as string[],
  snapshots: [] as { cause: string; seq: number; hint: string | undefined }[],
  errors: [] as string[],
  subscribed: () => (gameId ? client.isSubscribed(gameId) : false),
  clientState: () => client.state,
};
(globalThis as { game?: typeof mirror }).game = mirror;
client.on('snapshot', ({ cause, seq, hint }) => void mirror.snapshots.push({ cause, seq, hint: hint?.type }));
client.on('error', (error) => void mirror.errors.push(`${error.kind}: ${error.message}`));

/** A phase event applied to the game (the hint never comes here: the store keeps hints out of the events). */
function apply(state: GameState, event: EventMessage<typeof contract>): GameState {
  switch (event.type) {
    case 'phase.lie_started':
      return { ...state, status: 'lie', phase: event.phase, players: event.phase.players, result: null };
    case 'phase.guess_started':
      return { ...state, status: 'guess', phase: event.phase };
    case 'phase.scoreboard':
      return { ...state, status: 'scoreboard', phase: event.phase };
    case 'phase.game_over':
      return state;
  }
}

function Banner({ gameId }: { gameId: string }) {
  const { connection, error } = useStream(client, gameId);
  return (
    <p id="banner" data-state={connection}>
      {connection === 'open' ? 'Live' : connection === 'polling' ? 'Live updates unavailable: refreshing every few seconds' : connection === 'reconnecting' || connection === 'connecting' ? 'Reconnecting…' : connection}
      {error && connection !== 'open' ? ` (${error.kind})` : ''}
    </p>
  );
}

function Results({ result }: { result: GameResult }) {
  return (
    <>
      <h2>Game over</h2>
      <p id="reason">{result.reason === 'completed' ? `All ${result.roundsPlayed} rounds played` : result.reason === 'host_ended' ? 'The host ended the game' : 'Everybody left'}</p>
      <ol id="standings">
        {result.standings.map((s) => (
          <li key={s.playerId} data-rank={s.rank} data-player={s.playerId}>
            {s.name}: {s.score}
          </li>
        ))}
      </ol>
    </>
  );
}

function Game({ gameId }: { gameId: string }) {
  const game = useStream(client, gameId, { reduce: apply });
  const state = game.state;
  // The hint's own payload is never rendered as the outcome: only the refetched state is.
  const screen = game.pendingHint ? 'game-over-loading' : !state ? 'loading' : state.status === 'finished' && state.result ? 'game-over' : state.status;
  useEffect(() => {
    mirror.connection = game.connection;
    mirror.screen = screen;
    if (mirror.screens.at(-1) !== screen) mirror.screens.push(screen);
  }, [game.connection, screen]);
  return (
    <section id="screen" data-screen={screen} data-source={game.snapshot?.cause ?? 'none'} data-seq={game.seq ?? ''}>
      {screen === 'loading' ? <p>Loading the game…</p> : null}
      {screen === 'game-over-loading' ? <p>Game over — loading the results…</p> : null}
      {screen === 'lobby' ? <p>Waiting for the host to start.</p> : null}
      {state?.phase?.kind === 'lie' && screen === 'lie' ? (
        <p id="prompt">
          Round {state.phase.round}: write a lie for “{state.phase.prompt.text}”
        </p>
      ) : null}
      {state?.phase?.kind === 'guess' && screen === 'guess' ? (
        <ul id="options">
          {state.phase.options.map((o) => (
            <li key={o.optionId}>{o.text}</li>
          ))}
        </ul>
      ) : null}
      {state?.phase?.kind === 'scoreboard' && screen === 'scoreboard' ? (
        <ol id="scores">
          {state.phase.scores.map((s) => (
            <li key={s.playerId}>
              {s.name}: {s.score}
            </li>
          ))}
        </ol>
      ) : null}
      {screen === 'game-over' && state?.result ? <Results result={state.result} /> : null}
    </section>
  );
}

function App({ gameId }: { gameId: string }) {
  const [playing, setPlaying] = useState(true);
  if (!playing) return <p id="left">You left the game.</p>;
  return (
    <>
      <Banner gameId={gameId} />
      <Game gameId={gameId} />
      <button id="leave" onClick={() => setPlaying(false)}>
        Leave
      </button>
    </>
  );
}

createRoot(document.getElementById('app')!).render(gameId ? <App gameId={gameId} /> : <p>no ?game= in the URL</p>);
