/** Chromium for the bench: Debian's binary (tests/e2e/chromium.ts), headless, one profile directory per use. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium'

export function tempProfile(label: string): string {
  return mkdtempSync(join(tmpdir(), `mediation-bench-${label}-`))
}

export function removeProfile(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** A fresh browser process on `profileDir` (its IndexedDB persists between launches). */
export async function launchProfile(profileDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
  })
  const page = context.pages()[0] ?? (await context.newPage())
  // Playwright's own message is only "Target crashed": say which process and where the profile is.
  page.on('crash', () =>
    console.error(`[bench] the Chromium renderer crashed (profile ${profileDir}); a kept profile can be resumed`),
  )
  return { context, page }
}
