/**
 * When a first screen became usable, and what JS it took to get there. Shared by the start-up budget
 * check (tests/e2e/startup-budget.spec.ts) and the shell benchmark (tests/bench/shell.ts).
 */
import type { Page } from '@playwright/test'

export type FirstScreen = 'dashboard' | 'setup'

/**
 * Runs in the page before any of its scripts: records when the screen first became usable (the main
 * navigation with the dashboard heading, or the setup heading with 下一步 enabled). A string, not a
 * function: tsx would wrap the function's inner names in a helper the page does not have.
 */
export function watchReadyScript(screen: FirstScreen): string {
  return `(() => {
    const screen = ${JSON.stringify(screen)}
    const ready = () => {
      const headings = [...document.querySelectorAll('h1')].map((h) => (h.textContent || '').trim())
      if (screen === 'setup') {
        const next = [...document.querySelectorAll('button')].find((b) => (b.textContent || '').includes('下一步'))
        return headings.includes('欢迎使用调解室') && next !== undefined && !next.disabled
      }
      const nav = document.querySelector('nav[aria-label="主导航"]')
      return headings.includes('工作台') && nav !== null && (nav.textContent || '').includes('案件')
    }
    const observer = new MutationObserver(() => {
      if (window.__shellReadyAt === undefined && ready()) {
        window.__shellReadyAt = performance.now()
        observer.disconnect()
      }
    })
    observer.observe(document, { childList: true, subtree: true, attributes: true })
  })()`
}

export interface ScriptLoad {
  /** file name, without the path */
  name: string
  /** uncompressed bytes */
  bytes: number
}

/** Waits for the screen watched by `watchReadyScript`; the JS files whose fetch began before it. */
export async function scriptsBeforeReady(page: Page): Promise<{ readyMs: number; scripts: ScriptLoad[] }> {
  await page.waitForFunction(() => (window as unknown as { __shellReadyAt?: number }).__shellReadyAt !== undefined)
  return page.evaluate(() => {
    const readyMs = (window as unknown as { __shellReadyAt: number }).__shellReadyAt
    const scripts = performance
      .getEntriesByType('resource')
      .filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming)
      .filter((e) => new URL(e.name).pathname.endsWith('.js') && e.startTime <= readyMs)
      .map((e) => ({ name: new URL(e.name).pathname.split('/').pop() ?? e.name, bytes: e.decodedBodySize }))
    return { readyMs, scripts }
  })
}
