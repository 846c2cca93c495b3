import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/build-dist.ts'],
    // Parsing a contract costs ~0.5 s and real servers start per test: generous, but every wait inside
    // a test still has its own event-driven deadline.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
