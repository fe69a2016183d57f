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

/** Sends a request to `url` (the database URL or below it, or the server's root); the raw answer. */
export async function couchSend(
  remote: RemoteDb,
  method: string,
  url: string,
  request: CouchRequest = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: request.accept ?? 'application/json' }
  if (remote.authorization) headers.Authorization = remote.authorization
  if (request.body !== undefined) headers['Content-Type'] = 'application/json'
  const signals = [AbortSignal.timeout(request.timeoutMs ?? REQUEST_TIMEOUT_MS)]
  if (request.signal) signals.push(request.signal)
  if (remote.signal) signals.push(remote.signal)
  return fetch(url, {
    method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals),
  })
}

/** Sends a request and reads its JSON answer; an answer other than 2xx is a `SyncHttpError`. */
export async function couchJson(
  remote: RemoteDb,
  method: string,
  url: string,
  request: CouchRequest = {},
): Promise<unknown> {
  const res = await couchSend(remote, method, url, request)
  const text = await res.text()
  const parsed: unknown = text ? JSON.parse(text) : undefined
  if (!res.ok) throw new SyncHttpError(res.status, parsed)
  return parsed
}
