import type { DerivedCheck } from './check.js';

/** Close codes that mean the server broke rather than refused: abnormal closure and internal error. */
export const CRASH_CODES: readonly number[] = [1006, 1011];

/**
 * Bad frames do not crash the server: the offending connection is open or closed deliberately (a
 * close frame, not 1006/1011), another connection opened before still gets answers, and a new
 * connection is still accepted.
 */
export const badFrameSurvived: DerivedCheck<{ offenderClose?: number; bystander: 'alive' | 'closed' | 'silent'; bystanderDetail?: string; fresh: boolean; sent: string }> = {
  id: 'bad-frame-survived',
  description: 'After bad frames the server carries on: no 1006/1011 on that connection, another connection still answered, a new one accepted',
  judge({ offenderClose, bystander, bystanderDetail, fresh, sent }) {
    if (offenderClose !== undefined && CRASH_CODES.includes(offenderClose)) return { message: `after ${sent}, the connection ended with ${offenderClose} (${offenderClose === 1011 ? 'internal error' : 'no close frame'}): the server broke instead of refusing the frame` };
    if (bystander !== 'alive') return { message: `after ${sent} on one connection, another connection ${bystander === 'closed' ? 'was closed' : 'got no answer'}${bystanderDetail ? ` (${bystanderDetail})` : ''}` };
    if (!fresh) return { message: `after ${sent}, a new connection is not accepted` };
    return undefined;
  },
};
