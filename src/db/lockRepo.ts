/**
 * Lock settings and the mediators' PIN hashes (PBKDF2-SHA256 with a random salt), kept in the
 * settings table. Only hashes are stored; a forgotten PIN is reset by another mediator in 设置.
 */
import type { UUID } from '../domain/types'
import { DEFAULT_IDLE_MINUTES, PIN_ITERATIONS, type LockConfig } from '../domain/appLock'
import type { MediationDb } from './schema'
import { appendAudit } from './audit'
import { toStorageError } from './errors'

const CONFIG_KEY = 'lock.config'
const SECRETS_KEY = 'lock.secrets'

export interface StoredSecret {
  salt: string
  hash: string
  iterations: number
}

type Secrets = Record<UUID, StoredSecret>

const toHex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')
const fromHex = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((h) => parseInt(h, 16)))

async function derive(secret: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt.slice(), iterations }, key, 256)
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

export async function loadLockConfig(db: MediationDb): Promise<LockConfig> {
  try {
    const row = await db.settings.get(CONFIG_KEY)
    const v = row?.value as Partial<LockConfig> | undefined
    return { enabled: v?.enabled === true, idleMinutes: typeof v?.idleMinutes === 'number' ? v.idleMinutes : DEFAULT_IDLE_MINUTES }
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function loadSecrets(db: MediationDb): Promise<Secrets> {
  try {
    return ((await db.settings.get(SECRETS_KEY))?.value as Secrets | undefined) ?? {}
  } catch (error) {
    throw toStorageError(error)
  }
}

export async function saveLockConfig(db: MediationDb, config: LockConfig, actor: string, now = new Date()): Promise<void> {
  try {
    await db.transaction('rw', [db.settings, db.audit], async () => {
      await db.settings.put({ key: CONFIG_KEY, value: { enabled: config.enabled, idleMinutes: config.idleMinutes }, updatedAt: now.toISOString() })
      await appendAudit(db, { actor, action: 'update', entity: 'settings', entityId: CONFIG_KEY, fields: ['enabled', 'idleMinutes'] }, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Sets (or, with `undefined`, removes) a mediator's PIN. The hash is computed before the transaction. */
export async function setSecret(db: MediationDb, mediatorId: UUID, secret: string | undefined, actor: string, now = new Date()): Promise<void> {
  const stored = secret === undefined ? undefined : await hashSecret(secret)
  try {
    await db.transaction('rw', [db.settings, db.audit], async () => {
      const secrets: Secrets = { ...(((await db.settings.get(SECRETS_KEY))?.value as Secrets | undefined) ?? {}) }
      if (stored) secrets[mediatorId] = stored
      else delete secrets[mediatorId]
      await db.settings.put({ key: SECRETS_KEY, value: secrets, updatedAt: now.toISOString() })
      await appendAudit(db, { actor, action: stored ? 'update' : 'delete', entity: 'lockSecret', entityId: mediatorId, fields: ['secret'] }, now)
    })
  } catch (error) {
    throw toStorageError(error)
  }
}

/** Records who unlocked the app (or failed to). */
export async function logUnlock(db: MediationDb, mediatorId: UUID, actor: string, success: boolean, now = new Date()): Promise<void> {
  try {
    await db.transaction('rw', [db.audit], () =>
      appendAudit(db, { actor, action: success ? 'unlock' : 'unlock-failed', entity: 'mediator', entityId: mediatorId, fields: [] }, now),
    )
  } catch (error) {
    throw toStorageError(error)
  }
}
