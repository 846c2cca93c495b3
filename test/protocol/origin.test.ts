import { describe, expect, it } from 'vitest';
import { originAllowed, originOf, originProblem } from '../../protocol/origin.js';

describe('originAllowed', () => {
  const allowed = ['https://party.example.com'];

  it('allows anything when the contract restricts nothing, and a handshake without Origin (not a browser)', () => {
    expect(originAllowed('https://attacker.example', 'h:1', undefined)).toBe(true);
    expect(originAllowed(undefined, 'h:1', allowed)).toBe(true);
    expect(originAllowed('https://attacker.example', 'h:1', ['*'])).toBe(true);
  });

  it("allows the server's own origin (host and port of Host, any scheme) and the listed ones", () => {
    expect(originAllowed('http://127.0.0.1:8000', '127.0.0.1:8000', allowed)).toBe(true);
    expect(originAllowed('https://127.0.0.1:8000', '127.0.0.1:8000', allowed)).toBe(true);
    expect(originAllowed('https://Party.Example.com', 'api.internal:9000', allowed)).toBe(true);
    expect(originAllowed('https://party.example.com:443', 'api.internal:9000', allowed)).toBe(true);
  });

  it('refuses other hosts, other ports, other schemes of a listed origin, null and garbage', () => {
    expect(originAllowed('https://attacker.example', '127.0.0.1:8000', allowed)).toBe(false);
    expect(originAllowed('http://127.0.0.1:8001', '127.0.0.1:8000', allowed)).toBe(false);
    expect(originAllowed('http://party.example.com', 'api.internal:9000', allowed)).toBe(false);
    expect(originAllowed('https://party.example.com.attacker.example', 'api.internal:9000', allowed)).toBe(false);
    expect(originAllowed('null', '127.0.0.1:8000', allowed)).toBe(false);
    expect(originAllowed('not an origin', '127.0.0.1:8000', allowed)).toBe(false);
  });
});

describe('originOf and originProblem', () => {
  it('map socket URLs to page origins and explain non-origins', () => {
    expect(originOf('wss://party.example.com/ws/game/1/')).toBe('https://party.example.com');
    expect(originProblem('https://party.example.com')).toBeUndefined();
    expect(originProblem('https://party.example.com/x')).toMatch(/not an origin/);
  });
});
