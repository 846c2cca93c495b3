/** Every derived check (`specwire test --derive`), in the order a derived suite runs them. */
import { authRequired } from './auth-required.js';
import { badFrameAnswer } from './bad-frame-answer.js';
import { badFrameSurvived } from './bad-frame-survived.js';
import type { DerivedCheck } from './check.js';
import { connectAccepted } from './connect-accepted.js';
import { correlationId } from './correlation-id.js';
import { replyMessage } from './reply-message.js';
import { validInputKept } from './valid-input-kept.js';

export const DERIVED_CHECKS: readonly DerivedCheck<never>[] = [authRequired, connectAccepted, replyMessage, correlationId, badFrameAnswer, badFrameSurvived, validInputKept] as readonly DerivedCheck<never>[];
