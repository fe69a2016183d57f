import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { GENESIS, linkEntry, verifyChain } from '../../../src/domain/audit'
import {
  auditReport,
  decideAnchor,
  type AnchorRecord,
  type AuditAnchors,
  type AuditCheck,
} from '../../../src/domain/auditAnchors'
import type { AuditEntry } from '../../../src/domain/types'
import { chainArb, KEY, WRONG_KEY } from './arbitraries'

const at = (iso: string) => iso
const record = (e: Pick<AuditEntry, 'seq' | 'hash'>, when = '2026-11-20T08:00:00.000Z'): AnchorRecord => ({
  seq: e.seq,
  hash: e.hash,
  at: when,
  kind: 'append',
})

/** Every anchor recorded at the chain's head, as they stand after the last append and a backup. */
function anchorsAtHead(chain: AuditEntry[]): AuditAnchors {
  const head = chain.at(-1)!
  return {
    host: { first: record(chain[0]), last: record(head), lastRestore: null },
    sentinel: { seq: head.seq, hash: head.hash, at: at('2026-11-21T08:00:00.000Z') },
    newestBackup: { seq: head.seq, hash: head.hash, at: at('2026-11-21T08:00:00.000Z'), name: 'b' },
    agreements: [],
  }
}

const report = (entries: AuditEntry[], anchors: AuditAnchors) =>
  auditReport(entries, verifyChain(entries, KEY), anchors)
const statusOf = (checks: AuditCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]))

describe('auditReport', () => {
  it('passes an untouched log whose anchors all agree', () => {
    fc.assert(
      fc.property(chainArb, (chain) => {
        const result = report(chain, anchorsAtHead(chain))
        expect(result.ok).toBe(true)
        expect(statusOf(result.checks)).toEqual({
          chain: 'passed',
          host: 'passed',
          sentinel: 'passed',
          backup: 'passed',
          agreements: 'skipped',
        })
      }),
    )
  })

  it('catches entries deleted from the end against every anchor, and says how many are missing', () => {
    fc.assert(
      fc.property(
        chainArb.filter((c) => c.length >= 2),
        fc.nat(),
        (chain, cut) => {
          const kept = 1 + (cut % (chain.length - 1))
          const truncated = chain.slice(0, kept)
          const result = report(truncated, anchorsAtHead(chain))
          expect(result.ok).toBe(false)
          const byId = Object.fromEntries(result.checks.map((c) => [c.id, c]))
          // the chain itself still holds: only the anchors can tell
          expect(byId.chain.status).toBe('passed')
          expect(byId.host).toEqual({
            id: 'host',
            status: 'failed',
            detail: `本机记录到第 ${chain.length} 条，现在只有 ${kept} 条：末尾的记录被删除`,
          })
          expect(byId.sentinel.status).toBe('failed')
          expect(byId.backup.detail).toBe(`备份中记录到第 ${chain.length} 条，现在只有 ${kept} 条：末尾的记录被删除`)
        },
      ),
    )
  })

  it('catches a log re-linked without the key at the chain check, and compares nothing after it', () => {
    fc.assert(
      fc.property(chainArb, (chain) => {
        const relinked: AuditEntry[] = []
        for (const { prevHash: _p, hash: _h, seq: _s, ...content } of chain)
          relinked.push(linkEntry(relinked.at(-1), content, WRONG_KEY))
        const result = report(relinked, anchorsAtHead(chain))
        expect(result.ok).toBe(false)
        expect(statusOf(result.checks)).toEqual({
          chain: 'failed',
          host: 'skipped',
          sentinel: 'skipped',
          backup: 'skipped',
          agreements: 'skipped',
        })
        expect(result.checks[0].detail).toBe(
          '第一处断裂在第 1 条：第 1 条记录的内容被改动，或不是用本机的审计密钥写入的',
        )
      }),
    )
  })

  it('catches a log rewritten and extended past the newest record by its first record', () => {
    fc.assert(
      fc.property(
        chainArb.filter((c) => c.length >= 3),
        (chain) => {
          // a forger holding the key (the worst case) rewrites the log from entry 1 and extends it
          const rewritten: AuditEntry[] = []
          for (const { prevHash: _p, hash: _h, seq: _s, ...content } of [...chain, chain[0]])
            rewritten.push(linkEntry(rewritten.at(-1), { ...content, actor: `${content.actor}y` }, KEY))
          const anchors: AuditAnchors = {
            ...anchorsAtHead(chain),
            // the forger's page reported its new head, which main accepted as longer
            host: { first: record(chain[1]), last: record(rewritten.at(-1)!), lastRestore: null },
          }
          const host = report(rewritten, anchors).checks.find((c) => c.id === 'host')!
          expect(host).toEqual({
            id: 'host',
            status: 'failed',
            detail: '第 2 条与本机记录的校验值不同：这一条或它之前的记录被改写',
          })
        },
      ),
    )
  })

  it('does not compare backups made before the last restore, and says so', () => {
    fc.assert(
      fc.property(
        chainArb.filter((c) => c.length >= 2),
        (chain) => {
          const restoredTo = chain.slice(0, 1)
          const restore: AnchorRecord = {
            ...record(chain[0], '2026-11-22T08:00:00.000Z'),
            kind: 'restore',
            backup: 'x',
          }
          const anchors: AuditAnchors = {
            ...anchorsAtHead(chain),
            host: { first: restore, last: restore, lastRestore: restore },
          }
          const result = report(restoredTo, anchors)
          expect(result.ok).toBe(true)
          expect(result.checks.find((c) => c.id === 'backup')).toEqual({
            id: 'backup',
            status: 'skipped',
            detail: '该备份早于最近一次恢复，不作比对',
          })
          expect(result.checks.find((c) => c.id === 'host')?.detail).toBe(
            '本机记录到第 1 条；2026-11-22 曾恢复到备份中的第 1 条',
          )
        },
      ),
    )
  })

  it('skips what it has nothing to compare with, without calling the log complete on that ground', () => {
    const chain = fc.sample(chainArb, 1)[0]
    const result = report(chain, { host: null, sentinel: null, newestBackup: null, agreements: [] })
    expect(result.ok).toBe(true)
    expect(statusOf(result.checks)).toEqual({
      chain: 'passed',
      host: 'skipped',
      sentinel: 'skipped',
      backup: 'skipped',
      agreements: 'skipped',
    })
  })
})

describe('finalised agreements as anchors', () => {
  const id = '0b6f6d0e-6d2e-4a59-9d0a-3b9e0f3c1a11'
  function withFinalize(chain: AuditEntry[]): { log: AuditEntry[]; head: string } {
    const head = chain.at(-1)!.hash
    const log = [
      ...chain,
      linkEntry(
        chain.at(-1),
        {
          id: crypto.randomUUID(),
          ts: 't',
          actor: 'a',
          action: 'finalize',
          entity: 'agreement',
          entityId: id,
          fields: [],
        },
        KEY,
      ),
    ]
    return { log, head }
  }

  it('agree when the finalize entry follows the head the agreement recorded', () => {
    fc.assert(
      fc.property(chainArb, (chain) => {
        const { log, head } = withFinalize(chain)
        const check = report(log, { ...anchorsAtHead(log), agreements: [{ id, chainHead: head }] }).checks.at(-1)
        expect(check).toEqual({
          id: 'agreements',
          status: 'passed',
          detail: '1 份本机签订的协议都在日志中找到',
        })
      }),
    )
  })

  it('disagree when the finalize entry was cut off, and skip one imported from another computer', () => {
    fc.assert(
      fc.property(chainArb, (chain) => {
        const { head } = withFinalize(chain)
        const anchors: AuditAnchors = {
          host: null,
          sentinel: null,
          newestBackup: null,
          agreements: [{ id, chainHead: head }],
        }
        expect(report(chain, anchors).checks.at(-1)).toEqual({
          id: 'agreements',
          status: 'failed',
          detail: '有一份已签协议的签订记录已从日志中删除',
        })
        const imported = { ...anchors, agreements: [{ id, chainHead: 'f'.repeat(64) }] }
        expect(report(chain, imported).checks.at(-1)).toEqual({
          id: 'agreements',
          status: 'skipped',
          detail: '本机没有签订过协议；1 份来自导入，不作比对',
        })
      }),
    )
  })

  it('disagree when the agreement recorded another head than the one its finalize entry follows', () => {
    const chain = fc.sample(chainArb, 1)[0]
    const { log } = withFinalize(chain)
    const check = report(log, {
      host: null,
      sentinel: null,
      newestBackup: null,
      agreements: [{ id, chainHead: GENESIS }],
    }).checks.at(-1)
    expect(check).toMatchObject({
      status: 'failed',
      detail: `第 ${chain.length + 1} 条记录的协议签订位置与协议中保存的不同`,
    })
  })
})

describe('decideAnchor', () => {
  const h = (c: string) => c.repeat(64)
  const backups = [{ name: 'backup-20261120-080000-manual.mrbak', seq: 3, hash: h('3') }]
  it.each([
    ['the first head', null, { seq: 0, hash: GENESIS }, { accept: true, kind: 'append' }],
    ['a longer log', { seq: 5, hash: h('5') }, { seq: 6, hash: h('6') }, { accept: true, kind: 'append' }],
    ['the same head again', { seq: 5, hash: h('5') }, { seq: 5, hash: h('5') }, { accept: true, kind: 'unchanged' }],
    [
      'a shorter log',
      { seq: 340, hash: h('a') },
      { seq: 335, hash: h('b') },
      { accept: false, reason: '日志比上次记录的短（记录到第 340 条，现在只有 335 条）' },
    ],
    [
      'the same seq with another hash',
      { seq: 5, hash: h('5') },
      { seq: 5, hash: h('6') },
      { accept: false, reason: '第 5 条的校验值与上次记录的不同' },
    ],
    [
      "exactly a backup's head (a restore)",
      { seq: 9, hash: h('9') },
      { seq: 3, hash: h('3') },
      { accept: true, kind: 'restore', backup: 'backup-20261120-080000-manual.mrbak' },
    ],
    [
      "a backup's seq with another hash",
      { seq: 9, hash: h('9') },
      { seq: 3, hash: h('4') },
      { accept: false, reason: '日志比上次记录的短（记录到第 9 条，现在只有 3 条）' },
    ],
  ] as const)('%s', (_name, last, next, expected) => {
    expect(decideAnchor(last, next, backups)).toEqual(expected)
  })
})

describe('decideAnchor with backup files opened for a restore (another PC’s, or one on a USB stick)', () => {
  const h = (c: string) => c.repeat(64)
  const opened = [{ name: '备份文件', seq: 12, hash: h('c') }]
  it.each([
    [
      'a longer log that is exactly an opened file’s head: a restore, not an append',
      { seq: 5, hash: h('5') },
      { seq: 12, hash: h('c') },
      { accept: true, kind: 'restore', backup: '备份文件' },
    ],
    [
      'a shorter one: a restore too',
      { seq: 40, hash: h('4') },
      { seq: 12, hash: h('c') },
      { accept: true, kind: 'restore', backup: '备份文件' },
    ],
    [
      'the opened head already recorded',
      { seq: 12, hash: h('c') },
      { seq: 12, hash: h('c') },
      { accept: true, kind: 'unchanged' },
    ],
    [
      'its seq with another hash: refused as before',
      { seq: 40, hash: h('4') },
      { seq: 12, hash: h('d') },
      { accept: false, reason: '日志比上次记录的短（记录到第 40 条，现在只有 12 条）' },
    ],
    [
      'the first head ever (nothing recorded yet): an append',
      null,
      { seq: 12, hash: h('c') },
      { accept: true, kind: 'append' },
    ],
  ] as const)('%s', (_name, last, next, expected) => {
    expect(decideAnchor(last, next, [], opened)).toEqual(expected)
  })
})

describe('the chain check’s words for a log restored from another PC', () => {
  const chainDetail = (verdict: Parameters<typeof auditReport>[1]) =>
    auditReport([], verdict, { host: null, sentinel: null, newestBackup: null, agreements: [] }).checks[0]!.detail
  it.each([
    [{ ok: true, head: GENESIS, length: 5, legacy: 0 }, '共 5 条记录，逐条用本机审计密钥校验'],
    [
      { ok: true, head: GENESIS, length: 5, legacy: 0, adopted: 3 },
      '共 5 条记录，逐条校验；其中 3 条来自另一台电脑的备份，用随备份恢复的审计密钥校验',
    ],
    [
      { ok: true, head: GENESIS, length: 5, legacy: 2, adopted: 3 },
      '共 5 条记录，逐条校验（其中前 2 条写于启用审计密钥之前，只有普通校验值；其中 3 条来自另一台电脑的备份，用随备份恢复的审计密钥校验）',
    ],
  ] as const)('%o', (verdict, detail) => {
    expect(chainDetail(verdict)).toBe(detail)
  })
})
