/**
 * 设置 → 同步: what the user types (server address, database, user, password) and what 测试连接 found,
 * in plain Chinese. The address rule itself is checkServerAddress (./syncAddress.ts); the database
 * name follows CouchDB's own rule, so a name the server would refuse is refused here first.
 */
import { checkServerAddress } from './syncAddress'

export interface SyncServerForm {
  url: string
  database: string
  user: string
  password: string
}

/** The form, normalised, with the origin the app may connect to; or the first thing wrong with it. */
export type SyncFormCheck =
  { ok: true; settings: SyncServerForm; origin: string } | { ok: false; field: keyof SyncServerForm; message: string }

/** CouchDB: a lower-case letter first, then lower-case letters, digits and _$()+-/ (at most 238). */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]*$/
export const DATABASE_NAME_MAX = 238
export const SYNC_USER_MAX = 200
export const SYNC_PASSWORD_MAX = 1000

export function checkDatabaseName(text: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = text.trim()
  if (!name) return { ok: false, message: '请填写数据库名称' }
  if (name.length > DATABASE_NAME_MAX) return { ok: false, message: '数据库名称过长' }
  if (!DATABASE_NAME.test(name))
    return { ok: false, message: '数据库名称须以小写字母开头，只含小写字母、数字和 _$()+-/，例如 mr-xxxx' }
  return { ok: true, name }
}

/**
 * The whole form. The password is kept as typed (spaces may be part of it) but may not be empty:
 * a user without a password is the server's "admin party", never a committee's PC.
 */
export function checkSyncServerForm(form: SyncServerForm): SyncFormCheck {
  const address = checkServerAddress(form.url)
  if (!address.ok) return { ok: false, field: 'url', message: address.message }
  const database = checkDatabaseName(form.database)
  if (!database.ok) return { ok: false, field: 'database', message: database.message }
  const user = form.user.trim()
  if (!user) return { ok: false, field: 'user', message: '请填写用户名' }
  if (user.length > SYNC_USER_MAX) return { ok: false, field: 'user', message: '用户名过长' }
  if (user.includes(':')) return { ok: false, field: 'user', message: '用户名不能包含冒号“:”' }
  if (!form.password) return { ok: false, field: 'password', message: '请填写密码' }
  if (form.password.length > SYNC_PASSWORD_MAX) return { ok: false, field: 'password', message: '密码过长' }
  return {
    ok: true,
    origin: address.origin,
    settings: { url: address.url, database: database.name, user, password: form.password },
  }
}

/** The database's URL as every request uses it: the server address, then the name (no trailing slash). */
export function databaseUrl(serverUrl: string, database: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(database)}`
}

/** What 测试连接 found; everything but `ok` needs the user (or the office's administrator) to act. */
export type ConnectionOutcome =
  | { kind: 'ok'; version: string }
  | { kind: 'unreachable' }
  | { kind: 'notCouch' }
  | { kind: 'password' }
  | { kind: 'foreignCommittee' }
  | { kind: 'missingDatabase' }
  | { kind: 'serverError'; status: number }

export type ConnectionKind = ConnectionOutcome['kind']

/** An HTTP answer as 测试连接 saw it: `unreachable` when no answer came at all. */
export type ObservedAnswer = { status: number; body: unknown } | 'unreachable'

/**
 * The three answers of 测试连接 — the server's root, `_session` with the credentials, the database with
 * them — decided in that order: the first that fails says why. CouchDB answers 401 on `_session` to a
 * wrong name or password (a removed user is the same to it), and 401 or 403 on a database to a user
 * who is signed in but not a member (CouchDB 3 says 403, PouchDB Server 401).
 */
export function classifyConnection(answers: {
  root: ObservedAnswer
  session?: ObservedAnswer
  database?: ObservedAnswer
}): ConnectionOutcome {
  const { root, session, database } = answers
  if (root === 'unreachable') return { kind: 'unreachable' }
  const version = couchVersion(root)
  if (version === undefined) return { kind: 'notCouch' }
  if (session === undefined || session === 'unreachable') return { kind: 'unreachable' }
  if (session.status === 401 || session.status === 403) return { kind: 'password' }
  if (session.status !== 200) return { kind: 'serverError', status: session.status }
  // a server that ignores the credentials answers 200 with no name: the password was not accepted
  if (!sessionUser(session.body)) return { kind: 'password' }
  if (database === undefined || database === 'unreachable') return { kind: 'unreachable' }
  if (database.status === 401 || database.status === 403) return { kind: 'foreignCommittee' }
  if (database.status === 404) return { kind: 'missingDatabase' }
  if (database.status !== 200) return { kind: 'serverError', status: database.status }
  return { kind: 'ok', version }
}

/** CouchDB's root says `{"couchdb":"Welcome","version":…}`; PouchDB Server says "express-pouchdb" instead. */
function couchVersion(root: { status: number; body: unknown }): string | undefined {
  if (root.status !== 200 || typeof root.body !== 'object' || root.body === null) return undefined
  const body = root.body as Record<string, unknown>
  if (typeof body.couchdb !== 'string' && typeof body['express-pouchdb'] !== 'string') return undefined
  return typeof body.version === 'string' ? body.version : undefined
}

function sessionUser(body: unknown): string | undefined {
  const name = (body as { userCtx?: { name?: unknown } } | null)?.userCtx?.name
  return typeof name === 'string' && name ? name : undefined
}

/** The words 测试连接 shows. */
export function connectionMessage(outcome: ConnectionOutcome): string {
  switch (outcome.kind) {
    case 'ok':
      return `连接成功：服务器版本 ${outcome.version}，账号和数据库均可用`
    case 'unreachable':
      return '连接失败：无法连接到服务器，请检查地址、网络和服务器是否已启动'
    case 'notCouch':
      return '连接失败：该地址不是同步服务器（CouchDB），请检查地址和端口'
    case 'password':
      return '连接失败：用户名或密码不正确（或该账号已被停用）'
    case 'foreignCommittee':
      return '连接失败：该账号不属于本调解委员会，无权使用这个数据库'
    case 'missingDatabase':
      return '连接失败：服务器上没有这个数据库，请核对数据库名称或联系管理员创建'
    case 'serverError':
      return `连接失败：服务器出错（${outcome.status}），请稍后重试或联系管理员`
  }
}
