import { describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { mintToken } from '../../protocol/claims.js';

const secret = 'unit-secret';
const key = new TextEncoder().encode(secret);
const user = { sub: 'u-1', teams: ['team-a'] };

describe('mintToken', () => {
  it('mints a verifiable HS256 token with aud = contract, iss = specwire', async () => {
    const token = (await mintToken(user, { secret, contract: 'taskforge' }))!;
    const { payload } = await jwtVerify(token, key, { audience: 'taskforge', issuer: 'specwire' });
    expect(payload).toMatchObject({ sub: 'u-1', teams: ['team-a'] });
  });

  it('spoils tokens the way the auth suites need', async () => {
    const opts = { secret, contract: 'taskforge' };
    expect(await mintToken(user, { ...opts, variant: 'none' })).toBeUndefined();
    expect(await mintToken(user, { ...opts, variant: 'malformed' })).toBe('not-a-jwt');
    await expect(jwtVerify((await mintToken(user, { ...opts, variant: 'wrong-signature' }))!, key)).rejects.toThrow(/signature/);
    await expect(jwtVerify((await mintToken(user, { ...opts, variant: 'expired' }))!, key)).rejects.toThrow(/exp/);
    await expect(jwtVerify((await mintToken(user, { ...opts, variant: 'wrong-audience' }))!, key, { audience: 'taskforge' })).rejects.toThrow(/aud/);
    const unsigned = (await mintToken(user, { ...opts, variant: 'alg-none' }))!;
    expect(decodeProtectedHeader(unsigned).alg).toBe('none');
    expect(decodeJwt(unsigned).sub).toBe('u-1');
    await expect(jwtVerify(unsigned, key)).rejects.toThrow();
  });
});
