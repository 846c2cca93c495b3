/**
 * Every lint rule, in report order. Adding a rule: one file in rules/, one line here, one test. Each
 * rule's `level` says what it is per profile (rule.ts): defects are errors for every document,
 * conventions are off for documents without `info.x-specwire`.
 */
import type { LintRule } from './rule.js';
import { channelAccess } from './rules/channel-access.js';
import { channelParametersDeclared } from './rules/channel-parameters-declared.js';
import { channelStream } from './rules/channel-stream.js';
import { correlationIdResolves } from './rules/correlation-id-resolves.js';
import { contractPolling } from './rules/contract-polling.js';
import { contractSlo } from './rules/contract-slo.js';
import { eventAuthority } from './rules/event-authority.js';
import { eventSeqTs } from './rules/event-seq-ts.js';
import { exampleValid } from './rules/example-valid.js';
import { hintStateEndpoint } from './rules/hint-state-endpoint.js';
import { messageDocumented } from './rules/message-documented.js';
import { messageHasExample } from './rules/message-has-example.js';
import { messageNameMatchesType } from './rules/message-name-matches-type.js';
import { messageTypeConst } from './rules/message-type-const.js';
import { messageTypeUnique } from './rules/message-type-unique.js';
import { namingConvention } from './rules/naming-convention.js';
import { replyAddressResolves } from './rules/reply-address-resolves.js';
import { replyCorrelationId } from './rules/reply-correlation-id.js';
import { replyInChannel } from './rules/reply-in-channel.js';
import { securityDeclared } from './rules/security-declared.js';
import { unusedComponent } from './rules/unused-component.js';
import { versionSemver } from './rules/version-semver.js';

export const LINT_RULES: readonly LintRule[] = [
  // real defects: errors for any AsyncAPI 3.x document
  exampleValid,
  channelParametersDeclared,
  replyInChannel,
  correlationIdResolves,
  replyAddressResolves,
  // good practice: warnings for any document (version-semver is an error with x-specwire: diff needs it)
  replyCorrelationId,
  messageHasExample,
  messageDocumented,
  unusedComponent,
  versionSemver,
  // specwire conventions: documents with info.x-specwire
  messageTypeConst,
  messageTypeUnique,
  securityDeclared,
  namingConvention,
  eventSeqTs,
  eventAuthority,
  contractSlo,
  contractPolling,
  hintStateEndpoint,
  channelAccess,
  channelStream,
  messageNameMatchesType,
];
