/** Without faults every seam of server/core/fault-injection.ts is the identity: production paths are untouched. */
import { describe, expect, it } from 'vitest';
import { accessSkipped, authWithFaults, backplaneWithFaults, closeCodeWithFaults, limitsWithFaults, negotiationWithFaults, outboundFilter, projectionWithFaults } from '../../../server/core/fault-injection.js';
import { FAULTS, type FaultName, isFaultName, NO_FAULTS } from '../../../server/core/faults.js';
import { InMemoryBackplane } from '../../../server/index.js';
import { eventLogProjection } from '../../../server/contracts/event-log.js';

const limits = { maxPayloadBytes: 65536, messagesPerSecond: 20, messagesPerSecondBeforeClose: 40, connectionsPerIp: 50, replayBuffer: 500, badFramesBeforeClose: 10, sendBufferBytes: 16 * 1024 * 1024, throttle: { types: ['media:update'], windowMs: 1000 } };
const faults = (...names: FaultName[]) => new Set(names);

describe('fault injection', () => {
  it('is the identity without faults', async () => {
    const backplane = new InMemoryBackplane();
    expect(backplaneWithFaults(NO_FAULTS, backplane)).toBe(backplane);
    expect(limitsWithFaults(NO_FAULTS, limits)).toBe(limits);
    expect(projectionWithFaults(NO_FAULTS, eventLogProjection)).toBe(eventLogProjection);
    expect(outboundFilter(NO_FAULTS, { eventMessage: () => undefined })).toBeUndefined();
    expect(closeCodeWithFaults(NO_FAULTS, 4429)).toBe(4429);
    expect(['upgrade', 'subscribe', 'poll'].map((w) => accessSkipped(NO_FAULTS, w as 'poll'))).toEqual([false, false, false]);
    const refused = { ok: false as const, reason: 'no token' };
    expect(await authWithFaults(NO_FAULTS, refused, undefined, new Uint8Array(8), 'taskforge', 'specwire')).toBe(refused);
    const refusal = { ok: false as const, reason: 'v99' };
    expect(negotiationWithFaults(NO_FAULTS, refusal, [1])).toBe(refusal);
  });

  it('each fault changes only what it names', async () => {
    const { throttle: _throttle, ...unthrottled } = limits;
    expect(limitsWithFaults(faults('throttle-missing'), limits)).toEqual(unthrottled);
    expect(limitsWithFaults(faults('malformed-closes-early'), limits)).toEqual({ ...limits, badFramesBeforeClose: 1 });
    expect(limitsWithFaults(faults('rate-limit-closes-early'), limits)).toEqual({ ...limits, messagesPerSecondBeforeClose: 20 });
    expect(closeCodeWithFaults(faults('wrong-close-code'), 4429)).toBe(1008);
    expect(closeCodeWithFaults(faults('wrong-close-code'), 1000)).toBe(1000);
    expect(negotiationWithFaults(faults('version-negotiation-ignored'), { ok: false, reason: 'v99', protocol: 'taskforge.v99' }, [1])).toEqual({ ok: true, major: 1, protocol: 'taskforge.v99' });
    const anyone = await authWithFaults(faults('auth-skipped'), { ok: false, reason: 'no token' }, undefined, new Uint8Array(8), 'taskforge', 'specwire');
    expect(anyone.ok).toBe(true);
  });

  it('hint-state-missing leaves hint events out of the state, and only them', () => {
    const log: string[] = [];
    const projection = { initial: () => log, apply: (state: string[], frame: Record<string, unknown>) => void state.push(String(frame.type)) };
    const broken = projectionWithFaults(faults('hint-state-missing'), projection, new Set(['phase.game_over']));
    const state = broken.initial('g');
    for (const type of ['phase.lie_started', 'phase.game_over', 'phase.scoreboard']) broken.apply(state, { type });
    expect(state).toEqual(['phase.lie_started', 'phase.scoreboard']);
  });

  it('order faults act on the 2nd event of a connection, control frames pass', () => {
    const event = { id: 'activity', payload: { required: ['type', 'teamId', 'seq', 'ts'] } } as never;
    const written = (name: FaultName) => {
      const out: unknown[] = [];
      const filter = outboundFilter(faults(name), { eventMessage: (type) => (type === 'activity' ? event : undefined) })!;
      filter({ type: 'subscribed', seq: 0 }, (f) => out.push(f));
      for (let seq = 1; seq <= 4; seq++) filter({ type: 'activity', seq }, (f) => out.push(f));
      return out.map((f) => (typeof f === 'string' ? f : (f as { seq: number }).seq));
    };
    expect(written('event-dropped')).toEqual([0, 1, 3, 4]);
    expect(written('event-duplicated')).toEqual([0, 1, 2, 2, 3, 4]);
    expect(written('events-swapped')).toEqual([0, 1, 3, 2, 4]);
  });

  it('names are checked', () => {
    expect(isFaultName('seq-gap')).toBe(true);
    expect(isFaultName('toString')).toBe(false);
    expect(Object.values(FAULTS).every((d) => d.length > 10)).toBe(true);
  });
});
