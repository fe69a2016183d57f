/**
 * The signing ledger (签发登记簿): one line per agreement version the committee key signed, each line
 * naming the hash of the line before it, so that a deleted, edited or reordered line is found. The
 * main process keeps it as a JSON-lines file, the browser preview in its own storage; both follow
 * these rules. A (case number, version) is signed once: the same content again gets the same answer,
 * other content is refused.
 */
import { canonicalJson, sha256Hex } from './canonical'

export const LEDGER_GENESIS = '0'.repeat(64)

export interface LedgerEntry {
  seq: number
  caseNo: string
  version: number
  /** SHA-256 of the agreement's canonical content */
  hash: string
  /** ISO time of signing */
  signedAt: string
  keyId: string
  /** SHA-256 of the previous line's text (LEDGER_GENESIS for the first) */
  prev: string
}

/** How far the ledger reaches: the number of lines and the hash of the last one. */
export interface LedgerHead {
  count: number
  lineHash: string
}

export const LEDGER_DAMAGED_MESSAGE = '签发登记簿已损坏或被改动，暂停签发。请联系技术支持检查本机数据。'
export const SIGNED_OTHER_CONTENT_MESSAGE = '该协议此版本已签发，不能再次签发不同内容'

export type LedgerRead =
  { ok: true; entries: LedgerEntry[]; head: LedgerHead } | { ok: false; message: string; line?: number }

/** The text of a new line after `head` (what is appended, without the newline). */
export function ledgerLine(entry: Omit<LedgerEntry, 'seq' | 'prev'>, head: LedgerHead): string {
  return canonicalJson({ ...entry, seq: head.count + 1, prev: head.lineHash })
}

export const EMPTY_LEDGER_HEAD: LedgerHead = { count: 0, lineHash: LEDGER_GENESIS }

const HEX64 = /^[0-9a-f]{64}$/

function parseEntry(text: string): LedgerEntry | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof raw !== 'object' || raw === null) return undefined
  const r = raw as Record<string, unknown>
  const ok =
    Number.isInteger(r.seq) &&
    typeof r.caseNo === 'string' &&
    Number.isInteger(r.version) &&
    typeof r.hash === 'string' &&
    HEX64.test(r.hash) &&
    typeof r.signedAt === 'string' &&
    typeof r.keyId === 'string' &&
    typeof r.prev === 'string' &&
    Object.keys(r).length === 7
  if (!ok) return undefined
  const entry = r as unknown as LedgerEntry
  // a line must be exactly as written: canonical text, so an edit that keeps it parseable is still seen
  return canonicalJson(entry) === text ? entry : undefined
}

/**
 * Reads the lines in order and checks every link; `head` (kept beside the lines) catches lines cut off
 * the end. A head one line behind is accepted: the line was written, the head not yet (a crash between).
 */
export function readLedger(lines: readonly string[], head: LedgerHead | undefined): LedgerRead {
  const entries: LedgerEntry[] = []
  const seen = new Set<string>()
  let current = EMPTY_LEDGER_HEAD
  const hashes: string[] = [LEDGER_GENESIS]
  for (const [i, text] of lines.entries()) {
    const entry = parseEntry(text)
    if (!entry || entry.seq !== i + 1 || entry.prev !== current.lineHash)
      return { ok: false, message: `签发登记簿第 ${i + 1} 行已损坏或被改动`, line: i + 1 }
    const key = `${entry.caseNo}\u0000${entry.version}`
    if (seen.has(key)) return { ok: false, message: `签发登记簿第 ${i + 1} 行重复登记了同一协议版本`, line: i + 1 }
    seen.add(key)
    entries.push(entry)
    current = { count: i + 1, lineHash: sha256Hex(text) }
    hashes.push(current.lineHash)
  }
  const known = head ?? EMPTY_LEDGER_HEAD
  const matches = (count: number) => count >= 0 && hashes[count] === known.lineHash && known.count === count
  if (!matches(current.count) && !matches(current.count - 1))
    return { ok: false, message: '签发登记簿的末尾记录缺失或被改动' }
  return { ok: true, entries, head: current }
}

/** What signing (case number, version, hash) means for this ledger. */
export type LedgerDecision = { kind: 'new' } | { kind: 'same'; entry: LedgerEntry } | { kind: 'conflict' }

export function ledgerDecision(
  entries: readonly LedgerEntry[],
  request: { caseNo: string; version: number; hash: string },
): LedgerDecision {
  const entry = entries.find((e) => e.caseNo === request.caseNo && e.version === request.version)
  if (!entry) return { kind: 'new' }
  return entry.hash === request.hash ? { kind: 'same', entry } : { kind: 'conflict' }
}

/** The highest version the ledger holds for a case number; 0 when it holds none. */
export function ledgerHighestVersion(entries: readonly LedgerEntry[], caseNo: string): number {
  return entries.reduce((highest, e) => (e.caseNo === caseNo && e.version > highest ? e.version : highest), 0)
}

/** Whether the ledger holds exactly this signed content. */
export function ledgerHolds(
  entries: readonly LedgerEntry[],
  request: { caseNo: string; version: number; hash: string; keyId: string },
): boolean {
  return entries.some(
    (e) =>
      e.caseNo === request.caseNo &&
      e.version === request.version &&
      e.hash === request.hash &&
      e.keyId === request.keyId,
  )
}

/**
 * Why the ledger does not vouch for a signature that IS the committee's (checked before this is asked).
 * 'before-ledger' (早期签署，未登记签名账本): the ledger has no line at all for this case number and
 * version, and the agreement says it was finalised before the ledger's first line (or the ledger is still
 * empty). Such an agreement is never shown as verified: before the ledger, the main process signed any
 * hash a page sent, so its stored signature proves only that a page asked for it, not that it was a
 * finalisation; entering it into the ledger would launder such signatures. It is told apart only so
 * that the 核验 screen can say plainly why, and what to check instead (the archived paper copy).
 * 'not-in-ledger': anything else — the ledger holds this version with other content, or the agreement
 * claims a time when every signature was already recorded: the record or the ledger was changed.
 */
export function unledgeredProblem(
  entries: readonly LedgerEntry[],
  request: { caseNo: string; version: number; finalizedAt?: string },
): 'before-ledger' | 'not-in-ledger' {
  if (entries.some((e) => e.caseNo === request.caseNo && e.version === request.version)) return 'not-in-ledger'
  const finalised = request.finalizedAt === undefined ? NaN : Date.parse(request.finalizedAt)
  if (Number.isNaN(finalised)) return 'not-in-ledger'
  const ledgerBegan = entries.length > 0 ? Date.parse(entries[0].signedAt) : Infinity
  return finalised < ledgerBegan ? 'before-ledger' : 'not-in-ledger'
}

/**
 * Why a signature made with another key than this PC's is not vouched for. 'other-key' (无法核验): the
 * ledger has no line for this case number and version, so the agreement was finalised on another PC or
 * by another committee (another PC's backup restored here, a case imported by transfer); nothing here
 * can prove it is the finalisation made there, nor that it was changed. 'signature' (与记录不符): this
 * PC signed that version itself, so a record naming another key was changed.
 */
export function foreignKeyProblem(
  entries: readonly LedgerEntry[],
  request: { caseNo: string; version: number },
): 'other-key' | 'signature' {
  return entries.some((e) => e.caseNo === request.caseNo && e.version === request.version) ? 'signature' : 'other-key'
}
