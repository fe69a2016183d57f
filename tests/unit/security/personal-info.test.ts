/**
 * Personal-information scans (reliability brief R12): cases with real-format ID numbers and mobiles are
 * written through the repositories the app uses (intake, party edits, reveal and print logging), then
 * the masked case export and the whole audit log are scanned. Two scans: every generated number must be
 * absent verbatim, and the general 18-digit-ID / 11-digit-mobile pattern must find nothing. The rendered
 * case list is scanned in tests/e2e/security-pi.spec.ts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCase, logDocument, logReveal, saveParties } from '../../../src/db/casesRepo'
import { exportCases, serializeTransferFile } from '../../../src/db/transfer/export'
import { idNumberCheckChar } from '../../../src/domain/idNumber'
import type { PartyInput } from '../../../src/domain/parties'
import { findUnmaskedPersonalNumbers } from '../../../src/domain/masking'
import { mustGetCaseDoc, partiesOf } from '../../../src/db/caseDocs'
import { freshDb } from '../db/helpers'
import { intake, person, setUpCommittee } from '../db/caseFixtures'
import { withoutRandomHex } from '../../fixtures/randomHex'

const ACTOR = '李淑珺'

/** A checksum-valid 18-character ID number (GB 11643): area, birth date, sequence, check character. */
const idNumberArb = fc
  .tuple(
    fc.constantFrom('110105', '310104', '440305', '510107', '650102', '542621'),
    fc.date({ min: new Date('1940-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([area, birth, seq]) => {
    const first17 = `${area}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`
    return `${first17}${idNumberCheckChar(first17)}`
  })

const mobileArb = fc
  .tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([prefix, rest]) => `${prefix}${String(rest).padStart(9, '0')}`)

interface PartyNumbers {
  idNumber: string
  phone: string
  agentIdNumber: string
  agentPhone: string
  newPhone: string
}
const partyNumbersArb: fc.Arbitrary<PartyNumbers> = fc.record({
  idNumber: idNumberArb,
  phone: mobileArb,
  agentIdNumber: idNumberArb,
  agentPhone: mobileArb,
  newPhone: mobileArb,
})

function partyWith(name: string, role: PartyInput['role'], n: PartyNumbers): PartyInput {
  return person(name, role, {
    idNumber: n.idNumber,
    phone: n.phone,
    agents: [{ name: '代理人', kind: '委托代理人', phone: n.agentPhone, idNumber: n.agentIdNumber }],
  })
}

/** Cases with parties and agents carrying the numbers, a party edit, a reveal and a print, as the app writes them. */
async function storeWithPersonalNumbers(cases: PartyNumbers[][]) {
  const db = freshDb()
  const { committee, roomId } = await setUpCommittee(db)
  const caseIds: string[] = []
  for (const [i, parties] of cases.entries()) {
    const list = parties.map((n, j) => partyWith(`当事人${i}-${j}`, j === 0 ? '申请人' : '被申请人', n))
    const created = await createCase(db, intake(roomId, { parties: list }), committee, ACTOR)
    caseIds.push(created.id)
    const stored = partiesOf(await mustGetCaseDoc(db, created.id))
    // A phone number changed later, through the same edit path the case page uses.
    const edited = list.map((p, j) => ({
      ...p,
      id: stored.find((s) => s.name === p.name)?.id,
      phone: parties[j]?.newPhone ?? p.phone,
    }))
    await saveParties(db, created.id, edited, ACTOR)
    const first = stored[0]
    if (first) await logReveal(db, created.id, 'party', first.id, 'idNumber', ACTOR)
    await logDocument(db, created.id, 'print', 'agreement', ACTOR)
  }
  return { db, caseIds }
}

const casesArb = fc.array(fc.array(partyNumbersArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })

function allNumbers(cases: PartyNumbers[][]): string[] {
  return cases.flat().flatMap((n) => [n.idNumber, n.phone, n.agentIdNumber, n.agentPhone, n.newPhone])
}

describe('personal numbers never leave unmasked', () => {
  it('the masked case export and the audit log hold none of the generated ID or phone numbers', async () => {
    await fc.assert(
      fc.asyncProperty(casesArb, async (cases) => {
        const { db, caseIds } = await storeWithPersonalNumbers(cases)
        const exported = serializeTransferFile(await exportCases(db, caseIds, { actor: ACTOR }))
        const audit = JSON.stringify(await db.audit.orderBy('seq').toArray())
        for (const [what, text] of [
          ['export', exported],
          ['audit log', audit],
        ] as const) {
          const leaked = allNumbers(cases).filter((number) => text.includes(number))
          expect(leaked, `${what} contains a generated number verbatim`).toEqual([])
          expect(findUnmaskedPersonalNumbers(withoutRandomHex(text)), `${what} matches the ID/mobile pattern`).toEqual(
            [],
          )
        }
        db.close()
      }),
      { numRuns: 25 },
    )
  })

  it('the same scans do find the numbers in a full export (they can fail)', async () => {
    const [cases] = fc.sample(casesArb, { numRuns: 1, seed: 7 })
    if (!cases) throw new Error('no sample')
    const { db, caseIds } = await storeWithPersonalNumbers(cases)
    const full = serializeTransferFile(await exportCases(db, caseIds, { actor: ACTOR, mask: false }))
    const current = cases.flat().flatMap((n) => [n.idNumber, n.newPhone, n.agentIdNumber, n.agentPhone])
    expect(current.filter((number) => !full.includes(number))).toEqual([])
    expect(findUnmaskedPersonalNumbers(withoutRandomHex(full)).length).toBeGreaterThanOrEqual(current.length)
    // …and the full export is itself logged, without the numbers.
    const audit = await db.audit.orderBy('seq').toArray()
    expect(audit.filter((e) => e.action === 'export-unmasked').map((e) => e.caseId)).toEqual(caseIds)
    db.close()
  })

  it('numbers typed into free text (facts, address) are masked in the export too', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const typed = { phone: '13912345678', idNumber: '110105197805120318', addressPhone: '13700001111' }
    const created = await createCase(
      db,
      intake(roomId, {
        facts: `申请人电话${typed.phone}，身份证${typed.idNumber}。`,
        parties: [person('王𠮷', '申请人', { address: `联系电话${typed.addressPhone}` }), person('赵堃', '被申请人')],
      }),
      committee,
      ACTOR,
    )
    const text = serializeTransferFile(await exportCases(db, [created.id], { actor: ACTOR }))
    expect(Object.values(typed).filter((n) => text.includes(n))).toEqual([])
    db.close()
  })
})
