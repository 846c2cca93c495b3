/** Every lint rule, in report order. Adding a rule: one file in rules/, one line here, one test. */
import type { LintRule } from './rule.ts';
import { channelAccess } from './rules/channel-access.ts';
import { channelParametersDeclared } from './rules/channel-parameters-declared.ts';
import { channelStream } from './rules/channel-stream.ts';
import { contractPolling } from './rules/contract-polling.ts';
import { contractSlo } from './rules/contract-slo.ts';
import { eventAuthority } from './rules/event-authority.ts';
import { eventSeqTs } from './rules/event-seq-ts.ts';
import { exampleValid } from './rules/example-valid.ts';
import { messageDocumented } from './rules/message-documented.ts';
import { messageHasExample } from './rules/message-has-example.ts';
import { messageNameMatchesType } from './rules/message-name-matches-type.ts';
import { messageTypeConst } from './rules/message-type-const.ts';
import { messageTypeUnique } from './rules/message-type-unique.ts';
import { namingConvention } from './rules/naming-convention.ts';
import { securityDeclared } from './rules/security-declared.ts';
import { unusedComponent } from './rules/unused-component.ts';
import { versionSemver } from './rules/version-semver.ts';

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
  channelAccess,
  channelStream,
  messageNameMatchesType,
];
