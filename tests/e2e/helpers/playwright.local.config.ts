import { defineConfig } from '@playwright/test'
import base from '../playwright.config'

/**
 * The e2e config on another port, for running the case specs while another engineer's run holds 4173
 * on this shared machine: `npx playwright test -c tests/e2e/helpers/playwright.local.config.ts cases-`.
 */
const PORT = Number(process.env.E2E_PORT ?? 4183)

export default defineConfig({
  ...base,
  testDir: '..',
  outputDir: '../../../test-results/e2e-local',
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}/` },
  webServer: {
    ...base.webServer,
    command: `node tests/e2e/serve.mjs out/renderer ${PORT}`,
    cwd: '../../..',
    url: `http://127.0.0.1:${PORT}/index.html`,
  },
})
