import { defineConfig } from '@playwright/test'

/**
 * The real Electron window, security checklist at run time. Runs wherever the Electron binary exists
 * (a developer's machine after `npm install`); elsewhere globalSetup says so and every test is skipped.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../../test-results/electron',
})
