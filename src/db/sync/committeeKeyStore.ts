/**
 * The committee's data key on this PC: the key that seals the personal fields of what goes to the
 * committee's server (./seal.ts), which only the committee's PCs hold. The first PC makes it; every other
 * PC receives it once by the join code (src/domain/syncJoinCode.ts) shown on a PC that has it.
 *
 * It is one settings row (COMMITTEE_KEY_SETTING), so it is sealed at rest under the host's data key like
 * every settings row (src/db/sealing.ts), and it stays on this PC: exports and backups leave it out, a
 * restore keeps it (src/db/lockRepo.ts, isLockSetting). Making it, joining with it and showing its code are
 * written to the audit log under the committee's id (a UUID: the key's hex id could look like a phone
 * number to the log's guard), never with the key.
 */
import { YIELDS_TO_SERVER } from '../../domain/laterChange'
import { decodeJoinCode, encodeJoinCode } from '../../domain/syncJoinCode'
import type { MediationDb } from '../schema'
import { appendAudit } from '../audit'
import { COMMITTEE_KEY_SETTING } from '../lockRepo'
import { OWN_COMMITTEE_SETTING, loadSettings } from '../settingsRepo'
import { committeeKeyId, importCommitteeKey, type CommitteeKey } from './seal'
import { compareOrdinal } from '../../domain/text'

/** What the settings row holds. */
interface StoredCommitteeKey {
  committeeId: string
  /** the 32 raw bytes; sealed at rest with the rest of the row */
  key: Uint8Array
  /** committeeKeyId(key): the fingerprint shown to people and named in every sealed record */
  keyId: string
  /** made on this PC, or received by a join code */
  origin: 'created' | 'joined'
  since: string
}

/** What people may see of the key: never the key itself. */
export interface CommitteeKeyInfo {
  committeeId: string
  keyId: string
  origin: 'created' | 'joined'
  since: string
}

export class CommitteeKeyError extends Error {
  constructor(
    readonly code: 'noCommittee' | 'exists' | 'badCode' | 'foreignCommittee' | 'differentKey' | 'noKey',
    message: string,
  ) {
    super(message)
    this.name = 'CommitteeKeyError'
  }
}

const KEY_BYTES = 32
/** the audit entity of every entry about the key (its label: src/domain/labels.ts) */
const ENTITY = 'committeeKey'

function isStored(value: unknown): value is StoredCommitteeKey {
  const v = value as StoredCommitteeKey
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.committeeId === 'string' &&
    v.key instanceof Uint8Array &&
    v.key.length === KEY_BYTES &&
    typeof v.keyId === 'string' &&
    (v.origin === 'created' || v.origin === 'joined') &&
    typeof v.since === 'string'
  )
}

async function stored(db: MediationDb): Promise<StoredCommitteeKey | undefined> {
  const value = (await db.settings.get(COMMITTEE_KEY_SETTING))?.value
  if (value === undefined) return undefined
  // A row this version cannot read is not "no key": making a new one would strand what the old one sealed.
  if (!isStored(value)) throw new Error('the stored committee data key is not in the expected shape')
  return value
}

function infoOf(row: StoredCommitteeKey): CommitteeKeyInfo {
  return { committeeId: row.committeeId, keyId: row.keyId, origin: row.origin, since: row.since }
}

/** This PC's own committee (named at first-run setup), or undefined before setup. */
async function ownCommitteeId(db: MediationDb): Promise<string | undefined> {
  return (await loadSettings(db)).committee?.id.toLowerCase()
}

/** The key for sealing and opening what the server holds; undefined until this PC has made or joined one. */
export async function readCommitteeKey(db: MediationDb): Promise<CommitteeKey | undefined> {
  const row = await stored(db)
  return row ? importCommitteeKey(row.key) : undefined
}

/** Which key this PC holds (its fingerprint), for the screen; undefined when it holds none. */
export async function committeeKeyInfo(db: MediationDb): Promise<CommitteeKeyInfo | undefined> {
  const row = await stored(db)
  return row ? infoOf(row) : undefined
}

/** The first PC of the committee: a new random key. Refused when this PC already holds one. */
export async function createCommitteeKey(
  db: MediationDb,
  committeeId: string,
  actor: string,
  now = new Date(),
): Promise<CommitteeKeyInfo> {
  const own = await ownCommitteeId(db)
  if (own === undefined || own !== committeeId.toLowerCase())
    throw new CommitteeKeyError('noCommittee', '请先完成本机的调解委员会设置，再生成委员会数据密钥。')
  const key = crypto.getRandomValues(new Uint8Array(KEY_BYTES))
  const row: StoredCommitteeKey = {
    committeeId: own,
    key,
    keyId: await committeeKeyId(key),
    origin: 'created',
    since: now.toISOString(),
  }
  return db.transaction('rw', [db.settings, db.audit], async () => {
    const existing = await stored(db)
    if (existing)
      throw new CommitteeKeyError(
        'exists',
        `本机已有委员会数据密钥（指纹 ${existing.keyId}），不能再生成一把：其他电脑用的是这一把。`,
      )
    await db.settings.put({ key: COMMITTEE_KEY_SETTING, value: row, updatedAt: row.since })
    await appendAudit(db, { actor, action: 'create', entity: ENTITY, entityId: row.committeeId, fields: [] }, now)
    return infoOf(row)
  })
}

export interface JoinOptions {
  /**
   * Replace a different key this PC already holds. What this PC sealed under the old key (on the server,
   * and in its pending uploads) can then no longer be read here: only on the person's explicit choice.
   */
  replace?: boolean
}

/** Another PC of the committee: the key from the join code shown on a PC that has it. */
export async function joinWithCode(
  db: MediationDb,
  code: string,
  actor: string,
  options: JoinOptions = {},
  now = new Date(),
): Promise<CommitteeKeyInfo> {
  const reading = decodeJoinCode(code)
  if (!reading.ok) throw new CommitteeKeyError('badCode', reading.problem)
  const { committeeId, key } = reading.payload
  const own = await ownCommitteeId(db)
  if (own === undefined) throw new CommitteeKeyError('noCommittee', '请先完成本机的调解委员会设置，再输入加入码。')
  const keyId = await committeeKeyId(key)
  return db.transaction('rw', [db.settings, db.audit, db.committees, db.rooms, db.caseDocs, db.counters], async () => {
    if (own !== committeeId) await adoptCommittee(db, committeeId, actor, now)
    const existing = await stored(db)
    if (existing?.keyId === keyId) return infoOf(existing)
    if (existing && !options.replace)
      throw new CommitteeKeyError(
        'differentKey',
        `本机已有另一把委员会数据密钥（指纹 ${existing.keyId}），加入码中的密钥指纹是 ${keyId}。` +
          '如果替换，本机用旧密钥加密、已上传到服务器的案件将无法再读取。请先核对加入码是否来自本委员会正在使用的电脑。',
      )
    const row: StoredCommitteeKey = { committeeId, key, keyId, origin: 'joined', since: now.toISOString() }
    await db.settings.put({ key: COMMITTEE_KEY_SETTING, value: row, updatedAt: row.since })
    await appendAudit(
      db,
      { actor, action: existing ? 'update' : 'import', entity: ENTITY, entityId: committeeId, fields: [] },
      now,
    )
    return infoOf(row)
  })
}

/**
 * A PC set up on its own has a committee id of its own; joining takes the id of the committee it joins
 * (the case numbers, the server's database and the sealed documents are bound to it). Only a PC that has
 * taken no case and holds no key yet may do so: cases numbered under one committee cannot change committee.
 */
async function adoptCommittee(db: MediationDb, committeeId: string, actor: string, now: Date): Promise<void> {
  const ownId = (await db.settings.get(OWN_COMMITTEE_SETTING))?.value
  const committee =
    typeof ownId === 'string'
      ? await db.committees.get(ownId)
      : (await db.committees.toArray()).sort((a, b) => compareOrdinal(a.createdAt, b.createdAt))[0]
  const hasCases = (await db.caseDocs.count()) > 0 || (await db.counters.count()) > 0
  const taken = (await stored(db)) !== undefined || (await db.committees.get(committeeId)) !== undefined
  if (!committee || hasCases || taken)
    throw new CommitteeKeyError(
      'foreignCommittee',
      hasCases
        ? '这个加入码属于另一个调解委员会。本机已经登记过案件，不能再加入别的调解委员会；只有还没有登记案件的电脑可以用加入码加入。'
        : '这个加入码属于另一个调解委员会，不是本机正在同步的调解委员会，不能加入。请向本委员会已在同步的电脑索取加入码。',
    )
  await db.committees.delete(committee.id)
  // the committee's details as the committee keeps them replace what this PC's setup typed (laterChange.ts)
  await db.committees.add({ ...committee, id: committeeId, updatedAt: YIELDS_TO_SERVER })
  await db.settings.put({ key: OWN_COMMITTEE_SETTING, value: committeeId, updatedAt: now.toISOString() })
  await db.rooms.where('committeeId').equals(committee.id).modify({ committeeId })
  await appendAudit(db, { actor, action: 'update', entity: 'committee', entityId: committeeId, fields: ['id'] }, now)
}

/** The join code of the key this PC holds (80 characters, no separators); showing it is logged. */
export async function joinCodeFor(db: MediationDb, actor: string, now = new Date()): Promise<string> {
  return db.transaction('rw', [db.settings, db.audit], async () => {
    const row = await stored(db)
    if (!row) throw new CommitteeKeyError('noKey', '本机还没有委员会数据密钥，没有加入码可显示。')
    await appendAudit(
      db,
      { actor, action: 'show-join-code', entity: ENTITY, entityId: row.committeeId, fields: [] },
      now,
    )
    return encodeJoinCode({ committeeId: row.committeeId, key: row.key })
  })
}
