/**
 * 测试连接 (设置 → 同步): three GETs, each answer kept for src/domain/syncConnection.ts to judge — the
 * server's root (is it CouchDB, which version), `_session` with the credentials (are they right), the
 * committee's database with them (is this user a member, does the database exist). Reads only: nothing is
 * written to the server and nothing of the committee's data is fetched.
 */
import {
  classifyConnection,
  databaseUrl,
  type ConnectionOutcome,
  type ObservedAnswer,
} from '../../domain/syncConnection'

export { basicAuthorization } from '../../shared/basicAuthorization'

export interface ConnectionTarget {
  /** the server's address as checkServerAddress gives it (no trailing slash) */
  url: string
  database: string
  /**
   * `Basic …` for credentials typed into the form; absent in Electron when testing what was saved (the
   * main process adds the header to requests for the configured server)
   */
  authorization?: string
}

/** A server that does not answer within this is as good as unreachable for the person waiting. */
export const CONNECTION_TEST_TIMEOUT_MS = 10_000

export async function testConnection(
  target: ConnectionTarget,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<ConnectionOutcome> {
  const server = target.url.replace(/\/+$/, '')
  const get = async (url: string, authorized: boolean): Promise<ObservedAnswer> => {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (authorized && target.authorization) headers.Authorization = target.authorization
    try {
      const res = await fetchImpl(url, {
        method: 'GET',
        headers,
        // never the browser's own cookies or saved logins: only what the form (or main) supplies
        credentials: 'omit',
        signal: AbortSignal.timeout(CONNECTION_TEST_TIMEOUT_MS),
      })
      return { status: res.status, body: await jsonOrNull(res) }
    } catch {
      return 'unreachable'
    }
  }
  const root = await get(`${server}/`, false)
  const session = root === 'unreachable' ? undefined : await get(`${server}/_session`, true)
  const database =
    session === undefined || session === 'unreachable' || session.status !== 200
      ? undefined
      : await get(databaseUrl(server, target.database), true)
  return classifyConnection({ root, session, database })
}

/** A web page at the address answers HTML: that is "not a CouchDB", not a crash. */
async function jsonOrNull(res: Response): Promise<unknown> {
  try {
    return JSON.parse(await res.text()) as unknown
  } catch {
    return null
  }
}
