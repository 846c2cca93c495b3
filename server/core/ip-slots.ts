/**
 * Per-IP connection slots (`limits.connectionsPerIp`), one budget for a contract's WebSockets and SSE
 * streams. Counted locally, and — where the backplane can (Redis) — across every instance, so a
 * client behind a balancer gets the limit once, not once per instance.
 */
import type { ContractRuntime } from './contract-runtime.js';

/**
 * Takes a slot for `ip`, or answers undefined when the limit is reached (here or, with a shared
 * backplane, across instances). The local slot is reserved before the backplane's round trip so a
 * burst of handshakes cannot overshoot. Returns the release function (idempotent).
 */
export async function takeIpSlot(rt: ContractRuntime, ip: string): Promise<(() => void) | undefined> {
  const open = rt.connectionsByIp.get(ip) ?? 0;
  if (open >= rt.limits.connectionsPerIp) return undefined;
  rt.connectionsByIp.set(ip, open + 1);
  const local = localRelease(rt, ip);
  const shared = rt.backplane.acquireConnection && !rt.faults.has('connection-limit-per-instance');
  if (!shared) return local;
  if (!(await rt.backplane.acquireConnection!(rt.id, ip, rt.limits.connectionsPerIp))) {
    local();
    return undefined;
  }
  return bothRelease(rt, ip, local);
}

/**
 * The releases outlive the handshake: made here, they close over a few values only, not over the
 * handshake's scope (request, URL, token), which would stay alive as long as the connection.
 */
function localRelease(rt: ContractRuntime, ip: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = (rt.connectionsByIp.get(ip) ?? 1) - 1;
    if (n <= 0) rt.connectionsByIp.delete(ip);
    else rt.connectionsByIp.set(ip, n);
  };
}

function bothRelease(rt: ContractRuntime, ip: string, local: () => void): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    local();
    rt.backplane.releaseConnection?.(rt.id, ip);
  };
}
