/**
 * A masked case export as an attacker reads it: numbers typed in every spelling into every free-text
 * field of every table, and birth dates that would rebuild a masked ID. Nothing of them may survive.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { importCommitteeKey, openFromServer, sealForServer } from '../../../src/db/sync/seal'
import { exportCases, serializeTransferFile } from '../../../src/db/transfer/export'
import { readTransferFile } from '../../../src/db/transfer/read'
import { blobOfBytes } from '../../../src/db/blobBytes'
import { findUnmaskedPersonalNumbers } from '../../../src/domain/masking'
import { agreementHash, verifyCodeOf } from '../../../src/domain/canonical'
import type {
  Agreement,
  Attachment,
  CaseRecord,
  Committee,
  FollowUp,
  Mediator,
  Party,
  Referral,
  Room,
  SessionRecord,
  SignatureRecord,
} from '../../../src/domain/types'
import { freshDb, load, type DbContent } from './arbitraries'

/** The numbers typed, each in a spelling the old masking missed, with the canonical characters a leak would show. */
const TYPED: readonly { spelled: string; canonical: string }[] = [
  { spelled: '１３７ ００００ ０００５', canonical: '13700000005' },
  { spelled: '155.0000.0011', canonical: '15500000011' },
  { spelled: '+86 139-0000-0022', canonical: '13900000022' },
  { spelled: '0086 186 0000 0033', canonical: '18600000033' },
  { spelled: '010-88886666', canonical: '01088886666' },
  { spelled: '（0571）8888 7777', canonical: '057188887777' },
  { spelled: '110105 19900101 1234', canonical: '110105199001011234' },
  { spelled: '110105900101123', canonical: '110105900101123' },
  { spelled: '91350100M000100Y43', canonical: '91350100M000100Y43' },
]
const LEAK = TYPED.map((t, i) => `第${'一二三四五六七八九'[i]}个号码${t.spelled}`).join('；')

const at = '2026-11-22T08:00:00.000Z'
const stamp = (id: string) => ({ id, createdAt: at, updatedAt: at })
const C = '00000000-0000-4000-8000-00000000000c'
const R = '00000000-0000-4000-8000-00000000000d'
const M = '00000000-0000-4000-8000-00000000000e'
const K = '00000000-0000-4000-8000-0000000000aa'
const P1 = '00000000-0000-4000-8000-0000000000b1'
const P2 = '00000000-0000-4000-8000-0000000000b2'
const AG = '00000000-0000-4000-8000-0000000000a9'

const SEAL_PNG = 'data:image/png;base64,U0VBTA=='
const HANDWRITING_PNG = 'data:image/png;base64,SEFORFdSSVRJTkc='

function content(): DbContent {
  const committee: Committee = {
    ...stamp(C),
    fullName: 'XX镇人民调解委员会',
    shortName: 'X镇',
    address: `镇政府大院${LEAK}`,
    phone: '0571-88886666',
    sealImage: SEAL_PNG,
    caseNumberPattern: '（{年}）{简称}调字第{序号:3}号',
    defaultDeadlineDays: 30,
    categories: ['劳动争议'],
    referralDepartments: ['人社'],
  }
  const room: Room = { ...stamp(R), committeeId: C, name: `老李调解工作室${LEAK}`, active: true, leadMediatorId: M }
  const mediator: Mediator = {
    ...stamp(M),
    name: '老李',
    gender: '男',
    phone: '13812345678',
    certificateNo: `证${LEAK}`,
    role: '调解员',
    active: true,
    roomIds: [R],
    idNumber: '110105196512120018',
    address: `住${LEAK}`,
  }
  const caseRecord: CaseRecord = {
    ...stamp(K),
    committeeId: C,
    roomId: R,
    caseNo: '（2026）X镇调字第012号',
    status: 'mediating',
    source: '当事人申请',
    sourceBody: LEAK,
    sourceRefNo: LEAK,
    category: '劳动争议',
    title: `欠薪纠纷${LEAK}`,
    facts: `申请人称${LEAK}，于2026年12月15日前支付12,000元。`,
    requests: [LEAK],
    amountFen: 1_200_000,
    peopleCount: 2,
    flags: [],
    mediatorIds: [M],
    receivedOn: '2026-11-20',
    extension: { days: 15, reason: LEAK, partiesConsent: true, at },
    rejection: { reason: LEAK, routes: LEAK, at },
    outcome: { kind: 'oral', at, content: LEAK, routesTold: LEAK },
    performance: [{ status: 'partial', at, note: LEAK, receiptIds: [] }],
    closingSummary: LEAK,
    partySummary: `张三 与 李四${LEAK}`,
  }
  const parties: Party[] = [
    {
      ...stamp(P1),
      caseId: K,
      role: '申请人',
      kind: 'person',
      name: '张三',
      order: 0,
      phone: '13700001111',
      address: `住${LEAK}`,
      agents: [{ name: '王律师', kind: '委托代理人', phone: '13700002222', idNumber: '110105197001010019' }],
      gender: '男',
      ethnicity: '汉族',
      birthDate: '1990-01-01',
      idNumber: '110105199001011234',
      occupation: LEAK,
    },
    {
      ...stamp(P2),
      caseId: K,
      role: '被申请人',
      kind: 'org',
      name: '某某建筑有限公司',
      order: 1,
      phone: '010-88886666',
      address: LEAK,
      agents: [],
      creditCode: '91350100M000100Y43',
      legalRep: LEAK,
    },
  ]
  const sessions: SessionRecord[] = [
    {
      ...stamp('00000000-0000-4000-8000-0000000000c1'),
      caseId: K,
      kind: 'mediation',
      startedAt: at,
      place: LEAK,
      mediatorIds: [M],
      present: LEAK,
      statements: [{ speaker: `申请人${LEAK}`, text: LEAK }],
      factsChecked: LEAK,
      riskWarning: LEAK,
      outcome: LEAK,
      notes: LEAK,
    },
  ]
  const agreements: Agreement[] = [
    {
      ...stamp(AG),
      caseId: K,
      version: 1,
      status: 'draft',
      facts: LEAK,
      disputes: LEAK,
      performanceTerms: LEAK,
      copies: 3,
      template: LEAK,
      clauses: [
        {
          id: '00000000-0000-4000-8000-0000000000c3',
          kind: 'free',
          obligorIds: [P2],
          obligeeIds: [P1],
          action: LEAK,
          text: LEAK,
        },
      ],
    },
  ]
  const signatures: SignatureRecord[] = [
    {
      ...stamp('00000000-0000-4000-8000-0000000000c4'),
      agreementId: AG,
      agreementVersion: 1,
      signerRole: 'party',
      signerId: P1,
      signerName: `张三${LEAK}`,
      image: HANDWRITING_PNG,
      signedAt: at,
    },
  ]
  const followUps: FollowUp[] = [
    {
      ...stamp('00000000-0000-4000-8000-0000000000c5'),
      caseId: K,
      visitedOn: '2026-12-15',
      method: '电话',
      visitorIds: [M],
      performance: 'partial',
      satisfaction: LEAK,
      escalationSigns: false,
      notes: LEAK,
    },
  ]
  const referrals: Referral[] = [
    {
      ...stamp('00000000-0000-4000-8000-0000000000c6'),
      caseId: K,
      department: LEAK,
      scope: 'part',
      matter: LEAK,
      dueOn: '2026-12-31',
      status: '已转办',
      history: [{ status: '已转办', at, note: LEAK }],
    },
  ]
  const attachments: Attachment[] = [
    {
      ...stamp('00000000-0000-4000-8000-0000000000c7'),
      caseId: K,
      kind: 'evidence',
      name: `借条${LEAK}.png`,
      mime: 'image/png',
      size: 4,
      data: blobOfBytes(new Uint8Array([1, 2, 3, 4]), 'image/png'),
    },
  ]
  return {
    committees: [committee],
    rooms: [room],
    mediators: [mediator],
    cases: [caseRecord],
    parties,
    sessions,
    agreements,
    signatures,
    followUps,
    referrals,
    attachments,
    audit: [],
    counters: [],
    settings: [],
    screenings: [],
    visits: [],
  }
}

/** Identifiers, digests and binary data are written by the app, never typed: the scans skip them. */
const MACHINE_KEYS = /^(id|.*Id|.*Ids|contentHash|signature|image|dataBase64|sha256)$/

function typedStrings(value: unknown, key = ''): string[] {
  if (MACHINE_KEYS.test(key)) return []
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap((v) => typedStrings(v))
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => typedStrings(v, k))
  return []
}

/** Half-width, upper case, only the characters of a number and the mask: how a reader would join the pieces. */
function stream(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toUpperCase()
    .replace(/[^0-9A-Z*]/g, '')
}

/**
 * A finalised agreement exported masked, and what the other party tries with it: its own numbers are known,
 * so each of the 3,652 days of the decade the file gives for 张三's birth date rebuilds a candidate ID number
 * and with it a candidate of the signed content's hash.
 */
async function birthDateAttack() {
  const base = content()
  // 张三 gave no phone and has no agent: his masked ID hides only his birth date, 3,652 days of the 1990s
  const zhang: Party = {
    ...base.parties[0]!,
    phone: undefined,
    agents: [],
    address: '城关镇东街',
    occupation: '工人',
  }
  const company = base.parties[1]!
  const ctx = { caseNo: base.cases[0]!.caseNo!, committeeName: base.committees[0]!.fullName }
  const draft: Agreement = {
    ...base.agreements[0]!,
    facts: '拖欠工资两个月',
    disputes: '工资数额',
    performanceTerms: '当场付清',
    template: undefined,
    clauses: [{ ...base.agreements[0]!.clauses[0]!, action: '支付工资', text: '一次付清' }],
  }
  const hash = agreementHash(draft, [zhang, company], ctx)
  const signature = 'c2lnbmVkIGJ5IHRoZSBjb21taXR0ZWUga2V5'
  const final: Agreement = {
    ...draft,
    status: 'final',
    finalizedAt: at,
    contentHash: hash,
    signature,
    keyId: 'committee-key',
    verifyCode: verifyCodeOf(hash),
  }
  const db = freshDb()
  await load(db, { ...base, parties: [zhang, company], agreements: [final], signatures: [] })
  const file = await exportCases(db, [K], { actor: '老李' })
  db.close()
  const text = serializeTransferFile(file)

  // the company knows its own numbers and tries every day of the decade the file gives for 张三
  const masked = file.tables.parties.find((p) => p.id === P1)!
  expect(masked.birthDate).toBe('1990年代')
  const exported = file.tables.agreements[0]!
  const guesses: string[] = []
  for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2000, 0, 1); t += 86_400_000) {
    guesses.push(new Date(t).toISOString().slice(0, 10))
  }
  const hashOf = (day: string) => {
    const idNumber = masked.idNumber!.slice(0, 6) + day.replace(/-/g, '') + masked.idNumber!.slice(14)
    return agreementHash(exported, [{ ...masked, birthDate: day, idNumber }, company], ctx)
  }
  return { final, hash, signature, text, exported, guesses, hashes: guesses.map(hashOf) }
}

describe('a masked export holds nothing that rebuilds a masked number', () => {
  it('masks the numbers typed in any spelling into every free-text field of every table', async () => {
    const db = freshDb()
    await load(db, content())
    const file = await exportCases(db, [K], { actor: '老李' })
    const strings = typedStrings(file.tables)
    for (const s of strings) {
      expect(findUnmaskedPersonalNumbers(s), s).toEqual([])
      for (const t of TYPED) expect(stream(s), s).not.toContain(t.canonical)
    }
    // every field that held the typed numbers still says the rest of what was typed
    expect(file.tables.cases[0]!.facts).toContain('于2026年12月15日前支付12,000元')
    expect(file.tables.cases[0]!.caseNo).toBe('（2026）X镇调字第012号')
    expect(file.tables.cases[0]!.facts).toContain('第一个号码１３７ **** ０００５；第二个号码155.****.0011')
    // the photo of the IOU is a file: no mask reaches the numbers on it, so it stays behind
    expect(file.tables.attachments).toEqual([])
    // the file is still a valid transfer file
    expect((await readTransferFile(serializeTransferFile(file))).manifest.counts.cases).toBe(1)
    db.close()
  })

  it('carries the decade of a birth date, never the date, and the structured numbers masked', async () => {
    const db = freshDb()
    await load(db, content())
    const file = await exportCases(db, [K], { actor: '老李' })
    const text = serializeTransferFile(file)
    const [person, org] = file.tables.parties
    expect(person).toMatchObject({ birthDate: '1990年代', idNumber: '110105********1234', phone: '137****1111' })
    expect(person!.agents[0]).toMatchObject({ phone: '137****2222', idNumber: '110105********0019' })
    expect(org).toMatchObject({ phone: '010-****6666', creditCode: '913501********0Y43' })
    expect(file.tables.mediators[0]).toMatchObject({ phone: '138****5678', idNumber: '110105********0018' })
    expect(file.tables.committees[0]!.phone).toBe('0571-****6666')
    for (const birth of ['1990-01-01', '19900101', '1990年1月1日']) expect(text).not.toContain(birth)
    db.close()
  })

  it('holds no digest of the content before masking: no guess of a hidden birth date can be confirmed', async () => {
    const { final, hash, signature, text, exported, guesses, hashes } = await birthDateAttack()
    // the guesses do rebuild the signed content: against the hash itself exactly one day matches
    expect(guesses.filter((_, i) => hashes[i] === hash)).toEqual(['1990-01-01'])
    // but the file holds nothing to test a guess against
    const confirmed = guesses.filter(
      (_, i) => hashes[i] === exported.contentHash || verifyCodeOf(hashes[i]!) === exported.verifyCode,
    )
    expect(confirmed).toEqual([])
    for (const digest of [hash, verifyCodeOf(hash), signature]) expect(text).not.toContain(digest)
    expect(exported).toMatchObject({ status: 'final', version: 1, keyId: 'committee-key' })
    expect((await readTransferFile(text)).manifest.counts.agreements).toBe(1)
    expect(final.status).toBe('final')
  })

  it("nor does the committee's server: whoever runs it and receives the masked file cannot test a guess", async () => {
    const { final, hash, signature, guesses, hashes } = await birthDateAttack()
    const key = await importCommitteeKey(new Uint8Array(32).fill(5))
    const onServer = await sealForServer('agreement', final, key)
    const serverText = JSON.stringify(onServer)
    for (const digest of [hash, verifyCodeOf(hash), signature]) expect(serverText).not.toContain(digest)
    // every clear string on the server against every guess, its 核验码, and an unkeyed digest of what the
    // keyed one covers (given even the signature, which the server never sees)
    const clearStrings = Object.values(onServer).filter((v): v is string => typeof v === 'string')
    const confirmed = guesses.filter((_, i) => {
      const tried = [hashes[i]!, verifyCodeOf(hashes[i]!)]
      const covered = JSON.stringify([hashes[i], signature, verifyCodeOf(hashes[i]!)])
      tried.push(
        createHash('sha256').update(covered).digest('base64'),
        createHash('sha256').update(covered).digest('hex'),
      )
      return clearStrings.some((s) => tried.includes(s))
    })
    expect(confirmed).toEqual([])
    // the committee's own PCs still read the agreement as signed
    expect(await openFromServer('agreement', onServer, key)).toEqual(final)
  })

  it("carries neither the committee's seal nor a signer's handwriting: a paper could be forged with them", async () => {
    const db = freshDb()
    await load(db, content())
    const file = await exportCases(db, [K], { actor: '老李' })
    const text = serializeTransferFile(file)
    for (const picture of [SEAL_PNG, HANDWRITING_PNG, 'U0VBTA', 'SEFORFdSSVRJTkc']) expect(text).not.toContain(picture)
    expect(file.tables.committees[0]).not.toHaveProperty('sealImage')
    expect(file.tables.committees[0]!.fullName).toBe('XX镇人民调解委员会')
    // who signed which version, and when, stays
    expect(file.tables.signatures[0]).toMatchObject({
      agreementVersion: 1,
      signerRole: 'party',
      signedAt: at,
      image: '',
    })
    expect((await readTransferFile(text)).manifest.counts.signatures).toBe(1)
    // a full export (always encrypted) keeps them
    const full = await exportCases(db, [K], { actor: '老李', mask: false })
    expect(full.tables.committees[0]!.sealImage).toBe(SEAL_PNG)
    expect(full.tables.signatures[0]!.image).toBe(HANDWRITING_PNG)
    db.close()
  })

  it('an unmasked export keeps everything as typed', async () => {
    const db = freshDb()
    await load(db, content())
    const file = await exportCases(db, [K], { actor: '老李', mask: false })
    expect(file.tables.parties[0]).toMatchObject({ birthDate: '1990-01-01', idNumber: '110105199001011234' })
    expect(file.tables.cases[0]!.facts).toContain(TYPED[0]!.spelled)
    db.close()
  })
})
