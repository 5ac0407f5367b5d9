// Unit, property and golden-transcript tests; benchmarks live in tests/bench (npm run bench).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
