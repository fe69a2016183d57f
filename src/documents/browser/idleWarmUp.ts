/**
 * Starts the PDF worker once the app has been idle for a while after start-up, so that the first 预览 or
 * 打印 of the day finds the renderer warm (the "keep the renderer warm"). A fresh worker spends
 * most of a second of its own CPU on loading pdfmake and the common font and on running the layout code
 * cold before its first document; done here, off the UI thread and after the first screen and its
 * counts, a mediator never waits for it. Opening a case still preloads that case's own fonts and words.
 */
export const IDLE_WARM_UP_DELAY_MS = 3_000

export function warmUpPdfWorkerWhenIdle(delayMs = IDLE_WARM_UP_DELAY_MS): void {
  const start = (): void => {
    // loaded here, not with the start-up bundle; a failure only means the first document starts cold
    void import('./client').then((client) => client.preloadPdfWorker()).catch(() => undefined)
  }
  setTimeout(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 5_000 })
    else start()
  }, delayMs)
}
