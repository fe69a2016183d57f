/** fast-check arbitraries for whole, consistent databases, and helpers to load and compare them. */
import { withPartySummary } from '../../../src/domain/intake'
import fc from 'fast-check'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { blobOfBytes } from '../../../src/db/blobBytes'
import { linkEntry } from '../../../src/domain/audit'
import { currentStoreKeys } from '../../../src/db/keys'
import { canonicalJson } from '../../../src/domain/canonical'
import { idNumberCheckChar } from '../../../src/domain/idNumber'
import type {
  ScreeningRound,
  Visit,
  Agreement,
  Attachment,
  AuditEntry,
  CaseRecord,
  Committee,
  Counter,
  FollowUp,
  Mediator,
  Party,
  Referral,
  Room,
  SessionRecord,
  SettingRow,
  SignatureRecord,
} from '../../../src/domain/types'
import { TRANSFER_TABLES } from '../../../src/db/transfer/recordSchemas'
import { exportAll, serializeTransferFile } from '../../../src/db/transfer/export'
import { addCaseDocs, caseDocTables, caseOf, mustGetCaseDoc, putCaseDoc } from '../../../src/db/caseDocs'
import { type CaseDoc } from '../../../src/db/records'
import { docsOfRows } from '../../../src/db/transfer/caseRows'

/** A PNG's first bytes: attachments are accepted only when their bytes are what they declare. */
const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function freshDb(): MediationDb {
  return new MediationDb(`t-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
}

export interface DbContent {
  committees: Committee[]
  rooms: Room[]
  mediators: Mediator[]
  cases: CaseRecord[]
  parties: Party[]
  sessions: SessionRecord[]
  agreements: Agreement[]
  signatures: SignatureRecord[]
  followUps: FollowUp[]
  referrals: Referral[]
  attachments: Attachment[]
  audit: AuditEntry[]
  counters: Counter[]
  settings: SettingRow[]
  screenings: ScreeningRound[]
  visits: Visit[]
}

const text = fc.string({ maxLength: 30 })
/** Chinese text including a character outside the BMP, as rare names have. */
const zh = fc
  .array(fc.constantFrom('张', '王', '李', '调', '解', '𠮷', '欠', '薪', '，', '。', ' '), { maxLength: 20 })
  .map((a) => a.join(''))
const iso = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString())
const day = iso.map((s) => s.slice(0, 10))
export const idNumberArb = fc
  .tuple(
    fc.constantFrom('110105', '330106', '440305', '510104'),
    fc.integer({ min: 1940, max: 2010 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([region, year, month, d, seq]) => {
    const first17 = `${region}${year}${String(month).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`
    return first17 + idNumberCheckChar(first17)
  })
export const mobileArb = fc
  .tuple(fc.constantFrom('138', '159', '186', '177'), fc.integer({ min: 0, max: 99_999_999 }))
  .map(([p, n]) => p + String(n).padStart(8, '0'))
const stamps = fc.record({ id: fc.uuid(), createdAt: iso, updatedAt: iso })
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })

/** Drops undefined members, as a JSON round trip does (the store never needs to keep them). */
function clean<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

const partyArb = (caseId: string, order: number) =>
  fc
    .record({
      stamps,
      role: fc.constantFrom('申请人', '被申请人', '第三人' as const),
      kind: fc.constantFrom('person', 'org' as const),
      name: zh,
      phone: opt(mobileArb),
      address: opt(zh),
      idNumber: opt(idNumberArb),
      agentId: opt(idNumberArb),
    })
    .map((p): Party =>
      clean({
        ...p.stamps,
        caseId,
        order,
        role: p.role,
        kind: p.kind,
        name: p.name,
        phone: p.phone,
        address: p.address,
        idNumber: p.idNumber,
        agents: p.agentId ? [{ name: '代理人', kind: '委托代理人', idNumber: p.agentId }] : [],
      }),
    )

const caseBundleArb = (committeeId: string, roomId: string, mediatorIds: string[]) =>
  fc.uuid().chain((caseId) =>
    fc
      .record({
        c: fc.record({
          stamps,
          title: zh,
          facts: zh,
          amountFen: fc.nat(),
          peopleCount: fc.nat({ max: 500 }),
          receivedOn: day,
          status: fc.constantFrom('intake', 'accepted', 'mediating', 'closed' as const),
          caseNo: opt(text),
          // a 网格员上报 case may name the roster's grid worker
          gridWorkerId: fc.option(fc.uuid(), { nil: undefined }),
        }),
        parties: fc
          .integer({ min: 0, max: 3 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => partyArb(caseId, i)))),
        sessions: fc.array(
          fc.record({
            stamps,
            notes: zh,
            kind: fc.constantFrom('investigation', 'mediation' as const),
            startedAt: iso,
            invitedIds: fc.option(fc.uniqueArray(fc.uuid(), { maxLength: 2 }), { nil: undefined }),
          }),
          { maxLength: 2 },
        ),
        agreements: fc.array(fc.record({ stamps, facts: zh, amountFen: opt(fc.nat()), signer: stamps }), {
          maxLength: 1,
        }),
        followUps: fc.array(fc.record({ stamps, visitedOn: day, notes: zh }), { maxLength: 1 }),
        referrals: fc.array(fc.record({ stamps, matter: zh, dueOn: day }), { maxLength: 1 }),
        attachments: fc.array(
          fc.record({
            stamps,
            bytes: fc.uint8Array({ maxLength: 64 }),
            kind: fc.constantFrom('evidence', 'id_proof' as const),
          }),
          { maxLength: 2 },
        ),
      })
      .map((b) => {
        // Stored cases always carry their derived keys (an import derives them again).
        const caseRecord: CaseRecord = withPartySummary(
          clean({
            ...b.c.stamps,
            id: caseId,
            committeeId,
            roomId,
            caseNo: b.c.caseNo,
            status: b.c.status,
            ...(b.c.gridWorkerId
              ? { source: '网格员上报' as const, gridWorkerId: b.c.gridWorkerId }
              : { source: '当事人申请' as const }),
            category: '劳动争议',
            title: b.c.title,
            facts: b.c.facts,
            requests: ['支付工资'],
            amountFen: b.c.amountFen,
            peopleCount: b.c.peopleCount,
            flags: [],
            mediatorIds,
            receivedOn: b.c.receivedOn,
            performance: [],
            partySummary: '',
          }),
          b.parties,
        )
        const agreements: Agreement[] = b.agreements.map((a, i) =>
          clean({
            ...a.stamps,
            caseId,
            version: i + 1,
            status: 'draft' as const,
            facts: a.facts,
            disputes: '',
            performanceTerms: '',
            copies: 3,
            clauses: [
              {
                id: a.signer.id,
                kind: 'payment' as const,
                obligorIds: [],
                obligeeIds: [],
                action: '支付',
                amountFen: a.amountFen,
              },
            ],
          }),
        )
        const signatures: SignatureRecord[] = b.agreements.map((a, i) => ({
          ...a.signer,
          agreementId: agreements[i].id,
          agreementVersion: 1,
          signerRole: 'mediator' as const,
          signerId: mediatorIds[0],
          signerName: '老李',
          image: 'data:image/png;base64,AAAA',
          signedAt: a.signer.createdAt,
        }))
        return {
          cases: [caseRecord],
          parties: b.parties,
          sessions: b.sessions.map((s): SessionRecord => ({
            ...s.stamps,
            caseId,
            kind: s.kind,
            startedAt: s.startedAt,
            place: '调解室',
            mediatorIds,
            present: '',
            ...(s.invitedIds ? { invitedIds: s.invitedIds } : {}),
            statements: [{ speaker: '申请人', text: s.notes }],
            factsChecked: '',
            riskWarning: '',
            outcome: '',
            notes: s.notes,
          })),
          agreements,
          signatures,
          followUps: b.followUps.map((f): FollowUp => ({
            ...f.stamps,
            caseId,
            visitedOn: f.visitedOn,
            method: '电话',
            visitorIds: mediatorIds,
            performance: 'full',
            satisfaction: '满意',
            escalationSigns: false,
            notes: f.notes,
          })),
          referrals: b.referrals.map((r): Referral => ({
            ...r.stamps,
            caseId,
            department: '人社',
            scope: 'part',
            matter: r.matter,
            dueOn: r.dueOn,
            status: '已转办',
            history: [],
          })),
          attachments: b.attachments.map((a): Attachment => ({
            ...a.stamps,
            caseId,
            kind: a.kind,
            name: '证据.png',
            mime: 'image/png',
            size: PNG_SIGNATURE.length + a.bytes.length,
            // made as the app makes them, so the store can seal the bytes (src/db/blobBytes.ts)
            data: blobOfBytes(new Uint8Array([...PNG_SIGNATURE, ...a.bytes]), 'image/png'),
          })),
        }
      }),
  )

export const dbContentArb: fc.Arbitrary<DbContent> = fc
  .record({
    committee: stamps,
    room: stamps,
    mediators: fc.array(fc.record({ stamps, phone: mobileArb, idNumber: opt(idNumberArb), name: zh }), {
      minLength: 1,
      maxLength: 3,
    }),
  })
  .chain(({ committee, room, mediators }) => {
    const mediatorRows: Mediator[] = mediators.map((m) =>
      clean({
        ...m.stamps,
        name: m.name,
        gender: '男' as const,
        phone: m.phone,
        certificateNo: 'C1',
        role: '调解员' as const,
        active: true,
        roomIds: [room.id],
        idNumber: m.idNumber,
      }),
    )
    const mediatorIds = mediatorRows.map((m) => m.id)
    return fc
      .record({
        bundles: fc.array(caseBundleArb(committee.id, room.id, mediatorIds), { maxLength: 4 }),
        auditCount: fc.nat({ max: 6 }),
        counter: fc.nat({ max: 500 }),
        rounds: fc.array(
          fc.record({
            stamps,
            area: zh,
            note: zh,
            found: fc.nat({ max: 20 }),
            kind: fc.constantFrom('regular' as const, 'special' as const, 'holiday' as const, 'other' as const),
            day: fc.integer({ min: 1, max: 28 }),
            withMediators: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
        visits: fc.array(
          fc.record({
            stamps,
            name: zh,
            note: zh,
            people: fc.integer({ min: 1, max: 30 }),
            at: iso,
            route: fc.constantFrom('answered' as const, 'referred' as const, 'psych' as const),
          }),
          { maxLength: 3 },
        ),
        setting: fc.dictionary(
          fc.stringMatching(/^[a-z]{1,8}$/),
          fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        ),
      })
      .map(({ bundles, auditCount, counter, rounds, visits, setting }): DbContent => {
        const audit: AuditEntry[] = []
        for (let i = 0; i < auditCount; i++) {
          audit.push(
            linkEntry(
              audit.at(-1),
              {
                id: crypto.randomUUID(),
                ts: '2026-11-22T00:00:00.000Z',
                actor: 'a',
                action: 'create',
                entity: 'case',
                entityId: committee.id,
                fields: ['title'],
              },
              currentStoreKeys().auditKey,
            ),
          )
        }
        return {
          committees: [
            {
              ...committee,
              fullName: 'XX镇人民调解委员会',
              shortName: 'X镇',
              address: '',
              phone: '',
              caseNumberPattern: '（{年}）{简称}调字第{序号:3}号',
              defaultDeadlineDays: 30,
              categories: ['劳动争议'],
              referralDepartments: ['人社'],
            },
          ],
          rooms: [{ ...room, committeeId: committee.id, name: '老李调解工作室', active: true }],
          mediators: mediatorRows,
          cases: bundles.flatMap((b) => b.cases),
          parties: bundles.flatMap((b) => b.parties),
          sessions: bundles.flatMap((b) => b.sessions),
          agreements: bundles.flatMap((b) => b.agreements),
          signatures: bundles.flatMap((b) => b.signatures),
          followUps: bundles.flatMap((b) => b.followUps),
          referrals: bundles.flatMap((b) => b.referrals),
          attachments: bundles.flatMap((b) => b.attachments),
          audit,
          counters: [{ key: `${committee.id}:2026`, value: counter }],
          settings: [{ key: 'ui', value: clean({ v: setting }), updatedAt: '2026-11-22T00:00:00.000Z' }],
          screenings: rounds.map((r) => ({
            ...r.stamps,
            heldOn: `2026-11-${String(r.day).padStart(2, '0')}`,
            area: r.area,
            kind: r.kind,
            mediatorIds: r.withMediators ? mediatorIds : [],
            participants: r.withMediators ? [] : ['网格员'],
            found: r.found,
            note: r.note,
          })),
          visits: visits.map((v) => ({
            ...v.stamps,
            visitedAt: v.at,
            visitorName: v.name,
            phone: '',
            people: v.people,
            channel: 'walk_in' as const,
            category: '劳动争议',
            note: v.note,
            route: v.route,
            handledBy: '老李',
            outcome: v.route === 'answered' ? '已解答' : '',
            ...(v.route === 'referred'
              ? {
                  referral: {
                    department: '人社',
                    matter: v.note || '劳动争议',
                    dueOn: '2026-12-01',
                    status: '已转办' as const,
                    history: [{ status: '已转办' as const, at: v.at, note: '' }],
                    updatedAt: v.at,
                  },
                }
              : {}),
          })),
        }
      })
  })
  .filter(idsAreUnique)

/** Generated uuids can repeat (shrinking makes them all zero): a primary key is unique per table. */
function idsAreUnique(content: DbContent): boolean {
  return Object.values(content).every((rows: { id?: string }[]) => new Set(rows.map((r) => r.id)).size === rows.length)
}

/** Stores the content as the app does: cases with their parties and sessions as documents (and their index). */
export async function load(db: MediationDb, content: DbContent): Promise<void> {
  const { cases, parties, sessions, ...plain } = content
  const docs = docsOfRows({ cases, parties, sessions })
  await db.transaction('rw', [...caseDocTables(db), ...Object.keys(plain).map((t) => db.table(t))], async () => {
    await addCaseDocs(db, docs)
    for (const [table, rows] of Object.entries(plain)) await db.table(table).bulkAdd(rows as unknown[])
  })
}

/** Changes a stored case's document as the app's repositories do (its digest kept in step). */
export async function changeCase(db: MediationDb, caseId: string, change: (doc: CaseDoc) => CaseDoc): Promise<void> {
  await db.transaction('rw', caseDocTables(db), async () => {
    await putCaseDoc(db, change(await mustGetCaseDoc(db, caseId)))
  })
}

/** A stored case's record (without its parties and sessions). */
export async function storedCase(db: MediationDb, caseId: string): Promise<CaseRecord | undefined> {
  const doc = await db.caseDocs.get(caseId)
  return doc && caseOf(doc)
}

/** Every table as sorted canonical JSON (attachments' bytes as base64), for equality checks. */
export async function fingerprint(
  db: MediationDb,
  tables: readonly string[] = TRANSFER_TABLES,
): Promise<Record<string, string>> {
  const file = await exportAll(db, { now: new Date(0) })
  const out: Record<string, string> = {}
  for (const table of tables) {
    const rows = [...(file.tables as unknown as Record<string, { id?: string; key?: string }[]>)[table]]
    rows.sort((a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)))
    out[table] = canonicalJson(rows)
  }
  return out
}

/**
 * A forger's starting point: the text of a valid full export holding at least `minCases` cases and an
 * attachment, and a target store that already holds other data, with its fingerprint before any import.
 */
export async function importWorld(minCases: number): Promise<{
  validText: string
  target: MediationDb
  targetBefore: Record<string, string>
}> {
  const [content] = fc.sample(
    dbContentArb.filter((c) => c.cases.length >= minCases && c.attachments.length > 0),
    { numRuns: 1, seed: 42 },
  )
  const source = freshDb()
  await load(source, content!)
  const validText = serializeTransferFile(await exportAll(source))
  const target = freshDb()
  const [other] = fc.sample(
    dbContentArb.filter((c) => c.cases.length > 0),
    { numRuns: 1, seed: 43 },
  )
  await load(target, other!)
  return { validText, target, targetBefore: await fingerprint(target) }
}
