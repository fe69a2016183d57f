import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { GENESIS, keyedLink, legacyLink, linkEntry, verifyChain, type AuditContent } from '../../../src/domain/audit'
import type { AuditEntry } from '../../../src/domain/types'
import { buildChain, chainArb, contentArb, KEY, WRONG_KEY } from './arbitraries'

/** The canonical text written out by hand: sorted keys, caseId null when absent (the reference). */
function referenceText(prevHash: string, e: AuditContent): string {
  return JSON.stringify({
    action: e.action,
    actor: e.actor,
    caseId: e.caseId ?? null,
    entity: e.entity,
    entityId: e.entityId,
    fields: e.fields,
    id: e.id,
    prevHash,
    seq: e.seq,
    ts: e.ts,
  })
}
const referenceHmac = (key: Uint8Array, prevHash: string, e: AuditContent) =>
  createHmac('sha256', key).update(referenceText(prevHash, e), 'utf8').digest('hex')
const referenceSha256 = (prevHash: string, e: AuditContent) =>
  createHash('sha256').update(referenceText(prevHash, e), 'utf8').digest('hex')

/** A log as an older version wrote it: plain SHA-256 links (node:crypto, not the code under test). */
function plainChain(contents: readonly Omit<AuditContent, 'seq'>[]): AuditEntry[] {
  const chain: AuditEntry[] = []
  for (const content of contents) {
    const prevHash = chain.at(-1)?.hash ?? GENESIS
    const entry = { ...content, seq: chain.length + 1 }
    chain.push({ ...entry, prevHash, hash: referenceSha256(prevHash, entry) })
  }
  return chain
}

type Tamper = (chain: AuditEntry[]) => AuditEntry[] | undefined

/** Each tamper returns a different chain, or undefined when it cannot apply to this one. */
const tamperArb: fc.Arbitrary<{ name: string; apply: Tamper }> = fc.oneof(
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('ts', 'actor', 'action', 'entity', 'entityId', 'fields', 'caseId', 'seq', 'prevHash', 'hash'),
      fc.string({ minLength: 1, maxLength: 4 }),
    )
    .map(([at, field, text]) => ({
      name: `edit ${field}`,
      apply: (chain: AuditEntry[]) => {
        const index = at % chain.length
        const victim = chain[index]
        const edited: AuditEntry =
          field === 'seq'
            ? { ...victim, seq: victim.seq + 1 + (text.length % 3) }
            : field === 'fields'
              ? { ...victim, fields: [...victim.fields, text] }
              : { ...victim, [field]: String(victim[field as keyof AuditEntry] ?? '') + text }
        return chain.map((entry, i) => (i === index ? edited : entry))
      },
    })),
  fc.nat().map((at) => ({
    name: 'delete',
    apply: (chain: AuditEntry[]) => chain.filter((_, i) => i !== at % chain.length),
  })),
  fc.tuple(fc.nat(), contentArb).map(([at, content]) => ({
    name: 'insert',
    apply: (chain: AuditEntry[]) => {
      const index = at % chain.length
      const { caseId: _caseId, ...rest } = content
      // a forger links the new entry properly onto its predecessor, with the only key it can have
      const forged = linkEntry(chain[index - 1], rest, WRONG_KEY)
      return [...chain.slice(0, index), forged, ...chain.slice(index)]
    },
  })),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => ({
    name: 'swap',
    apply: (chain: AuditEntry[]) => {
      const i = a % chain.length
      const j = b % chain.length
      if (i === j) return undefined
      const copy = [...chain]
      ;[copy[i], copy[j]] = [copy[j], copy[i]]
      return copy
    },
  })),
)

describe('audit chain links', () => {
  it('are HMAC-SHA256 under the audit key over the canonical entry and the previous link', () => {
    fc.assert(
      fc.property(contentArb, fc.nat({ max: 1000 }), (content, seq) => {
        const entry = { ...content, seq: seq + 1 }
        expect(keyedLink(KEY, GENESIS, entry)).toBe(referenceHmac(KEY, GENESIS, entry))
        expect(keyedLink(KEY, '1'.repeat(64), entry)).toBe(referenceHmac(KEY, '1'.repeat(64), entry))
        expect(legacyLink(GENESIS, entry)).toBe(referenceSha256(GENESIS, entry))
        // property order does not matter
        const reversed = Object.fromEntries(Object.entries(entry).reverse()) as typeof entry
        expect(keyedLink(KEY, GENESIS, reversed)).toBe(referenceHmac(KEY, GENESIS, entry))
      }),
    )
  })

  it('are written with the key given: a new entry links onto the last one', () => {
    const [first, second] = buildChain(fc.sample(contentArb, 2), KEY)
    expect(first.prevHash).toBe(GENESIS)
    expect(first.hash).toBe(referenceHmac(KEY, GENESIS, first))
    expect(second.seq).toBe(2)
    expect(second.prevHash).toBe(first.hash)
    expect(second.hash).toBe(referenceHmac(KEY, first.hash, second))
  })
})

describe('verifyChain', () => {
  it('verifies an untouched chain of any length with its key, and no chain with another key', () => {
    expect(verifyChain([], KEY)).toEqual({ ok: true, head: GENESIS, length: 0, legacy: 0 })
    fc.assert(
      fc.property(chainArb, (chain) => {
        expect(verifyChain(chain, KEY)).toEqual({ ok: true, head: chain.at(-1)!.hash, length: chain.length, legacy: 0 })
        expect(verifyChain(chain, WRONG_KEY)).toMatchObject({ ok: false, brokenAtSeq: 1 })
      }),
    )
  })

  it('detects any edit, deletion, insertion or swap that does not only cut the end off', () => {
    fc.assert(
      fc.property(chainArb, tamperArb, (chain, tamper) => {
        const tampered = tamper.apply(chain)
        fc.pre(tampered !== undefined && JSON.stringify(tampered) !== JSON.stringify(chain))
        const cutAtEnd = tampered!.length < chain.length && tampered!.every((e, i) => e === chain[i])
        fc.pre(!cutAtEnd)
        const verdict = verifyChain(tampered!, KEY)
        expect(verdict.ok, tamper.name).toBe(false)
        if (!verdict.ok) {
          expect(verdict.brokenAtSeq).toBeGreaterThanOrEqual(1)
          expect(verdict.brokenAtSeq).toBeLessThanOrEqual(chain.length + 1)
          expect(verdict.reason).toMatch(/第 \d+ 条/)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('detects an edit re-linked to the end without the key, at the edited entry', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (chain, at) => {
        const index = at % chain.length
        // the forger edits one entry and recomputes every link from there on, with a key of its own
        const relinked = chain.slice(0, index)
        for (const entry of chain.slice(index)) {
          const { prevHash: _p, hash: _h, seq: _s, ...content } = entry
          const edited = entry.seq === index + 1 ? { ...content, actor: `${content.actor}x` } : content
          relinked.push(linkEntry(relinked.at(-1), edited, WRONG_KEY))
        }
        expect(relinked.map((e) => e.seq)).toEqual(chain.map((e) => e.seq))
        expect(verifyChain(relinked, KEY)).toEqual({
          ok: false,
          brokenAtSeq: index + 1,
          kind: 'mac',
          reason: `第 ${index + 1} 条记录的内容被改动，或不是用本机的审计密钥写入的`,
        })
      }),
    )
  })

  it('points at the first broken link', () => {
    fc.assert(
      fc.property(
        chainArb.filter((c) => c.length >= 2),
        fc.nat(),
        (chain, at) => {
          const index = at % chain.length
          const tampered = chain.map((e, i) => (i === index ? { ...e, action: e.action + 'x' } : e))
          expect(verifyChain(tampered, KEY)).toMatchObject({ ok: false, brokenAtSeq: index + 1 })
        },
      ),
    )
  })
})

describe('a log written before the chain was keyed', () => {
  const contents = (n: number) =>
    fc.sample(contentArb, n).map(({ caseId: _caseId, ...rest }) => rest as Omit<AuditContent, 'seq'>)

  it('still verifies, and the first keyed entry links onto the last plain one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }), (plain, keyed) => {
        const chain = plainChain(contents(plain))
        for (const content of contents(keyed)) chain.push(linkEntry(chain.at(-1), content, KEY))
        expect(chain[plain]?.prevHash ?? chain.at(-1)!.hash).toBe(chain[plain - 1].hash)
        expect(verifyChain(chain, KEY)).toEqual({
          ok: true,
          head: chain.at(-1)!.hash,
          length: plain + keyed,
          legacy: plain,
        })
      }),
      { numRuns: 50 },
    )
  })

  it('accepts no plain link after a keyed one: nobody can append or re-link past the upgrade without the key', () => {
    const chain = plainChain(contents(3))
    chain.push(linkEntry(chain.at(-1), contents(1)[0], KEY))
    // an entry appended with a plain link, as anyone could compute it
    const [content] = contents(1)
    const entry = { ...content, seq: 5 }
    chain.push({ ...entry, prevHash: chain[3].hash, hash: referenceSha256(chain[3].hash, entry) })
    expect(verifyChain(chain, KEY)).toMatchObject({ ok: false, brokenAtSeq: 5 })
  })
})

describe('verifyChain with audit keys adopted from other PCs’ backups', () => {
  const OTHER_PC = new Uint8Array(32).fill(9)
  const THIRD_PC = new Uint8Array(32).fill(10)

  it('proves a log written on another PC with its adopted key, and counts those entries', () => {
    fc.assert(
      fc.property(fc.array(contentArb, { minLength: 1, maxLength: 12 }), (contents) => {
        const chain = buildChain(contents, OTHER_PC)
        expect(verifyChain(chain, KEY)).toMatchObject({ ok: false, brokenAtSeq: 1 })
        expect(verifyChain(chain, KEY, [THIRD_PC, OTHER_PC])).toEqual({
          ok: true,
          head: chain.at(-1)!.hash,
          length: chain.length,
          legacy: 0,
          adopted: chain.length,
        })
      }),
    )
  })

  it('proves a restored log continued here: the other PC’s links, then this PC’s (reference HMACs)', () => {
    fc.assert(
      fc.property(
        fc.array(contentArb, { minLength: 1, maxLength: 8 }),
        fc.array(contentArb, { minLength: 1, maxLength: 8 }),
        (there, here) => {
          const chain: AuditEntry[] = []
          for (const [index, content] of [...there, ...here].entries()) {
            const key = index < there.length ? OTHER_PC : KEY
            const prevHash = chain.at(-1)?.hash ?? GENESIS
            const entry = { ...content, seq: chain.length + 1 }
            chain.push({ ...entry, prevHash, hash: referenceHmac(key, prevHash, entry) })
          }
          expect(verifyChain(chain, KEY, [OTHER_PC])).toMatchObject({ ok: true, adopted: there.length, legacy: 0 })
          // a key that was never adopted proves nothing, and an edit is still found
          expect(verifyChain(chain, KEY, [THIRD_PC])).toMatchObject({ ok: false, brokenAtSeq: 1 })
          const edited = chain.map((e, i) => (i === 0 ? { ...e, actor: `${e.actor}x` } : e))
          expect(verifyChain(edited, KEY, [OTHER_PC])).toMatchObject({ ok: false, brokenAtSeq: 1 })
        },
      ),
    )
  })

  it('still accepts plain links only as a prefix, before any adopted or own keyed link', () => {
    const contents = fc.sample(contentArb, { numRuns: 4, seed: 3 })
    const plain = plainChain(contents.slice(0, 2))
    const prevHash = plain.at(-1)!.hash
    const third = { ...contents[2]!, seq: 3 }
    const keyedThird = { ...third, prevHash, hash: referenceHmac(OTHER_PC, prevHash, third) }
    const fourth = { ...contents[3]!, seq: 4 }
    const plainFourth = { ...fourth, prevHash: keyedThird.hash, hash: referenceSha256(keyedThird.hash, fourth) }
    expect(verifyChain([...plain, keyedThird], KEY, [OTHER_PC])).toMatchObject({ ok: true, legacy: 2, adopted: 1 })
    expect(verifyChain([...plain, keyedThird, plainFourth], KEY, [OTHER_PC])).toMatchObject({
      ok: false,
      brokenAtSeq: 4,
    })
  })
})
