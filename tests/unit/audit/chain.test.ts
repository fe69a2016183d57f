import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { GENESIS, hashEntry, linkEntry, verifyChain } from '../../../src/domain/audit'
import type { AuditEntry } from '../../../src/domain/types'

const token = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,12}$/)
const contentArb = fc.record({
  id: fc.uuid(),
  ts: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  actor: token,
  action: fc.constantFrom('create', 'update', 'transition', 'reveal', 'print', 'export'),
  entity: fc.constantFrom('case', 'party', 'session', 'agreement'),
  entityId: fc.uuid(),
  caseId: fc.option(fc.uuid(), { nil: undefined }),
  fields: fc.array(token, { maxLength: 5 }),
})

type Content = typeof contentArb extends fc.Arbitrary<infer T> ? T : never

function buildChain(contents: Content[]): AuditEntry[] {
  const chain: AuditEntry[] = []
  for (const content of contents) {
    const { caseId, ...rest } = content
    chain.push(linkEntry(chain.at(-1), caseId === undefined ? rest : { ...rest, caseId }))
  }
  return chain
}

const chainArb = fc.array(contentArb, { minLength: 1, maxLength: 25 }).map(buildChain)

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
      const index = at % (chain.length + 1)
      const { caseId: _caseId, ...rest } = content
      // a forger links the new entry properly onto its predecessor
      const forged = linkEntry(chain[index - 1], rest)
      return [...chain.slice(0, index), forged, ...chain.slice(index)]
    },
  })),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => ({
    name: 'reorder',
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

describe('audit chain', () => {
  it('starts at the genesis and verifies an untouched chain of any length', () => {
    expect(verifyChain([])).toEqual({ ok: true, head: GENESIS, length: 0 })
    fc.assert(
      fc.property(chainArb, (chain) => {
        const verdict = verifyChain(chain)
        expect(verdict).toEqual({ ok: true, head: chain.at(-1)!.hash, length: chain.length })
        expect(chain[0].prevHash).toBe(GENESIS)
      }),
    )
  })

  it('detects any single edit, deletion, insertion or reordering (with the head anchored)', () => {
    fc.assert(
      fc.property(chainArb, tamperArb, (chain, tamper) => {
        const tampered = tamper.apply(chain)
        fc.pre(tampered !== undefined && JSON.stringify(tampered) !== JSON.stringify(chain))
        // a properly linked entry after the head is an ordinary append, not tampering
        fc.pre(!(tampered!.length > chain.length && chain.every((e, i) => e === tampered![i])))
        const anchor = { seq: chain.length, hash: chain.at(-1)!.hash }
        const verdict = verifyChain(tampered!, anchor)
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

  it('without an anchor still detects everything except cutting entries off the end', () => {
    fc.assert(
      fc.property(chainArb, tamperArb, (chain, tamper) => {
        const tampered = tamper.apply(chain)
        fc.pre(tampered !== undefined && JSON.stringify(tampered) !== JSON.stringify(chain))
        const cutAtEnd = tampered!.length < chain.length && tampered!.every((e, i) => e === chain[i])
        const appendedAtEnd = tampered!.length > chain.length && chain.every((e, i) => e === tampered![i])
        fc.pre(!cutAtEnd && !appendedAtEnd)
        expect(verifyChain(tampered!).ok).toBe(false)
      }),
      { numRuns: 1000 },
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
          expect(verifyChain(tampered)).toMatchObject({ ok: false, brokenAtSeq: index + 1 })
        },
      ),
    )
  })

  it('hashes the canonical form: property order does not matter, content does', () => {
    fc.assert(
      fc.property(contentArb, (content) => {
        const entry = { ...content, seq: 1 }
        const reversed = Object.fromEntries(Object.entries(entry).reverse()) as typeof entry
        expect(hashEntry(GENESIS, reversed)).toBe(hashEntry(GENESIS, entry))
        expect(hashEntry(GENESIS, { ...entry, seq: 2 })).not.toBe(hashEntry(GENESIS, entry))
        expect(hashEntry('1'.repeat(64), entry)).not.toBe(hashEntry(GENESIS, entry))
      }),
    )
  })
})
