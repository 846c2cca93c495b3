import { describe, expect, it } from 'vitest';
import { unusedComponent } from '../../../../contract/lint/rules/unused-component.js';
import { MODEL_FILE, contract } from '../../../support/contract-model.js';

describe('unused-component', () => {
  it('is quiet when every component is a $ref target', () => {
    expect(unusedComponent.check(contract())).toEqual([]);
  });

  it('counts a ref into a component (a property of a schema) as a use', () => {
    const c = contract({ components: { schemas: ['Score'] }, references: new Set([`${MODEL_FILE}#/components/schemas/Score/properties/value`]) });
    expect(unusedComponent.check(c)).toEqual([]);
  });

  it('matches names that need JSON pointer escaping (~1 for /, ~0 for ~)', () => {
    const c = contract({ components: { messages: ['score/updated', 'a~b'] }, references: new Set([`${MODEL_FILE}#/components/messages/score~1updated`, `${MODEL_FILE}#/components/messages/a~0b`]) });
    expect(unusedComponent.check(c)).toEqual([]);
  });

  it('warns about a component nothing references, at the component', () => {
    const c = contract({ components: { securitySchemes: ['jwt'], schemas: ['Score', 'ScoreBoard'] }, references: new Set([`${MODEL_FILE}#/components/securitySchemes/jwt`, `${MODEL_FILE}#/components/schemas/ScoreBoard`]) });
    expect(unusedComponent.check(c)).toEqual([{ path: ['components', 'schemas', 'Score'], message: 'components.schemas.Score is never referenced' }]);
  });

  it('does not take a ref to a same-named component of another file, or to a longer name, as a use', () => {
    const c = contract({
      components: { schemas: ['Score'] },
      references: new Set(['/virtual/common.yaml#/components/schemas/Score', `${MODEL_FILE}#/components/schemas/ScoreBoard`]),
    });
    expect(unusedComponent.check(c).map((f) => f.path)).toEqual([['components', 'schemas', 'Score']]);
  });
});
