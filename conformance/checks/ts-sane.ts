import type { FrameCheck } from './check.js';

/** RFC 3339 date-time with a mandatory offset. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export const tsSane: FrameCheck = {
  id: 'ts-sane',
  description: '`ts` is an RFC 3339 timestamp with a timezone and not in the future (documents with info.x-specwire)',
  check(frame, ctx) {
    // `ts` is our convention (docs/conventions.md); Slack's `ts` is "1355517523.000005".
    if (!ctx.contract.contract.specwire) return undefined;
    const obj = frame.json as Record<string, unknown> | undefined;
    if (!obj || typeof obj !== 'object' || !('ts' in obj)) return undefined;
    const ts = obj.ts;
    if (typeof ts !== 'string' || !RFC3339.test(ts)) return { message: `ts ${JSON.stringify(ts)} is not an RFC 3339 timestamp with a timezone`, instancePath: '/ts' };
    const at = Date.parse(ts);
    if (Number.isNaN(at)) return { message: `ts "${ts}" is not a real date`, instancePath: '/ts' };
    if (at > ctx.now + ctx.clockSkewMs) return { message: `ts "${ts}" is ${at - ctx.now} ms in the future (tolerance ${ctx.clockSkewMs} ms)`, instancePath: '/ts' };
    return undefined;
  },
};
