import type { Page } from '@playwright/test'

/**
 * Waits until every finite animation and transition on the page has ended. A dialog grows in from the click
 * that opened it: a click in its first frames lands beside the button it aimed at and does nothing (CI failed
 * once so, enterprise-code.spec). And axe measures a toast fading out (naive-ui's message leaves over 0.3 s,
 * seconds after it was shown) as text with something laid over it. Endless ones (a spinner) are left
 * running. Animations started by one that ended are waited for in turn.
 */
export async function animationsEnded(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let round = 0; round < 20; round++) {
      const running = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity)
      if (running.length === 0) return
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)))
    }
  })
}
