/**
 * Lock settings, the mediators' PIN hashes (PBKDF2-SHA256 with a random salt) and their wrong-attempt
 * counts, kept in the settings table. Only hashes are stored; a forgotten PIN is reset by another
 * mediator in 设置. All of it belongs to this PC: exports and backups leave it out, a restore keeps it.
 */
import type { SettingRow, UUID } from '../domain/types'
import {
  attemptStateOf,
  DEFAULT_IDLE_MINUTES,
  NO_ATTEMPTS,
  PIN_ITERATIONS,
  type AttemptState,
  type LockConfig,
} from '../domain/appLock'
import type { MediationDb } from './schema'
import { appendAudit } from './audit'
import { toStorageError } from './errors'
import { bulkGetOpened } from './sealedReads'

const LOCK_KEY_PREFIX = 'lock.'
const CONFIG_KEY = `${LOCK_KEY_PREFIX}config`
const SECRETS_KEY = `${LOCK_KEY_PREFIX}secrets`
const ATTEMPTS_KEY = `${LOCK_KEY_PREFIX}attempts`

/**
 * The committee's sync data key (src/db/sync/committeeKeyStore.ts). It stays on this PC like the lock's
 * rows: it reaches another PC only by its join code, never inside an export or a backup file, where it
 * would open every case the committee's server holds.
 */
export const COMMITTEE_KEY_SETTING = 'sync.committeeKey'

/**
 * The audit chains' sync rows (src/db/sync/auditStore.ts): this PC's push state and the other PCs' chains
 * with their audit keys. They stay on this PC too: a backup restored elsewhere must not push as this PC,
 * and a restore here must not forget how far the server's chains once reached.
 */
export const SYNC_AUDIT_PREFIX = 'sync.audit'

/**
 * Whether a settings row stays on this PC: the lock's (its PIN hashes, attempts, config), the
 * committee's sync data key and the audit chains' sync rows. A hash that left it could be guessed offline, a lock carried to another PC
 * would bar its people, and the data key would open the server's cases. Exports and backups leave
 * them out; a restore keeps this PC's.
 */
export function isLockSetting(key: string): boolean {
  return key.startsWith(LOCK_KEY_PREFIX) || key === COMMITTEE_KEY_SETTING || key.startsWith(SYNC_AUDIT_PREFIX)
}

export interface StoredSecret {
  salt: string
  hash: string
  iterations: number
  /** set at an unlock when the secret would not be accepted as a new one (e.g. 4 digits): 设置 asks for a new one */
  needsChange?: true
}

type Secrets = Record<UUID, StoredSecret>
type Attempts = Record<UUID, AttemptState>

const toHex = (bytes: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')
const fromHex = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((h) => parseInt(h, 16)))

async function derive(secret: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt.slice(), iterations },
    key,
    256,
  )
  return toHex(bits)
}

export async function hashSecret(secret: string, iterations = PIN_ITERATIONS): Promise<StoredSecret> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return { salt: toHex(salt), hash: await derive(secret, salt, iterations), iterations }
}

/** Constant-time comparison of the derived hash. */
export async function secretMatches(secret: string, stored: StoredSecret): Promise<boolean> {
  const a = await derive(secret, fromHex(stored.salt), stored.iterations)
  let diff = a.length ^ stored.hash.length
  for (let i = 0; i < Math.min(a.length, stored.hash.length); i++) diff |= a.charCodeAt(i) ^ stored.hash.charCodeAt(i)
  return diff === 0
}

/**
 * Settings rows read at every start (the lock decides before the first screen): opened after the read with
 * WebCrypto, not by the synchronous cipher, whose cold start the first screen would wait for.
 */
function settingRows(db: MediationDb, keys: readonly string[]): Promise<(SettingRow | undefined)[]> {
  return bulkGetOpened(db, db.settings, keys)
}

export async function loadLockConfig(db: MediationDb): Promise<LockConfig> {
  try {
    const [row] = await settingRows(db, [CONFIG_KEY])
    const v = row?.value as Partial<LockConfig> | undefined
    return {
      enabled: v?.enabled === true,
      idleMinutes: typeof v?.idleMinutes === 'number' ? v.idleMinutes : DEFAULT_IDLE_MINUTES,
    }
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function loadSecrets(db: MediationDb): Promise<Secrets> {
  try {
    const [row] = await settingRows(db, [SECRETS_KEY])
    return (row?.value as Secrets | undefined) ?? {}
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function saveLockConfig(
  db: MediationDb,
  config: LockConfig,
  actor: string,
  now = new Date(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.settings, db.audit], async () => {
      await db.settings.put({
        key: CONFIG_KEY,
        value: { enabled: config.enabled, idleMinutes: config.idleMinutes },
        updatedAt: now.toISOString(),
      })
      await appendAudit(
        db,
        { actor, action: 'update', entity: 'settings', entityId: CONFIG_KEY, fields: ['enabled', 'idleMinutes'] },
        now,
      )
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Sets (or, with `undefined`, removes) a mediator's PIN. The hash is computed before the transaction. */
export async function setSecret(
  db: MediationDb,
  mediatorId: UUID,
  secret: string | undefined,
  actor: string,
  now = new Date(),
): Promise<void> {
  const stored = secret === undefined ? undefined : await hashSecret(secret)
  try {
    await db.transaction('rw', [db.settings, db.audit], async () => {
      const secrets: Secrets = { ...(((await db.settings.get(SECRETS_KEY))?.value as Secrets | undefined) ?? {}) }
      if (stored) secrets[mediatorId] = stored
      else delete secrets[mediatorId]
      await db.settings.put({ key: SECRETS_KEY, value: secrets, updatedAt: now.toISOString() })
      // a new secret, set by a colleague in 设置, ends its owner's pause
      await putAttempts(db, mediatorId, NO_ATTEMPTS, now)
      await appendAudit(
        db,
        { actor, action: stored ? 'update' : 'delete', entity: 'lockSecret', entityId: mediatorId, fields: ['secret'] },
        now,
      )
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

async function readAttempts(db: MediationDb): Promise<Attempts> {
  const value = (await db.settings.get(ATTEMPTS_KEY))?.value
  return typeof value === 'object' && value !== null ? (value as Attempts) : {}
}

async function putAttempts(db: MediationDb, mediatorId: UUID, state: AttemptState, now: Date): Promise<void> {
  const attempts = { ...(await readAttempts(db)) }
  if (state.failures === 0 && state.pausedUntil === 0) delete attempts[mediatorId]
  else attempts[mediatorId] = state
  await db.settings.put({ key: ATTEMPTS_KEY, value: attempts, updatedAt: now.toISOString() })
}

/** A mediator's wrong attempts in a row and pause, as the last start left them. */
export async function loadAttempts(db: MediationDb, mediatorId: UUID): Promise<AttemptState> {
  try {
    const state = (await readAttempts(db))[mediatorId]
    return state === undefined ? NO_ATTEMPTS : attemptStateOf(state)
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Replaces a mediator's attempt state (a pause shortened after the clock was put right). */
export async function saveAttempts(
  db: MediationDb,
  mediatorId: UUID,
  state: AttemptState,
  now = new Date(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.settings], () => putAttempts(db, mediatorId, state, now))
  } catch (error) {
    throw toStorageError(error)
  }
}

export interface UnlockAttempt {
  mediatorId: UUID
  /** the mediator's name, written to the audit log */
  actor: string
  success: boolean
  /** the attempt state after this attempt (src/domain/appLock.ts afterAttempt) */
  attempts: AttemptState
  /** on success: whether the secret would be refused as a new one */
  needsChange?: boolean
}

/**
 * One unlock attempt, in one transaction: who tried (audit log), the attempts and pause that must
 * outlive a restart, and on success whether the secret should be changed.
 */
export async function recordUnlockAttempt(db: MediationDb, attempt: UnlockAttempt, now = new Date()): Promise<void> {
  const { mediatorId, actor, success } = attempt
  try {
    await db.transaction('rw', [db.settings, db.audit], async () => {
      await putAttempts(db, mediatorId, attempt.attempts, now)
      if (success && attempt.needsChange !== undefined) await markNeedsChange(db, mediatorId, attempt.needsChange, now)
      await appendAudit(
        db,
        { actor, action: success ? 'unlock' : 'unlock-failed', entity: 'mediator', entityId: mediatorId, fields: [] },
        now,
      )
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

async function markNeedsChange(db: MediationDb, mediatorId: UUID, needsChange: boolean, now: Date): Promise<void> {
  const secrets: Secrets = { ...(((await db.settings.get(SECRETS_KEY))?.value as Secrets | undefined) ?? {}) }
  const stored = secrets[mediatorId]
  if (!stored || (stored.needsChange === true) === needsChange) return
  const { needsChange: _, ...rest } = stored
  secrets[mediatorId] = needsChange ? { ...rest, needsChange: true } : rest
  await db.settings.put({ key: SECRETS_KEY, value: secrets, updatedAt: now.toISOString() })
}
