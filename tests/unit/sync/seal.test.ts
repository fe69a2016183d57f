/**
 * Records as the committee's server stores them (src/db/sync/seal.ts, fields in src/domain/syncFields.ts):
 * the server reads categories, dates, states, amounts and counts, and no personal number or name in any
 * spelling; a blob opens only on its own document, unchanged, with the committee's key.
 */
import { createHmac, hkdfSync } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  SealError,
  importCommitteeKey,
  openFromServer,
  sealForServer,
  type CommitteeKey,
  type ServerDoc,
} from '../../../src/db/sync/seal'
import type { CaseDocument } from '../../../src/domain/syncFields'
import { legacyAgreementDoc } from './legacyAgreementDoc'
import type { Agreement, SessionRecord } from '../../../src/domain/types'
import { chineseNameArb, idNumberArb, makeCase, makeParty, mobileArb } from '../domain/arbitraries'

const keyBytes = (fill: number): Uint8Array => new Uint8Array(32).fill(fill)
let keyA: CommitteeKey
let keyB: CommitteeKey

const ready = (async () => {
  keyA = await importCommitteeKey(keyBytes(7))
  keyB = await importCommitteeKey(keyBytes(9))
})()

const fullWidth = (digits: string): string => digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
const spaced = (digits: string): string => digits.replace(/(\d{3})(\d{4})(\d+)/, '$1 $2 $3')
/** The server's JSON as digits are read: full-width digits half-width, spaces/dashes/dots between them gone. */
const digitView = (json: string): string =>
  json.replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000.-]/g, '')

function session(caseId: string, notes: string): SessionRecord {
  return {
    id: `session-${caseId}`,
    createdAt: '2026-11-03T08:00:00.000Z',
    updatedAt: '2026-11-03T08:00:00.000Z',
    caseId,
    kind: 'mediation',
    startedAt: '2026-11-03T08:00:00.000Z',
    place: '老李调解工作室',
    mediatorIds: ['m-1'],
    present: '双方当事人',
    statements: [{ speaker: '申请人', text: notes }],
    factsChecked: '',
    riskWarning: '',
    outcome: '',
    notes,
  }
}

const personalCase = fc
  .record({
    applicant: chineseNameArb(),
    respondent: chineseNameArb(),
    id1: idNumberArb(),
    id2: idNumberArb(),
    phone1: mobileArb(),
    phone2: mobileArb(),
    caseId: fc.uuid(),
    amountFen: fc.nat({ max: 100_000_000 }),
    status: fc.constantFrom('accepted', 'mediating', 'closed', 'archived' as const),
  })
  .map((g) => {
    const c = makeCase({
      id: g.caseId,
      status: g.status,
      caseNo: '（2026）城关镇调字第012号',
      acceptedOn: '2026-11-02',
      amountFen: g.amountFen,
      title: `${g.applicant}与${g.respondent}劳务费纠纷`,
      facts: `申请人${g.applicant}（身份证${fullWidth(g.id1.idNumber)}，电话${spaced(g.phone1)}）称被申请人欠款。`,
      partySummary: `${g.applicant} 与 ${g.respondent}`,
    })
    const doc: CaseDocument = {
      ...c,
      parties: [
        makeParty({
          caseId: c.id,
          name: g.applicant,
          idNumber: g.id1.idNumber,
          phone: g.phone1,
          address: '城关镇幸福路8号',
        }),
        makeParty({
          caseId: c.id,
          role: '被申请人',
          name: g.respondent,
          order: 1,
          idNumber: g.id2.idNumber,
          agents: [{ name: '代理人', kind: '委托代理人', phone: fullWidth(g.phone2) }],
        }),
      ],
      sessions: [session(c.id, `被申请人电话 ${g.phone2.slice(0, 3)}-${g.phone2.slice(3, 7)}-${g.phone2.slice(7)}`)],
    }
    return { doc, numbers: [g.id1.idNumber, g.id2.idNumber, g.phone1, g.phone2], names: [g.applicant, g.respondent] }
  })

function finalAgreement(): Agreement {
  return {
    id: 'agr-1',
    createdAt: '2026-11-05T08:00:00.000Z',
    updatedAt: '2026-11-05T08:00:00.000Z',
    caseId: 'case-1',
    version: 1,
    status: 'final',
    facts: '申请人张三在被申请人处务工',
    disputes: '工资数额',
    clauses: [
      { id: 'k1', kind: 'payment', obligorIds: ['p2'], obligeeIds: ['p1'], action: '支付工资', amountFen: 500_000 },
      { id: 'k2', kind: 'free', obligorIds: [], obligeeIds: [], action: '', text: '双方再无其他争议' },
    ],
    performanceTerms: '一次性付清',
    copies: 3,
    finalizedAt: '2026-11-05T09:00:00.000Z',
    contentHash: 'a'.repeat(64),
    signature: 'c2ln',
    keyId: 'k',
    verifyCode: 'ABCD1234',
  }
}

/** HMAC-SHA-256 under HKDF-SHA-256(raw, no salt, the digest's label), over the three as a JSON array. */
function referenceDigest(raw: Uint8Array, three: [string, string, string]): string {
  const derived = Buffer.from(
    hkdfSync('sha256', raw, new Uint8Array(0), 'mediation-room/agreement-final-digest v1', 32),
  )
  return createHmac('sha256', derived).update(JSON.stringify(three)).digest('base64')
}

describe('sealing records for the server', () => {
  it('a case comes back exactly as it went', async () => {
    await ready
    await fc.assert(
      fc.asyncProperty(personalCase, async ({ doc }) => {
        const server = await sealForServer('case', doc, keyA)
        expect(await openFromServer('case', JSON.parse(JSON.stringify(server)) as ServerDoc, keyA)).toEqual(doc)
      }),
      { numRuns: 50 },
    )
  })

  it('the server reads the categories, dates, states, amounts and counts', async () => {
    await ready
    const [{ doc }] = fc.sample(personalCase, { numRuns: 1, seed: 42 })
    const server = await sealForServer(
      'case',
      { ...doc!, outcome: { kind: 'written', at: '2026-11-05', content: '…' } },
      keyA,
    )
    expect(server).toMatchObject({
      _id: `case:${doc!.id}`,
      type: 'case',
      status: doc!.status,
      category: doc!.category,
      caseNo: doc!.caseNo,
      amountFen: doc!.amountFen,
      receivedOn: doc!.receivedOn,
      acceptedOn: '2026-11-02',
      peopleCount: doc!.peopleCount,
      partyCount: 2,
      sessionCount: 1,
      reopenCount: 0,
      outcomeKind: 'written',
    })
    for (const field of ['title', 'facts', 'parties', 'sessions', 'partySummary', 'requests', 'outcome'])
      expect(server, field).not.toHaveProperty(field)
  })

  it('no ID number, phone number or name of the case appears anywhere in the server document, in any spelling', async () => {
    await ready
    await fc.assert(
      fc.asyncProperty(personalCase, async ({ doc, numbers, names }) => {
        const json = JSON.stringify(await sealForServer('case', doc, keyA))
        const view = digitView(json)
        for (const n of numbers) {
          expect(view).not.toContain(n)
          expect(view).not.toContain(n.slice(-8))
        }
        for (const name of names) expect(json).not.toContain(name)
      }),
      { numRuns: 100 },
    )
  })

  it('a changed blob, a blob moved to another case, or a changed clear field does not open', async () => {
    await ready
    const [a, b] = fc.sample(personalCase, { numRuns: 2, seed: 7 }).map((s) => s.doc)
    const sa = await sealForServer('case', a!, keyA)
    const sb = await sealForServer('case', b!, keyA)
    const flipped = Uint8Array.from(atob(sa.sealed.ct), (ch) => ch.charCodeAt(0))
    flipped[5] = flipped[5]! ^ 1
    const tampered: ServerDoc = { ...sa, sealed: { ...sa.sealed, ct: btoa(String.fromCharCode(...flipped)) } }
    const moved: ServerDoc = { ...sb, sealed: sa.sealed }
    const movedWhole: ServerDoc = { ...sa, _id: sb._id }
    const restated: ServerDoc = { ...sa, status: 'archived', amountFen: 1 }
    const recounted: ServerDoc = { ...sa, partyCount: 3 }
    for (const bad of [tampered, moved, movedWhole, restated, recounted]) {
      await expect(openFromServer('case', bad, keyA)).rejects.toMatchObject({ code: 'unreadable' })
    }
    const unknownClear: ServerDoc = { ...sa, injected: 'x' }
    await expect(openFromServer('case', unknownClear, keyA)).rejects.toBeInstanceOf(SealError)
  })

  it("another committee's key is named as such; a blob relabelled with this key's id does not open", async () => {
    await ready
    const [{ doc }] = fc.sample(personalCase, { numRuns: 1, seed: 3 })
    const sealed = await sealForServer('case', doc!, keyB)
    await expect(openFromServer('case', sealed, keyA)).rejects.toMatchObject({ code: 'foreignKey' })
    const relabelled: ServerDoc = { ...sealed, sealed: { ...sealed.sealed, kid: keyA.id } }
    await expect(openFromServer('case', relabelled, keyA)).rejects.toMatchObject({ code: 'unreadable' })
  })

  it('an agreement keeps its status clear, its content, hash, signature and 核验码 sealed, and a keyed digest of the three', async () => {
    await ready
    const agreement = finalAgreement()
    const server = await sealForServer('agreement', agreement, keyA)
    expect(server).toMatchObject({ status: 'final', keyId: 'k', clauseCount: 2, amountFen: 500_000 })
    const text = JSON.stringify(server)
    for (const hidden of ['张三', 'a'.repeat(64), 'c2ln', 'ABCD1234']) expect(text).not.toContain(hidden)
    // the digest, recomputed here with Node's own HKDF and HMAC over the three as the server may not read them
    expect(server.finalDigest).toBe(referenceDigest(keyBytes(7), ['a'.repeat(64), 'c2ln', 'ABCD1234']))
    expect(await openFromServer('agreement', server, keyA)).toEqual(agreement)
    await expect(openFromServer('case', server, keyA)).rejects.toMatchObject({ code: 'malformed' })
  })

  it('the keyed digest: the same for the same agreement, another for another signature or another key, none for a draft', async () => {
    await ready
    const agreement = finalAgreement()
    const digest = async (a: Agreement, key: CommitteeKey) => (await sealForServer('agreement', a, key)).finalDigest
    expect(await digest({ ...agreement, updatedAt: '2026-11-06T08:00:00.000Z' }, keyA)).toBe(
      await digest(agreement, keyA),
    )
    expect(await digest({ ...agreement, status: 'superseded' }, keyA)).toBe(await digest(agreement, keyA))
    const others = [
      await digest({ ...agreement, signature: 'c2lo' }, keyA),
      await digest({ ...agreement, contentHash: 'b'.repeat(64) }, keyA),
      await digest({ ...agreement, verifyCode: 'ABCD1235' }, keyA),
      await digest(agreement, keyB),
    ]
    expect(new Set([await digest(agreement, keyA), ...others]).size).toBe(5)
    const { contentHash: _h, signature: _s, verifyCode: _v, finalizedAt: _f, ...draft } = agreement
    const drafted = await sealForServer('agreement', { ...draft, status: 'draft' }, keyA)
    expect(drafted).not.toHaveProperty('finalDigest')
    expect(await openFromServer('agreement', drafted, keyA)).toEqual({ ...draft, status: 'draft' })
  })

  it('a digest changed on the server does not open', async () => {
    await ready
    const server = await sealForServer('agreement', finalAgreement(), keyA)
    const forged = { ...server, finalDigest: referenceDigest(keyBytes(7), ['b'.repeat(64), 'c2ln', 'ABCD1234']) }
    await expect(openFromServer('agreement', forged, keyA)).rejects.toMatchObject({ code: 'unreadable' })
  })

  it('an agreement pushed by a version before the digest (hash, signature and 核验码 in clear) still opens', async () => {
    await ready
    const agreement = finalAgreement()
    const legacy = legacyAgreementDoc(agreement, keyBytes(7), keyA.id, { clauseCount: 2, amountFen: 500_000 })
    expect(legacy).toMatchObject({ contentHash: 'a'.repeat(64), verifyCode: 'ABCD1234' })
    expect(await openFromServer('agreement', legacy, keyA)).toEqual(agreement)
    // its clear hash changed on the server: the blob was bound to it
    await expect(openFromServer('agreement', { ...legacy, contentHash: 'b'.repeat(64) }, keyA)).rejects.toMatchObject({
      code: 'unreadable',
    })
  })
})
