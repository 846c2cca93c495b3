import { describe, expect, it } from 'vitest';
import { securityDeclared } from '../../../../contract/lint/rules/security-declared.js';
import { contract, operation } from '../../../support/contract-model.js';

const JWT = [{ scheme: 'jwt', scopes: [] }];
const server = (id: string, security = JWT) => ({ id, host: `${id}.example.com`, protocol: 'wss', security });

describe('security-declared', () => {
  it('is quiet when every server declares security', () => {
    expect(securityDeclared.check(contract())).toEqual([]);
  });

  it('is quiet when security is on every operation only (servers without it, or no servers)', () => {
    const operations = [operation('a', { security: JWT }), operation('b', { security: JWT })];
    expect(securityDeclared.check(contract({ servers: [server('production', [])], operations }))).toEqual([]);
    expect(securityDeclared.check(contract({ servers: [], operations }))).toEqual([]);
  });

  it('does not need the schemes to be declared in the document itself (they may live in a shared file)', () => {
    expect(securityDeclared.check(contract({ securitySchemes: [], components: {} }))).toEqual([]);
  });

  it('fires once when nothing declares security', () => {
    expect(securityDeclared.check(contract({ servers: [server('production', [])], securitySchemes: [] }))).toEqual([
      { path: ['servers'], message: 'no server and no operation declares security (schemes go under components.securitySchemes)' },
    ]);
    expect(securityDeclared.check(contract({ servers: [] })).map((f) => f.path)).toEqual([['info']]);
  });

  it('names each server without security when others have it', () => {
    expect(securityDeclared.check(contract({ servers: [server('production'), server('staging', [])] }))).toEqual([
      { path: ['servers', 'staging'], message: 'server "staging" declares no security' },
    ]);
  });

  it('names each operation without security when there are no servers and some operations have it', () => {
    const operations = [operation('a', { security: JWT }), operation('b')];
    expect(securityDeclared.check(contract({ servers: [], operations }))).toEqual([
      { path: ['operations', 'b'], message: 'operation "b" declares no security, and there is no server to declare it' },
    ]);
  });
});
