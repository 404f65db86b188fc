import { defineConfig } from 'vitest/config';

// The fault suite (`npm run test:faults`): long multi-client scenarios kept out of `npm test`.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
