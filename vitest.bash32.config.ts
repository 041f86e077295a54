import { defineConfig } from 'vitest/config';

/** The real bash 3.2 suite: CCENV_TEST_BASH32=PATH npm run test:bash32 (scripts/build-bash-3.2.sh builds one). */
export default defineConfig({
  test: {
    include: ['test/bash32/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Temporary directories made with scratchDir go when their test (or file) is done.
    setupFiles: ['test/helpers/scratch-cleanup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
