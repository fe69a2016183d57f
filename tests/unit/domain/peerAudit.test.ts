/**
 * The verdict on another PC's chain as received (src/domain/peerAudit.ts): a written-out table of what the
 * server can do to a chain, then a property: one random change to a random chain is reported as exactly
 * the check a plain reference (below) says, at the seq it names.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { verifyPeerChain, type PeerProblem, type PeerSlot } from '../../../src/domain/peerAudit'
import type { AuditEntry } from '../../../src/domain/types'
import { chainArb, KEY, WRONG_KEY } from '../audit/arbitraries'

const slotsOf = (chain: readonly AuditEntry[]): PeerSlot[] => chain.map((entry) => ({ seq: entry.seq, entry }))

type Change =
  | { kind: 'none' }
  | { kind: 'delete'; at: number }
  | { kind: 'garble'; at: number }
  | { kind: 'edit'; at: number }
  | { kind: 'noKey' }
  | { kind: 'wrongKey' }

/** The change applied to the slots and keys as the receiving PC would hold them. */
function apply(chain: readonly AuditEntry[], change: Change): { slots: PeerSlot[]; keys?: Uint8Array[] } {
  const slots = slotsOf(chain)
  switch (change.kind) {
    case 'none':
      return { slots, keys: [KEY] }
    case 'delete':
      return { slots: slots.filter((s) => s.seq !== change.at), keys: [KEY] }
    case 'garble':
      return { slots: slots.map((s) => (s.seq === change.at ? { seq: s.seq, unreadable: true } : s)), keys: [KEY] }
    case 'edit':
      return {
        slots: slots.map((s) =>
          s.seq === change.at ? { seq: s.seq, entry: { ...s.entry!, actor: 'x' + s.entry!.actor } } : s,
        ),
        keys: [KEY],
      }
    case 'noKey':
      return { slots }
    case 'wrongKey':
      return { slots, keys: [WRONG_KEY] }
  }
}

/** The reference: what each change must be reported as, worked out from the change alone. */
function expected(length: number, change: Change): { problem?: PeerProblem; seq?: number } {
  switch (change.kind) {
    case 'none':
      return {}
    case 'delete':
      return change.at === length ? { problem: 'truncated', seq: length } : { problem: 'missing', seq: change.at }
    case 'garble':
      return { problem: 'unreadable', seq: change.at }
    case 'edit':
      return { problem: 'mac', seq: change.at }
    case 'noKey':
      return { problem: 'noKey' }
    case 'wrongKey':
      return { problem: 'mac', seq: 1 }
  }
}

const changeArb = (length: number): fc.Arbitrary<Change> =>
  fc.oneof(
    fc.constant<Change>({ kind: 'none' }),
    fc.constant<Change>({ kind: 'noKey' }),
    fc.constant<Change>({ kind: 'wrongKey' }),
    ...(['delete', 'garble', 'edit'] as const).map((kind) =>
      fc.integer({ min: 1, max: length }).map((at): Change => ({ kind, at })),
    ),
  )

describe('verifyPeerChain', () => {
  const chain = fc.sample(
    chainArb.filter((c) => c.length === 5),
    { numRuns: 1, seed: 17 },
  )[0]!

  it.each([
    ['intact', { kind: 'none' }, { ok: true, length: 5, detail: '共 5 条，逐条校验通过' }],
    [
      'deleted in the middle',
      { kind: 'delete', at: 3 },
      { ok: false, problem: 'missing', seq: 3, detail: '第 3 条在服务器上缺失：被删除了' },
    ],
    [
      'the last deleted',
      { kind: 'delete', at: 5 },
      { ok: false, problem: 'truncated', seq: 5, detail: '服务器上曾有 5 条，现在只有 4 条：末尾的记录被删除' },
    ],
    [
      'a document that does not open',
      { kind: 'garble', at: 2 },
      { ok: false, problem: 'unreadable', seq: 2, detail: '第 2 条在服务器上被改动，无法解密' },
    ],
    [
      'content changed',
      { kind: 'edit', at: 4 },
      { ok: false, problem: 'mac', seq: 4, detail: '第 4 条的内容被改动：校验值与这台电脑的审计密钥不符' },
    ],
    [
      'no key received',
      { kind: 'noKey' },
      { ok: false, problem: 'noKey', detail: '还没有收到这台电脑的审计密钥，无法校验' },
    ],
  ] as const)('%s', (_name, change, verdict) => {
    const { slots, keys } = apply(chain, change as Change)
    expect(verifyPeerChain(slots, 5, keys)).toEqual(verdict)
  })

  it('a chain whose first entry was deleted, and nothing received yet', () => {
    expect(verifyPeerChain(slotsOf(chain).slice(1), 5, [KEY])).toMatchObject({ problem: 'missing', seq: 1 })
    expect(verifyPeerChain([], 0, undefined)).toEqual({
      ok: false,
      problem: 'noKey',
      detail: '还没有收到这台电脑的审计密钥，无法校验',
    })
    expect(verifyPeerChain([], 0, [KEY])).toEqual({ ok: true, length: 0, detail: '还没有记录' })
  })

  it('reports any one change to any chain as the reference says, in any order of the slots', () => {
    fc.assert(
      fc.property(
        chainArb.chain((c) => fc.tuple(fc.constant(c), changeArb(c.length), fc.boolean())),
        ([chain, change, reversed]) => {
          const { slots, keys } = apply(chain, change)
          const verdict = verifyPeerChain(reversed ? [...slots].reverse() : slots, chain.length, keys)
          const want = expected(chain.length, change)
          if (!want.problem) expect(verdict).toMatchObject({ ok: true, length: chain.length })
          else
            expect(verdict).toMatchObject({ ok: false, problem: want.problem, ...(want.seq ? { seq: want.seq } : {}) })
        },
      ),
    )
  })
})
