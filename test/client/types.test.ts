/** The handler of each event type gets the generated frame type; unknown types do not compile. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, type HintTypeOf } from '../../client/index.js';
import { contract as phaseEvents } from '../../generated/phase-events/client.js';
import type { GameState, PhaseGameOverMessage } from '../../generated/phase-events/index.js';
import { contract as mediaTimeline } from '../../generated/media-timeline/client.js';
import type { MediaNewMessage, MediaUpdateMessage, Timeline } from '../../generated/media-timeline/index.js';
import { contract as taskforge } from '../../generated/taskforge/client.js';
import type { ActivityMessage } from '../../generated/taskforge/index.js';

describe('typed handlers', () => {
  it('narrow to the generated payload types', () => {
    const timeline = createClient(mediaTimeline, { url: 'ws://127.0.0.1:1' });
    timeline.on('media:new', (m, meta) => {
      expectTypeOf(m).toEqualTypeOf<MediaNewMessage>();
      expectTypeOf(meta.seq).toBeNumber();
    });
    timeline.on('media:update', (m) => expectTypeOf(m).toEqualTypeOf<MediaUpdateMessage>());
    // @ts-expect-error not an event of media-timeline
    timeline.on('media:nope', () => undefined);
    // @ts-expect-error control frames are not app events
    timeline.on('pong', () => undefined);
    const tasks = createClient(taskforge, { url: 'ws://127.0.0.1:1' });
    tasks.on('activity', (m) => expectTypeOf(m).toEqualTypeOf<ActivityMessage>());
    expect(timeline.state).toBe('idle'); // nothing connects before subscribe
    timeline.close();
    tasks.close();
    expect(tasks.state).toBe('closed');
  });

  it('a snapshot carries the contract’s state type and the hint that caused it', () => {
    const game = createClient(phaseEvents, { url: 'ws://127.0.0.1:1' });
    game.on('snapshot', (info) => {
      expectTypeOf(info.state).toEqualTypeOf<GameState>();
      expectTypeOf(info.hint).toEqualTypeOf<PhaseGameOverMessage | undefined>();
      expectTypeOf(info.cause).toEqualTypeOf<'poll' | 'resync' | 'hint' | 'refresh'>();
    });
    expectTypeOf<HintTypeOf<typeof phaseEvents>>().toEqualTypeOf<'phase.game_over'>();
    expectTypeOf<HintTypeOf<typeof taskforge>>().toBeNever();
    expectTypeOf(game.refresh).returns.toEqualTypeOf<Promise<boolean>>();
    const timeline = createClient(mediaTimeline, { url: 'ws://127.0.0.1:1' });
    timeline.on('snapshot', (info) => expectTypeOf(info.state).toEqualTypeOf<Timeline>());
    game.close();
    timeline.close();
  });

  it('bad options are a clear error', () => {
    expect(() => createClient(taskforge, { url: 'http://example.com' })).toThrow(/ws:\/\/ or wss:\/\//);
  });
});
