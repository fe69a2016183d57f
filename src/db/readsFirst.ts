/**
 * The case list's reads go before a background writer's next transaction (issue 17: nothing in the UI waits
 * for sync). IndexedDB makes a read wait for a read-write transaction over the same tables that began
 * before it; a list query reads three times (the index's `meta`, the batches that changed, the page's
 * cases), so a writer that starts its transactions back to back can make one query wait for several of
 * them. A sync pull therefore writes in small transactions and, before each, waits for the reads in flight
 * (`readsDone`): a query waits for at most the one write that was running when it began.
 *
 * Only the reads in flight when the writer asks are waited for, never those begun after: reads one after
 * another cannot hold a writer back for longer than one of them takes.
 */

const inFlight = new WeakMap<object, Set<Promise<unknown>>>()

/** Runs `read` as one of the store's foreground reads (the case list, its search and count). */
export function foregroundRead<T>(store: object, read: () => Promise<T>): Promise<T> {
  let reads = inFlight.get(store)
  if (!reads) inFlight.set(store, (reads = new Set()))
  const running = read()
  const held = reads
  held.add(running)
  const done = (): void => {
    held.delete(running)
  }
  running.then(done, done)
  return running
}

/** Resolves once the foreground reads in flight now have ended (at once when there are none). */
export async function readsDone(store: object): Promise<void> {
  const reads = inFlight.get(store)
  if (!reads?.size) return
  await Promise.allSettled([...reads])
}

/**
 * A new task of the event loop (not a microtask): what is queued already (a keystroke, a read's answer) runs
 * first. MessageChannel rather than setTimeout, which browsers hold back to 4 ms when called repeatedly.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}
