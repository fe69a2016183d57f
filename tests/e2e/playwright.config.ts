import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from './chromium'

// A port per run, so that several runs on one machine do not collide; workers inherit it from the env.
process.env.E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000))
const PORT = Number(process.env.E2E_PORT)

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../../test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    // Serves the built renderer (npm run build:renderer) with the browser platform.
    command: `node tests/e2e/serve.mjs out/renderer ${PORT}`,
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
})
