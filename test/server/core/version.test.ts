import { describe, expect, it } from 'vitest';
import { negotiateVersion } from '../../../server/core/version.js';

const url = (q = '') => new URL(`http://x/p${q}`);

describe('negotiateVersion', () => {
  it('selects the offered subprotocol we speak, serves the current major when none is offered', () => {
    expect(negotiateVersion({ subprotocol: 'taskforge.v1' }, [1], ['taskforge.v1'], url())).toEqual({ ok: true, major: 1, protocol: 'taskforge.v1' });
    expect(negotiateVersion({ subprotocol: 'taskforge.v1' }, [1, 2], ['taskforge.v9', 'taskforge.v2'], url())).toEqual({ ok: true, major: 2, protocol: 'taskforge.v2' });
    expect(negotiateVersion({ subprotocol: 'taskforge.v1' }, [1], [], url())).toEqual({ ok: true, major: 1 });
  });

  it('refuses an unsupported subprotocol but still names one so the upgrade can complete and 4406 be sent', () => {
    expect(negotiateVersion({ subprotocol: 'taskforge.v1' }, [1], ['taskforge.v9'], url())).toMatchObject({ ok: false, protocol: 'taskforge.v9' });
  });

  it('reads ?v= for query versioning', () => {
    expect(negotiateVersion({ query: 'v' }, [1], [], url('?v=1'))).toEqual({ ok: true, major: 1 });
    expect(negotiateVersion({ query: 'v' }, [1], [], url())).toEqual({ ok: true, major: 1 });
    expect(negotiateVersion({ query: 'v' }, [1], [], url('?v=two'))).toMatchObject({ ok: false });
  });
});
