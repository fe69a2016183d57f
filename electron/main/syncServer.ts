/**
 * The committee's sync server as 设置 → 同步 saved it, kept by the main process: `sync-server.json` in
 * userData holds the address, database and user in clear (the CSP and the request filter need the origin
 * before anything is decrypted) and the password sealed by the operating system's key store
 * (safeStorage: DPAPI, the Keychain, the Linux keyring). Without a real key store nothing is saved: a
 * password in clear on disk is what this file exists to avoid. The page saves and forgets; it never
 * reads the password, nor the header made from it, back: main adds `Authorization` to requests for the
 * saved origin only (installSyncAuthorization).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { checkSyncServerForm, databaseUrl, type SyncServerForm } from '../../src/domain/syncConnection'
import { basicAuthorization } from '../../src/shared/basicAuthorization'
import type { SyncServerSettingsPayload } from '../../src/shared/ipc/sync'
import { atomicWrite } from './backup/atomicWrite'
import { originOf } from './origin'
import type { KeyProtector } from './vault/vault'

export const SYNC_SERVER_FILE = 'sync-server.json'

const fileSchema = z.strictObject({
  format: z.literal('mediation-room/sync-server'),
  formatVersion: z.literal(1),
  url: z.string(),
  database: z.string(),
  user: z.string(),
  /** safeStorage.encryptStringAsync(password), base64 */
  sealedPassword: z.base64(),
})
type SyncServerFile = z.infer<typeof fileSchema>

/** Refusals the page shows as they are. */
export class SyncServerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SyncServerError'
  }
}

export const NO_KEY_STORE_MESSAGE =
  '本机系统没有可用的密钥保管（如 Windows 凭据保护、macOS 钥匙串或 Linux 密钥环），无法安全保存同步密码，因此没有保存。请在系统中启用后再试。'

export interface SyncServerStoreOptions {
  /** userData */
  dir: string
  protector: KeyProtector | null
  platform: NodeJS.Platform
  /** told after every save and forget, with the origin now configured (null: none) */
  onChange?: (origin: string | null) => void
}

export interface SyncServerStore {
  read(): Promise<SyncServerSettingsPayload | null>
  save(request: SyncServerForm): Promise<void>
  forget(): Promise<void>
  /** the database's URL, without credentials */
  remoteUrl(): Promise<string | null>
  /** the origin the page may reach; null until the file was read, and when nothing is saved */
  origin(): string | null
  /** reads the file (once) and answers the origin: the CSP of the page waits for it */
  loadOrigin(): Promise<string | null>
  /** `Basic …` for a request to exactly the saved origin, undefined for any other URL */
  authorizationFor(url: string): Promise<string | undefined>
}

interface Kept {
  file: SyncServerFile
  origin: string
  /** decrypted on first use, then kept in main's memory only */
  password?: Promise<string>
}

export function createSyncServerStore(options: SyncServerStoreOptions): SyncServerStore {
  const target = path.join(options.dir, SYNC_SERVER_FILE)
  let loading: Promise<Kept | null> | undefined
  let current: Kept | null = null
  // one change at a time: a forget does not race a save's write
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step, step)
    queue = run.catch(() => undefined)
    return run
  }

  const load = (): Promise<Kept | null> =>
    (loading ??= readFile(target).then((file) => {
      current = file === null ? null : keep(file)
      return current
    }))

  /** 'basic_text' on Linux is a hard-coded key, no protection: treated as no key store (as the vault does). */
  async function keyStoreAvailable(): Promise<boolean> {
    const protector = options.protector
    if (!protector) return false
    if (!(await protector.isAsyncEncryptionAvailable().catch(() => false))) return false
    if (options.platform === 'linux') {
      const backend = protector.getSelectedStorageBackend()
      if (backend === 'basic_text' || backend === 'unknown') return false
    }
    return true
  }

  return {
    async read() {
      const kept = await load()
      return kept === null ? null : { url: kept.file.url, database: kept.file.database, user: kept.file.user }
    },
    save: (request) =>
      serial(async () => {
        const checked = checkSyncServerForm(request)
        if (!checked.ok) throw new SyncServerError(checked.message)
        if (!(await keyStoreAvailable())) throw new SyncServerError(NO_KEY_STORE_MESSAGE)
        const { url, database, user, password } = checked.settings
        const sealed = await options.protector!.encryptStringAsync(password)
        const file: SyncServerFile = {
          format: 'mediation-room/sync-server',
          formatVersion: 1,
          url,
          database,
          user,
          sealedPassword: Buffer.from(sealed).toString('base64'),
        }
        await fs.mkdir(options.dir, { recursive: true })
        await atomicWrite(target, Buffer.from(JSON.stringify(file, null, 1), 'utf8'), { mode: 0o600 })
        await fs.chmod(target, 0o600)
        await load()
        // checked above, so keep() accepts it
        current = { ...keep(file)!, password: Promise.resolve(password) }
        loading = Promise.resolve(current)
        options.onChange?.(current.origin)
      }),
    forget: () =>
      serial(async () => {
        await load()
        await fs.rm(target, { force: true })
        current = null
        loading = Promise.resolve(null)
        options.onChange?.(null)
      }),
    async remoteUrl() {
      const kept = await load()
      return kept === null ? null : databaseUrl(kept.file.url, kept.file.database)
    },
    origin: () => current?.origin ?? null,
    loadOrigin: async () => (await load())?.origin ?? null,
    async authorizationFor(url) {
      const kept = await load()
      if (kept === null || originOf(url) !== kept.origin) return undefined
      kept.password ??= options
        .protector!.decryptStringAsync(Buffer.from(kept.file.sealedPassword, 'base64'))
        .then((opened) => opened.result)
      const password = await kept.password.catch(() => {
        // the key store no longer opens it (another user account, a reinstalled system): ask again next time
        kept.password = undefined
        return undefined
      })
      return password === undefined ? undefined : basicAuthorization(kept.file.user, password)
    },
  }
}

/** A file whose address no longer passes the rule (edited by hand, an older rule) opens nothing. */
function keep(file: SyncServerFile): Kept | null {
  const checked = checkSyncServerForm({ url: file.url, database: file.database, user: file.user, password: '-' })
  return checked.ok ? { file, origin: checked.origin } : null
}

async function readFile(target: string): Promise<SyncServerFile | null> {
  let text: string
  try {
    text = await fs.readFile(target, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The part of Session['webRequest'] the header needs; narrow so tests can drive it with a fake. */
export type SendHeadersListener = (
  details: { url: string; requestHeaders: Record<string, string> },
  callback: (response: { requestHeaders?: Record<string, string>; cancel?: boolean }) => void,
) => void

export interface HeaderHook {
  onBeforeSendHeaders(filter: { urls: string[] }, listener: SendHeadersListener): void
  onBeforeSendHeaders(listener: null): void
}

/**
 * Adds `Authorization` to requests for the saved server's origin, and to nothing else: the URL filter
 * names that origin, and the listener checks the origin again (a filter pattern is a glob, the origin is
 * exact). A header the page set itself (测试连接 with the credentials typed into the form) is left as
 * it is. Call again after every change: Electron keeps one listener per session, so this replaces it.
 */
export function installSyncAuthorization(webRequest: HeaderHook, store: SyncServerStore): void {
  const origin = store.origin()
  if (origin === null) {
    webRequest.onBeforeSendHeaders(null)
    return
  }
  webRequest.onBeforeSendHeaders({ urls: [`${origin}/*`] }, (details, callback) => {
    const headers = details.requestHeaders
    if (originOf(details.url) !== origin || Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
      callback({ requestHeaders: headers })
      return
    }
    void store.authorizationFor(details.url).then(
      (authorization) =>
        callback({
          requestHeaders: authorization === undefined ? headers : { ...headers, Authorization: authorization },
        }),
      () => callback({ requestHeaders: headers }),
    )
  })
}
