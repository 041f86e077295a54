import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // bash 3.2 is built from source, not installed: `npm run test:bash32` (vitest.bash32.config.ts).
    exclude: ['test/bash32/**', '**/node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Temporary directories made with scratchDir go when their test (or file) is done.
    setupFiles: ['test/helpers/scratch-cleanup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: real shells, a real Secret Service and the real claude are heavy enough.
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
