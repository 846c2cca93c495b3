/**
 * Named faults of `specwire mock`, for the derived-conformance zoo (test/mutants/derived-zoo.ts,
 * docs/reliability.md): behaviours no document alteration can produce, because the mock carries
 * them out correctly for any document. Test-only, like the reference server's `faults`: switched on
 * by the in-process option `faults` of `startMockServer`; `specwire mock` has no flag for them.
 */
export const MOCK_FAULTS = {
  'crash-on-bad-frame': 'a client frame it refuses ends every connection with 1011 (internal error)',
  'close-on-valid-frame': 'a valid client frame ends its connection with 1000',
} as const;

export type MockFault = keyof typeof MOCK_FAULTS;
