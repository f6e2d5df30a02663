import { defineConfig } from 'vitest/config';

// Unit tests of the sizing core (tests/shared) and of the main-process code (tests/main).
// Browser end-to-end tests run under Playwright (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['tests/shared/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/hardening/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
