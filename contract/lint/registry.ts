/** Every lint rule, in report order. Adding a rule: one file in rules/, one line here, one test. */
import type { LintRule } from './rule.js';
import { channelAccess } from './rules/channel-access.js';
import { channelParametersDeclared } from './rules/channel-parameters-declared.js';
import { channelStream } from './rules/channel-stream.js';
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
import { securityDeclared } from './rules/security-declared.js';
import { unusedComponent } from './rules/unused-component.js';
import { versionSemver } from './rules/version-semver.js';

export const LINT_RULES: readonly LintRule[] = [
  // generic: any AsyncAPI 3.0 document
  messageTypeConst,
  messageTypeUnique,
  exampleValid,
  messageHasExample,
  messageDocumented,
  securityDeclared,
  channelParametersDeclared,
  unusedComponent,
  namingConvention,
  versionSemver,
  // specwire conventions: documents with info.x-specwire
  eventSeqTs,
  eventAuthority,
  contractSlo,
  contractPolling,
  hintStateEndpoint,
  channelAccess,
  channelStream,
  messageNameMatchesType,
];
