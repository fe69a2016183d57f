/**
 * Live sync: rounds of case replication (caseReplication.ts over this PC's Dexie store, dexieReplica.ts)
 * for as long as the app runs, and the state the shell's status line shows (src/domain/syncState.ts).
 *
 * - After a round it waits on the server's changes feed (`_changes?feed=longpoll`) and runs the next round
 *   when something arrives; a local write (a new row in the outbox, seen through Dexie's
 *   `storagemutated` event, or an explicit `nudge()`) starts one too, shortly after, so a burst of typing is one round.
 * - A server that cannot be reached is tried again after `retryDelayMs` (2 s doubling to 5 min, jittered);
 *   a local write does not cut that wait short, `syncNow()` does.
 * - A refusal (wrong password, another committee, a stopped account, plain http to another computer) is
 *   not retried: it needs a person. The next try is `syncNow()` or a new `LiveSync` once the settings
 *   changed (the store starts one afresh).
 * - One loop runs the rounds, so there are never two at once. Nothing waits on it: the UI reads snapshots.
 */
import { agreementCatchUpDue, catchUpAgreements } from './agreementCatchUp'
import { onTableWrites } from '../tableWrites'
import { checkServerAddress, retryDelayMs } from '../../domain/syncAddress'
import { seqNumber } from '../../domain/syncServer'
import { refusalOfSession, type SessionUser } from '../../domain/syncRefusal'
import { clockAheadOfServer, turnedAwayByReason, type SyncRefusal, type SyncSnapshot } from '../../domain/syncState'
import type { MediationDb } from '../schema'
import { pullAttachments, pushAttachments } from './attachmentReplication'
import { pullCases, pushCases } from './caseReplication'
import { DexieAttachments } from './dexieAttachments'
import { DexieRecords } from './dexieRecords'
import { pullRecords, pushRecords } from './recordReplication'
import { dexieRoster, localRosterFingerprint } from './dexieRoster'
import { ROSTER_TYPES, syncRoster } from './rosterReplication'
import { couchJson, SyncHttpError, type RemoteDb } from './couchHttp'
import { ChangedMeanwhileError, DexieReplica } from './dexieReplica'
import { joinServer } from './join'
import type { CommitteeKey } from './seal'
import { pullAudit } from './auditPull'
import { inCaseWriteSeries } from '../caseWrites'
import { pushAudit } from './auditPush'
import { AUDIT_CHAIN_SUBJECT, agreementsFinalisedElsewhere, nameTurnedAway } from './turnedAwaySubjects'
import { storeKeys } from '../keys'

export interface LiveSyncSources {
  /** undefined: not configured */
  remote(): Promise<RemoteDb | undefined>
  committeeKey(): Promise<CommitteeKey | undefined>
  /** extra work each round after the cases (sync-numbers' topUpNumbers plugs in here) */
  afterRound?: (remote: RemoteDb) => Promise<void>
}

export interface LiveSyncOptions {
  onSnapshot?: (snapshot: SyncSnapshot) => void
  /** how long the server holds a longpoll open (a proxy may cut it sooner; we then ask again) */
  longpollMs?: number
  /** from a local write to the round that sends it: a burst of edits goes in one round */
  nudgeDelayMs?: number
  /** rooms or mediators were taken from the server (the settings the screens hold are read again) */
  onRosterTaken?: () => void
  /** the wait after `failures` consecutive failures (tests shorten it; the app uses the domain's rule) */
  retryDelay?: (failures: number) => number
}

const LONGPOLL_MS = 25_000
/** beyond the server's own timeout: pouchdb-server does not honour `timeout`, a proxy may hold on */
const LONGPOLL_GRACE_MS = 5_000
const NUDGE_DELAY_MS = 150
/** from a write to the outbox to its new count (a burst of writes is counted once) */
const RECOUNT_MS = 100

type Wake = 'nudge' | 'now' | 'stop'

/** Why a round failed: a refusal needs a person, a local edit meanwhile only another round. */
type Failure = { kind: 'refused'; refusal: SyncRefusal } | { kind: 'changedMeanwhile' } | { kind: 'unreachable' }

/** The replica, telling the loop how far the pull has come (for 正在同步 N 条). */
class ProgressReplica extends DexieReplica {
  constructor(
    db: MediationDb,
    private readonly progressed: (since: string) => void,
  ) {
    super(db)
  }

  override async writeCheckpoint(since: string): Promise<void> {
    await super.writeCheckpoint(since)
    this.progressed(since)
  }
}

/** A list for the snapshot: left out when empty (the snapshot says only what there is). */
const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined)

function getJson(remote: RemoteDb, url: string): Promise<unknown> {
  return couchJson(remote, 'GET', url)
}

/** The server's root (where `_session` is) and the database's name, from the database URL. */
function splitDatabaseUrl(url: string): { root: string; name: string } {
  const cut = url.lastIndexOf('/')
  return { root: url.slice(0, cut), name: decodeURIComponent(url.slice(cut + 1)) }
}

export class LiveSync {
  private readonly replica: ProgressReplica
  private snapshot: SyncSnapshot = {
    configured: false,
    // until an attempt fails the server is taken to be there: the first round says 正在同步, not 离线
    online: true,
    pendingUpload: 0,
    conflicts: 0,
  }
  private published = ''
  private stopped = false
  private running?: Promise<void>
  private waiting?: { on: ReadonlySet<Wake>; wake: () => void }
  private nudged = false
  /** syncNow() after a refusal: one more try */
  private askedAgain = false
  private nudgeTimer?: ReturnType<typeof setTimeout>
  private failures = 0
  private unwatch?: () => void
  private recountTimer?: ReturnType<typeof setTimeout>
  /** the newest outbox row seen; rows from before start() go in the first round anyway */
  private newestOutboxAt = Date.now()
  /** changes the server has that the pull has not reached yet (an estimate from sequence numbers) */
  private incoming = 0
  private serverSeq = 0
  private queued = false
  private readonly stopping = new AbortController()
  /** rooms or mediators may differ from the server's: at start, after a local change or one seen in the feed */
  private rosterDue = true
  /** this PC's rooms and mediators as the last pass left them: a write that changes them is a local change */
  private rosterSeen?: string
  private rosterPassing = false
  private rosterCheckTimer?: ReturnType<typeof setTimeout>
  private roundWaiters: (() => void)[] = []
  private readonly longpollMs: number
  private readonly nudgeDelayMs: number
  private readonly retryDelay: (failures: number) => number
  /** the agreements were read again after the upgrade (agreementCatchUp.ts): not asked again each round */
  private agreementsCaughtUp = false

  constructor(
    private readonly db: MediationDb,
    private readonly sources: LiveSyncSources,
    private readonly options: LiveSyncOptions = {},
  ) {
    this.replica = new ProgressReplica(db, (since) => this.pulledUpTo(since))
    this.longpollMs = options.longpollMs ?? LONGPOLL_MS
    this.nudgeDelayMs = options.nudgeDelayMs ?? NUDGE_DELAY_MS
    this.retryDelay = options.retryDelay ?? ((n) => retryDelayMs(n, Math.random()))
  }

  get current(): SyncSnapshot {
    return this.snapshot
  }

  start(): void {
    if (this.running || this.stopped) return
    this.watchOutbox()
    this.running = this.loop()
  }

  /** Ends the loop: the longpoll is aborted, a round under way finishes its current request first. */
  async stop(): Promise<void> {
    this.stopped = true
    this.stopping.abort()
    clearTimeout(this.nudgeTimer)
    this.unwatch?.()
    clearTimeout(this.recountTimer)
    clearTimeout(this.rosterCheckTimer)
    this.signal('stop')
    await this.running
    this.settleRoundWaiters()
  }

  /** A local write: a round soon (not during a wait after a failure: that ends on its own, or by syncNow). */
  nudge(): void {
    if (this.stopped) return
    this.nudged = true
    clearTimeout(this.nudgeTimer)
    this.nudgeTimer = setTimeout(() => this.signal('nudge'), this.nudgeDelayMs)
  }

  /**
   * A round now, whatever the loop was waiting for (a failure's backoff, a refusal: the person says to try
   * again). Resolves when that round ended, whether or not it succeeded; nothing needs to wait for it.
   */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve()
    const done = new Promise<void>((resolve) => this.roundWaiters.push(resolve))
    this.nudged = true
    // a refusal stays said until the server answers otherwise
    this.askedAgain = true
    this.failures = 0
    this.signal('now')
    return done
  }

  private signal(w: Wake): void {
    if (this.waiting?.on.has(w)) this.waiting.wake()
  }

  /**
   * Waits until one of `on` is signalled, `ms` passed (undefined: no time limit) or `end()` is called;
   * `abort` is aborted when the wait ends (the longpoll under it).
   */
  private pause(on: Wake[], ms?: number, abort?: AbortController): { done: Promise<void>; end: () => void } {
    let end = (): void => undefined
    const done = new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => end(), ms)
      end = () => {
        clearTimeout(timer)
        if (this.waiting?.wake === end) this.waiting = undefined
        abort?.abort()
        resolve()
      }
      this.waiting = { on: new Set<Wake>(on), wake: end }
      if (this.stopped) end()
    })
    return { done, end }
  }

  private settleRoundWaiters(): void {
    const waiters = this.roundWaiters
    this.roundWaiters = []
    for (const resolve of waiters) resolve()
  }

  private update(change: Partial<SyncSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change }
    for (const k of Object.keys(change) as (keyof SyncSnapshot)[]) if (change[k] === undefined) delete this.snapshot[k]
    if (this.snapshot.syncing)
      this.snapshot.syncing = {
        remaining: this.incoming + Math.max(0, this.snapshot.pendingUpload - this.snapshot.conflicts),
      }
    const text = JSON.stringify(this.snapshot)
    if (text === this.published) return
    this.published = text
    this.options.onSnapshot?.(this.snapshot)
  }

  /**
   * The outbox and the conflicts, counted again shortly after a write to either commits (Dexie's
   * `storagemutated`, fired for every committed transaction of this page). Not a liveQuery: that would
   * count again after each of the thousands of writes of a first pull; here a burst is counted once.
   * A row newer than any seen is a local write, which starts a round (the rows a round removes do not).
   */
  private watchOutbox(): void {
    const outbox = onTableWrites(this.db, ['syncOutbox', 'syncConflicts'], () => this.recountSoon())
    const roster = onTableWrites(this.db, ['committees', 'rooms', 'mediators'], () => this.checkRosterSoon())
    this.unwatch = () => {
      outbox()
      roster()
    }
    this.recountSoon()
  }

  private recountSoon(): void {
    if (this.recountTimer !== undefined || this.stopped) return
    this.recountTimer = setTimeout(() => {
      this.recountTimer = undefined
      // a failed count leaves the last one shown; the next change counts again
      this.recount().catch(() => undefined)
    }, RECOUNT_MS)
  }

  private async recount(): Promise<void> {
    const { db } = this
    const [pendingUpload, conflicts, newest] = await Promise.all([
      db.syncOutbox.count(),
      db.syncConflicts.count(),
      db.syncOutbox.orderBy('at').last(),
    ])
    if (this.stopped) return
    const newestAt = newest?.at ?? -1
    const now = Date.now()
    // the clock was put back since the last count (it ran ahead): what was seen then, stamped by that clock,
    // says nothing of the writes of now, which would all look older (no round until the longpoll came back)
    const clockPutBack = this.newestOutboxAt > now
    if (newestAt > this.newestOutboxAt || clockPutBack) {
      // never past this PC's clock, for the same reason: a row written while the clock ran ahead
      this.newestOutboxAt = Math.min(newestAt, now)
      this.nudge()
    }
    this.update({ pendingUpload, conflicts })
  }

  private pulledUpTo(since: string): void {
    this.incoming = Math.max(0, this.serverSeq - seqNumber(since))
    this.update({})
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const configured = await this.sources.remote().catch(() => undefined)
      // every request of the loop ends at once when stop() is called, whatever it waits for
      const remote = configured && { ...configured, signal: this.stopping.signal }
      const key = remote && (await this.sources.committeeKey().catch(() => undefined))
      if (!remote || !key) {
        // not configured (or this PC has not joined the committee yet): nothing to say, nothing to try
        this.update({ configured: false })
        this.settleRoundWaiters()
        await this.pause(['now', 'stop']).done
        continue
      }
      this.update({ configured: true })
      if (this.snapshot.refused && !this.askedAgain) {
        this.settleRoundWaiters()
        await this.pause(['now', 'stop']).done
        continue
      }
      // a syncNow() asked during this round waits for the next one
      const waiters = this.roundWaiters
      this.roundWaiters = []
      this.askedAgain = false
      const failure = await this.round(remote, key)
      for (const resolve of waiters) resolve()
      if (this.stopped) return
      if (!failure) {
        this.failures = 0
        if (this.nudged) continue
        const broken = await this.waitForChange(remote)
        if (broken && !this.stopped) await this.failed(broken)
      } else await this.failed(failure)
    }
  }

  private async failed(failure: Failure): Promise<void> {
    if (failure.kind === 'refused') {
      this.update({ refused: failure.refusal, syncing: undefined })
      return
    }
    // a case edited while the round wrote it: the next round takes it (no failure of the server)
    if (failure.kind === 'changedMeanwhile') return
    this.failures++
    this.update({ online: false, syncing: undefined })
    // 立即同步 asked while this round ran (its signal found no wait to end): its round comes now
    if (this.roundWaiters.length) return
    await this.pause(['now', 'stop'], this.retryDelay(this.failures)).done
  }

  /** One round: pull and push the cases, then the extra work; a failure is classified, never thrown. */
  private async round(remote: RemoteDb, key: CommitteeKey): Promise<Failure | undefined> {
    this.nudged = false
    if (!checkServerAddress(remote.url).ok) return { kind: 'refused', refusal: 'insecure' }
    try {
      if (!this.queued) {
        // cases stored before this PC joined, or before the outbox existed, go up in the first round
        await joinServer(this.db)
        this.queued = true
      }
      const info = (await getJson(remote, remote.url)) as { update_seq?: string | number }
      this.serverSeq = seqNumber(info.update_seq)
      this.incoming = Math.max(0, this.serverSeq - seqNumber(await this.replica.readCheckpoint()))
      this.update({ online: true, syncing: { remaining: 0 } })
      // pull first (a push then meets fewer conflicts); the other records ride on the cases' feed
      const records = new DexieRecords(this.db)
      const files = new DexieAttachments(this.db)
      // asked before the pull: a PC's first pull reads everything and leaves nothing to catch up
      const catchUpDue = !this.agreementsCaughtUp && (await agreementCatchUpDue(this.db))
      // the case list answers from what it holds while the pull writes batch after batch (src/db/caseWrites.ts)
      const pull = await inCaseWriteSeries(this.db, () =>
        pullCases(remote, this.replica, key, async (docs) => {
          await pullRecords(records, key, docs)
          await pullAttachments(remote, files, key, docs)
          await pullAudit(this.db, key, docs)
        }),
      )
      // agreements a version before the keyed digest passed over, read again once after the upgrade
      if (catchUpDue) await catchUpAgreements(this.db, remote, records, key)
      this.agreementsCaughtUp = true
      // what the server turned away (id -> the reason shown), named for 设置 → 同步 below
      const refused: Record<string, string> = {
        ...(await pushCases(remote, this.replica, key)).refused,
        ...(await pushRecords(remote, records, key)).refused,
        ...(await pushAttachments(remote, files, key)).refused,
      }
      const audit = await pushAudit(remote, this.db, key, await storeKeys())
      this.incoming = 0
      if (pull.otherTypes.some((t) => (ROSTER_TYPES as readonly string[]).includes(t))) this.rosterDue = true
      if (this.rosterDue) Object.assign(refused, await this.rosterPass(remote, key))
      const turnedAway = await nameTurnedAway(this.db, refused)
      if (audit.refused) turnedAway.push({ reason: audit.refused.reason, subject: AUDIT_CHAIN_SUBJECT })
      await this.sources.afterRound?.(remote)
      this.update({
        syncing: undefined,
        refused: undefined,
        clockAhead: clockAheadOfServer(turnedAway) || undefined,
        turnedAway: turnedAwayByReason(turnedAway),
        agreementsFinalisedElsewhere: nonEmpty(agreementsFinalisedElsewhere(refused)),
        lastSyncedAt: new Date().toISOString(),
      })
      return undefined
    } catch (e) {
      this.incoming = 0
      this.update({ syncing: undefined })
      return this.classify(remote, e)
    }
  }

  /**
   * Rooms and mediators, both ways; what it leaves is what later local writes are compared with. Returns
   * what the server turned away (its document id -> the reason shown).
   */
  private async rosterPass(remote: RemoteDb, key: CommitteeKey): Promise<Record<string, string>> {
    this.rosterDue = false
    this.rosterPassing = true
    try {
      const roster = await syncRoster(remote, dexieRoster(this.db), key)
      this.rosterSeen = roster.fingerprint
      // another PC wrote first, or the server turned ours away (a clock ahead): decided again next round
      if (roster.raced || Object.keys(roster.refused).length) this.rosterDue = true
      if (roster.taken) this.options.onRosterTaken?.()
      return roster.refused
    } catch (e) {
      this.rosterDue = true
      throw e
    } finally {
      this.rosterPassing = false
      this.checkRosterSoon()
    }
  }

  /**
   * After rooms or mediators were written: a round if they now differ from what the last pass left (an
   * edit here), none if not (the pass's own writes). Not while a pass runs: it checks when it ends.
   */
  private checkRosterSoon(): void {
    if (this.rosterCheckTimer !== undefined || this.stopped) return
    this.rosterCheckTimer = setTimeout(() => {
      this.rosterCheckTimer = undefined
      if (this.rosterPassing || this.stopped) return
      localRosterFingerprint(this.db)
        .then((now) => {
          if (this.stopped || now === this.rosterSeen) return
          this.rosterDue = true
          this.nudge()
        })
        .catch(() => undefined)
    }, RECOUNT_MS)
  }

  /** Waits for a change on the server, a local write or stop(); returns a failure if the feed broke. */
  private async waitForChange(remote: RemoteDb): Promise<Failure | undefined> {
    const abort = new AbortController()
    const wait = this.pause(['nudge', 'now', 'stop'], this.longpollMs + LONGPOLL_GRACE_MS, abort)
    try {
      const since = (await this.replica.readCheckpoint()) ?? '0'
      const query = `feed=longpoll&limit=1&since=${encodeURIComponent(since)}&timeout=${this.longpollMs}`
      await couchJson(remote, 'GET', `${remote.url}/_changes?${query}`, {
        signal: abort.signal,
        timeoutMs: this.longpollMs + 2 * LONGPOLL_GRACE_MS,
      })
      return undefined
    } catch (e) {
      // aborted by our own clock, a local write or stop(): not a failure
      if (abort.signal.aborted) return undefined
      return this.classify(remote, e)
    } finally {
      wait.end()
      await wait.done
    }
  }

  private async classify(remote: RemoteDb, e: unknown): Promise<Failure> {
    if (e instanceof ChangedMeanwhileError) return { kind: 'changedMeanwhile' }
    if (e instanceof SyncHttpError && (e.status === 401 || e.status === 403)) {
      const { root, name } = splitDatabaseUrl(remote.url)
      try {
        const session = (await getJson(remote, `${root}/_session`)) as { userCtx?: SessionUser }
        return { kind: 'refused', refusal: refusalOfSession(name, session.userCtx) }
      } catch (asked) {
        if (asked instanceof SyncHttpError && asked.status === 401)
          return { kind: 'refused', refusal: refusalOfSession(name, undefined) }
        return { kind: 'unreachable' }
      }
    }
    // no answer, a server error, an answer that is not CouchDB's: tried again after a while
    return { kind: 'unreachable' }
  }
}
