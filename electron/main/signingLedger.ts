/**
 * The signing ledger's file in userData: JSON lines, appended and fsynced, and a small head file
 * (count and last line's hash, replaced atomically) so that lines cut off the end are noticed. The
 * rules (links, duplicates, what a head may say) are src/domain/signingLedger.ts.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { sha256Hex } from '../../src/domain/canonical'
import {
  ledgerLine,
  readLedger,
  type LedgerEntry,
  type LedgerHead,
  type LedgerRead,
} from '../../src/domain/signingLedger'

export const LEDGER_FILE = 'agreement-signing-ledger.jsonl'
export const LEDGER_HEAD_FILE = 'agreement-signing-ledger.head.json'

export interface SigningLedgerFile {
  read(): LedgerRead
  /** appends one line after `head` (the head `read` returned) and makes it durable before returning */
  append(entry: Omit<LedgerEntry, 'seq' | 'prev'>, head: LedgerHead): void
}

function writeDurably(file: string, text: string, flags: 'a' | 'w'): void {
  const fd = openSync(file, flags, 0o600)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function readHead(file: string): LedgerHead | undefined | 'unreadable' {
  if (!existsSync(file)) return undefined
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<LedgerHead>
    if (!Number.isInteger(raw.count) || typeof raw.lineHash !== 'string') return 'unreadable'
    return { count: raw.count!, lineHash: raw.lineHash }
  } catch {
    return 'unreadable'
  }
}

export function signingLedgerFile(dir: string): SigningLedgerFile {
  const linesFile = join(dir, LEDGER_FILE)
  const headFile = join(dir, LEDGER_HEAD_FILE)
  return {
    read() {
      const head = readHead(headFile)
      if (head === 'unreadable') return { ok: false, message: '签发登记簿的末尾记录缺失或被改动' }
      const text = existsSync(linesFile) ? readFileSync(linesFile, 'utf8') : ''
      if (text !== '' && !text.endsWith('\n')) return { ok: false, message: '签发登记簿最后一行不完整' }
      const lines = text === '' ? [] : text.slice(0, -1).split('\n')
      return readLedger(lines, head)
    },
    append(entry, head) {
      const line = ledgerLine(entry, head)
      writeDurably(linesFile, `${line}\n`, 'a')
      const tmp = `${headFile}.tmp`
      writeDurably(tmp, JSON.stringify({ count: head.count + 1, lineHash: sha256Hex(line) }), 'w')
      renameSync(tmp, headFile)
    },
  }
}
