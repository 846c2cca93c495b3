/** Defaults of a derived suite, apart from the suite so that `--help` can name them without loading it. */
export const DERIVE_DEFAULTS = { seed: 1, runs: 20, listenMs: 3000 } as const;
