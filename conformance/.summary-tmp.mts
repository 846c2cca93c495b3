import { loadContract } from '/work/main/contract/load.ts';
import { ContractView } from '/work/main/conformance/contract-view.ts';
for (const f of process.argv.slice(2)) {
  const r = await loadContract(f);
  if (!r.ok) { console.log(f, 'FAILS', r.diagnostics.slice(0,3)); continue; }
  const c = r.contract; const v = new ContractView(c);
  console.log('==', c.id, c.version, JSON.stringify({ ...c.specwire, polling: c.specwire?.polling?.map(p => [p.path, p.describes, p.description]) , closeCodes: undefined}));
  console.log('security', JSON.stringify(c.securitySchemes), JSON.stringify(c.servers.map(s=>s.security)));
  for (const [id, ch] of v.channels) {
    console.log(' channel', id, ch.channel.address, JSON.stringify(ch.channel.parameters.map(p=>p.name)), JSON.stringify(ch.channel.access), JSON.stringify(ch.channel.stream), 'subAcks', [...ch.subscribeAcks], 'unsubAcks', [...ch.unsubscribeAcks]);
    console.log('  server:', [...ch.serverTypes].map(([t,m]) => `${t}${m.control?'(c)':''}[${m.examples.map(e=>e.name).join('|')}]`).join(' '));
    console.log('  client:', [...ch.clientTypes].map(([t,m]) => `${t}:${JSON.stringify(Object.keys((m.payload.properties??{}) as object))}`).join(' '));
  }
}
