/**
 * Resolves once the browser has painted what is on screen now (two animation frames), or after 100 ms
 * where frames do not come (a hidden window, a test DOM). Code fetched after it cannot hold up the first
 * screen, however busy the PC is: the start-up budget (issue #16) counts what is fetched before that.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve()
    setTimeout(done, 100)
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => requestAnimationFrame(done))
  })
}
