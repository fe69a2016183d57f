/**
 * Requests to the committee's CouchDB database, one way for every part of sync: JSON in and out, this PC's
 * Authorization header, and a time limit, so that a server or proxy that accepts a request and never
 * answers fails the round (retried after the backoff) instead of holding sync forever.
 */

/** The committee's database: its URL ('https://host/mr-…') and the Authorization header of this PC's user. */
export interface RemoteDb {
  url: string
  authorization?: string
  /** ends every request made through this value at once (live sync stopping) */
  signal?: AbortSignal
}

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`CouchDB answered ${status}`)
    this.name = 'SyncHttpError'
  }
}

/** Long enough for a batch of 100 cases over a slow township line; a longpoll sets its own. */
export const REQUEST_TIMEOUT_MS = 60_000

/** The slowest line a file must still cross within its time limit: 50 kB/s (400 kbit/s). */
const SLOWEST_LINE_BYTES_PER_S = 50_000

/** The time limit of a request carrying a file (`bytes` sent or received): the usual one plus its time on that line. */
export function transferTimeoutMs(bytes: number): number {
  return REQUEST_TIMEOUT_MS + Math.ceil((bytes * 1000) / SLOWEST_LINE_BYTES_PER_S)
}

export interface CouchRequest {
  body?: unknown
  /** the caller's own abort (a longpoll cut short by a local write) */
  signal?: AbortSignal
  timeoutMs?: number
  /** the answer's type when not JSON (a file's bytes) */
  accept?: string
}

/**
 * Runs `work` under one signal that ends at the time limit, at the caller's abort or at the remote's (live
 * sync stopping), and ends the returned promise then even if fetch does not notice: Node's fetch follows
 * the signal it is given through a weak reference that a garbage collection can cut (nodejs/node#55428),
 * after which a stopped live sync waited out a 35 s longpoll. The timer and the sources' listeners hold
 * the controller strongly until the work is done.
 */
async function guarded<T>(
  remote: RemoteDb,
  request: CouchRequest,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController()
  const timer = setTimeout(
    () => controller.abort(new DOMException('The request timed out', 'TimeoutError')),
    request.timeoutMs ?? REQUEST_TIMEOUT_MS,
  )
  const sources = [request.signal, remote.signal].filter((s): s is AbortSignal => s !== undefined)
  const follow = sources.map((source) => {
    const listener = (): void => controller.abort(source.reason)
    source.addEventListener('abort', listener, { once: true })
    return () => source.removeEventListener('abort', listener)
  })
  const aborted = sources.find((s) => s.aborted)
  if (aborted) controller.abort(aborted.reason)
  let stopWaiting = (): void => undefined
  const ended = new Promise<never>((_, reject) => {
    const listener = (): void => reject(controller.signal.reason)
    if (controller.signal.aborted) return listener()
    controller.signal.addEventListener('abort', listener, { once: true })
    stopWaiting = () => controller.signal.removeEventListener('abort', listener)
  })
  try {
    return await Promise.race([work(controller.signal), ended])
  } finally {
    clearTimeout(timer)
    stopWaiting()
    for (const unfollow of follow) unfollow()
  }
}

function send(remote: RemoteDb, method: string, url: string, request: CouchRequest, signal: AbortSignal) {
  const headers: Record<string, string> = { Accept: request.accept ?? 'application/json' }
  if (remote.authorization) headers.Authorization = remote.authorization
  if (request.body !== undefined) headers['Content-Type'] = 'application/json'
  return fetch(url, {
    method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal,
  })
}

/**
 * Sends a request to `url` (the database URL or below it, or the server's root); the answer, its body
 * already read (within the same time limit and aborts).
 */
export async function couchSend(
  remote: RemoteDb,
  method: string,
  url: string,
  request: CouchRequest = {},
): Promise<Response> {
  return guarded(remote, request, async (signal) => {
    const res = await send(remote, method, url, request, signal)
    const body = await res.arrayBuffer()
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers })
  })
}

/** Sends a request and reads its JSON answer; an answer other than 2xx is a `SyncHttpError`. */
export async function couchJson(
  remote: RemoteDb,
  method: string,
  url: string,
  request: CouchRequest = {},
): Promise<unknown> {
  return guarded(remote, request, async (signal) => {
    const res = await send(remote, method, url, request, signal)
    const text = await res.text()
    const parsed: unknown = text ? JSON.parse(text) : undefined
    if (!res.ok) throw new SyncHttpError(res.status, parsed)
    return parsed
  })
}
