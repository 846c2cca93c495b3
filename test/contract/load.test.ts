import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, utimesSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContract } from '../../contract/load.js';
import { lintFiles } from '../../contract/lint/lint.js';
import { tempFiles } from '../support/temp-files.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/lint');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

/** clean-generic.yaml plus an `admin` channel whose message has the same key as one of `orders`. */
const SAME_KEY = fixture('clean-generic.yaml')
  .replace(
    '\noperations:\n',
    `  admin:
    address: /ws/admin
    messages:
      statusChanged:
        $ref: '#/components/messages/adminStatus'

operations:
  sendAdminStatus:
    action: send
    channel:
      $ref: '#/channels/admin'
    messages:
      - $ref: '#/channels/admin/messages/statusChanged'
`,
  )
  .replace(
    '  securitySchemes:\n',
    `    adminStatus:
      name: admin.status
      title: Admin status
      description: Status of the admin console.
      payload:
        type: object
        required: [type]
        properties:
          type: { type: string, const: admin.status }
      examples:
        - payload: { type: admin.status, extra: 1 }
  securitySchemes:
`,
  );

describe('loadContract', () => {
  const dir = tempFiles({
    'clean.yaml': fixture('clean-generic.yaml'),
    'v2.json': fixture('asyncapi-v2.json'),
    'v3.json': JSON.stringify({ asyncapi: '3.0.0', info: { title: 'Orders', version: '1.0.0' } }, null, 2),
    'untitled.yaml': fixture('missing-info-title.yaml'),
    'broken.yaml': fixture('broken-ref.yaml'),
    'syntax.yaml': fixture('yaml-syntax-error.yaml'),
    'same-key.yaml': SAME_KEY,
  });
  afterAll(() => dir.remove());

  it('builds a model from a clean document', async () => {
    const r = await loadContract(dir.path('clean.yaml'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.contract.messages.map((m) => [m.id, m.type, m.directions])).toEqual([
      ['statusChanged', 'order.status_changed', ['server-to-client']],
      ['watch', 'order.watch', ['client-to-server']],
    ]);
    expect(r.contract.locate(['info', 'version'])).toEqual({ file: dir.path('clean.yaml'), line: 6, column: 3 });
  });

  it('says why no model came out', async () => {
    const reasons: Record<string, string> = {};
    for (const name of ['missing.yaml', 'v2.json', 'untitled.yaml', 'broken.yaml', 'syntax.yaml']) {
      const r = await loadContract(dir.path(name));
      reasons[name] = r.ok ? 'ok' : r.reason;
    }
    expect(reasons).toEqual({ 'missing.yaml': 'unreadable', 'v2.json': 'version', 'untitled.yaml': 'invalid', 'broken.yaml': 'unresolved', 'syntax.yaml': 'syntax' });
  });

  it('refuses files that are not AsyncAPI documents at all as input errors, not contract errors', async () => {
    for (const [name, text] of [['empty.yaml', ''], ['list.yaml', '- a\n- b\n'], ['scenario.yaml', 'name: subscribe and receive\nsteps: []\n']]) {
      const r = await loadContract(dir.write(name!, text!));
      expect(r.ok ? 'ok' : `${r.reason} ${r.diagnostics.map((d) => d.rule).join()}`).toBe('version asyncapi-is-asyncapi');
    }
  });

  it('reports a directory as unreadable, not as bad YAML', async () => {
    const r = await loadContract(dir.root);
    expect(r.ok ? [] : r.diagnostics.map((d) => d.rule)).toEqual(['file-unreadable']);
  });

  it('accepts a 3.0 JSON document', async () => {
    const r = await loadContract(dir.path('v3.json'));
    expect(r.ok).toBe(true);
  });

  it('reports a YAML syntax error once, not once per following line', async () => {
    const r = await loadContract(dir.path('syntax.yaml'));
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ rule: 'yaml-syntax', line: 45, column: 20, severity: 'error' });
  });

  it('caches per file and reloads when the file changes', async () => {
    const file = dir.write('cached.yaml', fixture('clean-generic.yaml'));
    const first = loadContract(file);
    expect(loadContract(file)).toBe(first);
    dir.write('cached.yaml', fixture('version-not-semver.yaml'));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const second = await loadContract(file);
    expect(second).not.toBe(await first);
    expect(second.ok && second.contract.version).toBe('2.1');
  });

  it('keeps two different messages that share a key in different channels, and lints both', async () => {
    const r = await loadContract(dir.path('same-key.yaml'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.contract.messages.map((m) => m.type).sort()).toEqual(['admin.status', 'order.status_changed', 'order.watch']);
    const admin = r.contract.channels.find((c) => c.id === 'admin')!;
    const adminMessage = r.contract.messages.find((m) => m.type === 'admin.status')!;
    expect(admin.messageIds).toEqual([adminMessage.id]);
    expect(r.contract.operations.find((o) => o.id === 'sendAdminStatus')!.messageIds).toEqual([adminMessage.id]);
    expect(adminMessage.channelIds).toEqual(['admin']);
    expect([adminMessage.id, adminMessage.key]).toEqual(['admin.statusChanged', 'statusChanged']);
    const orders = r.contract.messages.find((m) => m.type === 'order.status_changed')!;
    expect([orders.id, orders.channelIds]).toEqual(['statusChanged', ['orders']]);

    // an invalid example in the second message is found, at its own line and failing value
    const invalid = dir.write('same-key-invalid.yaml', SAME_KEY.replace('payload: { type: admin.status, extra: 1 }', 'payload: { type: admin.state }'));
    const report = await lintFiles([invalid]);
    expect(report.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual(['92:22 example-valid example of "admin.statusChanged" is invalid: /type must be equal to constant ("admin.status")']);
  });

  it('loads a document with remote $refs through @asyncapi/parser, which fetches them', async () => {
    const fragment = fixture('clean-generic.yaml').slice(fixture('clean-generic.yaml').indexOf('components:'));
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/orders.yaml' ? 200 : 404, { 'content-type': 'application/yaml' }).end(req.url === '/orders.yaml' ? fragment : '');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders.yaml`;
      const text = fixture('clean-generic.yaml').replaceAll("'#/components/messages/", `'${base}#/components/messages/`);
      expect(text).toContain(base);
      const r = await loadContract(dir.write('remote.yaml', text));
      if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.rule} ${d.message}`).join('; '));
      expect(r.contract.messages.map((m) => [m.id, m.type, m.directions])).toEqual([
        ['statusChanged', 'order.status_changed', ['server-to-client']],
        ['watch', 'order.watch', ['client-to-server']],
      ]);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
