/**
 * The verdict on another PC's chain as received (src/domain/peerAudit.ts): a written-out table of what the
 * server can do to a chain, then a property: one random change to a random chain is reported as exactly
 * the check a plain reference (below) says, at the seq it names.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  UNSIGNED,
  verifyPeerChain,
  type PeerProblem,
  type PeerSigning,
  type PeerSlot,
} from '../../../src/domain/peerAudit'
import type { AuditEntry } from '../../../src/domain/types'
import { chainArb, KEY, WRONG_KEY } from '../audit/arbitraries'

/** Signed to its end by the chain's own PC: the signatures vouch for every entry. */
const SIGNED: PeerSigning = { publicKey: true, signedThrough: 25 }

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
    expect(verifyPeerChain(slots, 5, keys, SIGNED)).toEqual(verdict)
  })

  it('a chain whose first entry was deleted, and nothing received yet', () => {
    expect(verifyPeerChain(slotsOf(chain).slice(1), 5, [KEY], SIGNED)).toMatchObject({ problem: 'missing', seq: 1 })
    expect(verifyPeerChain([], 0, undefined, SIGNED)).toEqual({
      ok: false,
      problem: 'noKey',
      detail: '还没有收到这台电脑的审计密钥，无法校验',
    })
    expect(verifyPeerChain([], 0, [KEY], SIGNED)).toEqual({ ok: true, length: 0, detail: '还没有记录' })
    expect(verifyPeerChain([], 0, [KEY], UNSIGNED)).toEqual({ ok: true, length: 0, detail: '还没有记录' })
  })

  it('reports any one change to any chain as the reference says, in any order of the slots', () => {
    fc.assert(
      fc.property(
        chainArb.chain((c) => fc.tuple(fc.constant(c), changeArb(c.length), fc.boolean())),
        ([chain, change, reversed]) => {
          const { slots, keys } = apply(chain, change)
          const verdict = verifyPeerChain(reversed ? [...slots].reverse() : slots, chain.length, keys, SIGNED)
          const want = expected(chain.length, change)
          if (!want.problem) expect(verdict).toMatchObject({ ok: true, length: chain.length })
          else
            expect(verdict).toMatchObject({ ok: false, problem: want.problem, ...(want.seq ? { seq: want.seq } : {}) })
        },
      ),
    )
  })

  it.each([
    [
      'a chain from a version before signing: verified by its MACs, said to be unsigned',
      UNSIGNED,
      { ok: true, length: 5, detail: '共 5 条，逐条校验通过；这台电脑的软件版本较旧，记录没有签名' },
    ],
    [
      'signed through 3 of 5: the entries after were not written by the chain’s PC',
      { publicKey: true, signedThrough: 3 },
      {
        ok: false,
        problem: 'unsigned',
        seq: 4,
        detail: '第 4 条起没有这台电脑的签名：可能是本委员会的另一台电脑冒写的',
      },
    ],
    [
      'a signing key published but no signature verifies',
      { publicKey: true, signedThrough: 0 },
      {
        ok: false,
        problem: 'unsigned',
        seq: 1,
        detail: '第 1 条起没有这台电脑的签名：可能是本委员会的另一台电脑冒写的',
      },
    ],
    [
      'the signing key replaced, even with every entry signed under the first',
      { publicKey: true, keyChanged: true, signedThrough: 5 },
      {
        ok: false,
        problem: 'keyChanged',
        detail: '这台电脑的签名密钥在服务器上被换成了另一个：记录可能是本委员会的另一台电脑冒写的',
      },
    ],
  ] as const)('%s', (_name, signing, verdict) => {
    expect(verifyPeerChain(slotsOf(chain), 5, [KEY], signing)).toEqual(verdict)
  })

  it('checks the links and MACs before the signatures: an edited entry is a MAC failure, not a missing signature', () => {
    const { slots, keys } = apply(chain, { kind: 'edit', at: 2 })
    expect(verifyPeerChain(slots, 5, keys, { publicKey: true, signedThrough: 1 })).toMatchObject({
      problem: 'mac',
      seq: 2,
    })
  })
})
