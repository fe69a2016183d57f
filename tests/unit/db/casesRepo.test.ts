import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { applyAction, createCase, saveParties, updateCase } from '../../../src/db/casesRepo'
import { countCases, findRepeatParties, listCases, type CaseQuery } from '../../../src/db/caseQueries'
import { plainCaseFilter } from './plainCaseFilter'
import { caseDocTables, caseOf, mustGetCaseDoc, partiesOf, putCaseDoc } from '../../../src/db/caseDocs'
import { MediationDb } from '../../../src/db/schema'
import {
  saveSession,
  saveSessionChanges,
  addAttachment,
  addReferral,
  countAttachments,
  updateReferralStatus,
} from '../../../src/db/caseRecordsRepo'
import { verifyAuditLog } from '../../../src/db/audit'
import { matchesQuery } from '../../../src/domain/search'
import type { CaseStatus } from '../../../src/domain/types'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { freshDb } from './helpers'
import { intake, person, setUpCommittee } from './caseFixtures'

const accept = (mediatorIds: string[], acceptedOn = '2026-03-02') => ({ acceptedOn, deadlineDays: 30, mediatorIds })

describe('case writes', () => {
  it('registers a case with its parties and summary, found by the list, audited', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    expect(c.status).toBe('intake')
    expect(c.partySummary).toBe('王𠮷 与 赵堃')
    expect((await listCases(db, { search: '𠮷' })).rows.map((r) => r.id)).toEqual([c.id])
    expect(
      (await listCases(db, { status: 'intake', from: '2026-03-01', to: '2026-03-01' })).rows.map((r) => r.id),
    ).toEqual([c.id])
    expect((await db.caseDocs.get(c.id))?.parties).toHaveLength(2)
    expect((await verifyAuditLog(db)).ok).toBe(true)
  })

  it('numbers accepted cases per committee and year with no gap or duplicate, even when accepts race', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const cases = await Promise.all(Array.from({ length: 12 }, () => createCase(db, intake(roomId), committee, '测试')))
    const accepted = await Promise.all(
      cases.map((c) => applyAction(db, c.id, 'accept', accept(mediatorIds), committee, '测试')),
    )
    const numbers = accepted.map((c) => c.caseNo).sort()
    expect(numbers).toEqual(
      Array.from({ length: 12 }, (_, i) => `（2026）城关镇调字第${String(i + 1).padStart(3, '0')}号`),
    )
    // A new year starts again at 001.
    const next = await createCase(db, intake(roomId, { receivedOn: '2026-03-01' }), committee, '测试')
    const nextYear = await applyAction(db, next.id, 'accept', accept(mediatorIds, '2027-01-04'), committee, '测试')
    expect(nextYear.caseNo).toBe('（2027）城关镇调字第001号')
  })

  it('a refused action uses no number and changes nothing', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    await expect(applyAction(db, c.id, 'accept', accept([]), committee, '测试')).rejects.toThrow('请指派至少一名调解员')
    await expect(applyAction(db, c.id, 'close', { summary: 'x' }, committee, '测试')).rejects.toThrow('不能结案')
    expect(await db.counters.count()).toBe(0)
    expect((await db.caseDocs.get(c.id))?.status).toBe('intake')
  })

  it('an archived case is read-only until reopened with a reason', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    await applyAction(db, c.id, 'reject', { reason: '不属于调解范围', routes: '可向法院起诉' }, committee, '测试')
    await applyAction(db, c.id, 'archive', {}, committee, '测试')
    await expect(updateCase(db, c.id, { title: '改' }, '测试')).rejects.toThrow('已归档')
    await expect(
      saveSession(
        db,
        {
          caseId: c.id,
          kind: 'mediation',
          startedAt: '2026-03-03T09:00',
          place: '',
          mediatorIds,
          present: '',
          statements: [],
          factsChecked: '',
          riskWarning: '',
          outcome: '',
          notes: 'x',
        },
        '测试',
      ),
    ).rejects.toThrow('已归档')
    await applyAction(db, c.id, 'reopen', { reason: '当事人补充材料' }, committee, '测试')
    expect((await updateCase(db, c.id, { title: '改' }, '测试')).title).toBe('改')
  })

  it('editing parties keeps the summary and the search in step', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    const parties = partiesOf(await mustGetCaseDoc(db, c.id))
    const first = parties[0]!
    await saveParties(
      db,
      c.id,
      [person(first.name, first.role, { id: first.id, phone: first.phone ?? '' }), person('欧阳喆', '被申请人')],
      '测试',
    )
    const after = await db.caseDocs.get(c.id)
    expect(after?.partySummary).toBe('王𠮷 与 欧阳喆')
    expect(after?.parties.map((p) => p.name)).toEqual(['王𠮷', '欧阳喆'])
    expect((await listCases(db, { search: '赵堃' })).rows).toEqual([])
    expect((await listCases(db, { search: 'oyz' })).rows.map((r) => r.id)).toEqual([c.id])
  })
})

describe('autosave and records', () => {
  it('consecutive saves of one note share one audit entry and the last text wins', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    let s = await saveSession(
      db,
      {
        caseId: c.id,
        kind: 'mediation',
        startedAt: '2026-03-03T09:00',
        place: '调解室',
        mediatorIds,
        present: '',
        statements: [],
        factsChecked: '',
        riskWarning: '',
        outcome: '',
        notes: '',
      },
      '测试',
    )
    const before = await db.audit.count()
    const text = '申请人称对方堵住通道已三个月。'
    for (let i = 1; i <= [...text].length; i++)
      s = await saveSession(db, { ...s, notes: [...text].slice(0, i).join('') }, '测试')
    expect((await db.caseDocs.get(c.id))?.sessions.find((x) => x.id === s.id)?.notes).toBe(text)
    expect(await db.audit.count()).toBe(before + 1)
  })

  it('a save of the changed fields keeps what another PC stored meanwhile in the others, audited', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    const s = await saveSession(
      db,
      {
        caseId: c.id,
        kind: 'mediation',
        startedAt: '2026-03-03T09:00',
        place: '调解室',
        mediatorIds,
        present: '',
        statements: [],
        factsChecked: '',
        riskWarning: '',
        outcome: '',
        notes: '',
      },
      '测试',
    )
    // another PC's change, taken in by sync (written here as a whole record)
    await saveSession(db, { ...s, notes: '乙机：申请人称通道被堵。' }, '乙机')
    const before = await db.audit.count()
    const saved = await saveSessionChanges(db, c.id, s.id, { outcome: '双方同意再约时间' }, '甲机')
    const stored = (await db.caseDocs.get(c.id))?.sessions.find((x) => x.id === s.id)
    expect(stored).toEqual(saved)
    expect(stored).toMatchObject({ notes: '乙机：申请人称通道被堵。', outcome: '双方同意再约时间', place: '调解室' })
    expect(await db.audit.count()).toBe(before + 1)
    expect((await db.audit.orderBy('seq').last())?.fields).toEqual(['outcome'])
    // nothing changed: nothing written, no restamp
    expect(await saveSessionChanges(db, c.id, s.id, {}, '甲机')).toEqual(stored)
    expect(await saveSessionChanges(db, c.id, s.id, { outcome: '双方同意再约时间' }, '甲机')).toEqual(stored)
    expect(await db.audit.count()).toBe(before + 1)
    expect((await verifyAuditLog(db)).ok).toBe(true)
    await expect(saveSessionChanges(db, c.id, 'no-such-record', { notes: 'x' }, '甲机')).rejects.toThrow('已不存在')
    // no recorder ('' in the editor) is an absent field
    const withRecorder = await saveSessionChanges(db, c.id, s.id, { recorderId: mediatorIds[1]! }, '甲机')
    expect(withRecorder.recorderId).toBe(mediatorIds[1])
    expect('recorderId' in (await saveSessionChanges(db, c.id, s.id, { recorderId: '' }, '甲机'))).toBe(false)
  })

  it('refuses an oversized or unsupported attachment with a Chinese message', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    await expect(
      addAttachment(
        db,
        c.id,
        'evidence',
        { name: 'a.exe', type: 'application/x-msdownload', bytes: new TextEncoder().encode('MZ') },
        '测试',
      ),
    ).rejects.toThrow('格式不支持')
    await expect(
      addAttachment(
        db,
        c.id,
        'evidence',
        { name: 'big.jpg', type: 'image/jpeg', bytes: new Uint8Array(21 * 1024 * 1024).fill(0xff, 0, 3) },
        '测试',
      ),
    ).rejects.toThrow('20 MB')
    expect(await db.attachments.count()).toBe(0)
  })

  it('refuses a file whose bytes are not what its name and type claim, and stores the type its bytes show', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    const html = new TextEncoder().encode('<!doctype html><title>已锁定</title><script>1</script>')
    await expect(
      addAttachment(db, c.id, 'evidence', { name: '锁屏.pdf', type: 'application/pdf', bytes: html }, '测试'),
    ).rejects.toThrow('“锁屏.pdf”的内容不是照片（JPG、PNG）或 PDF')
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2])
    await expect(
      addAttachment(db, c.id, 'evidence', { name: '照片.jpg', type: 'image/jpeg', bytes: png }, '测试'),
    ).rejects.toThrow('与文件类型不符')
    expect(await db.attachments.count()).toBe(0)
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
    const saved = await addAttachment(
      db,
      c.id,
      'evidence',
      { name: '合同.pdf', type: 'application/pdf', bytes: pdf },
      '测试',
    )
    const stored = await db.attachments.get(saved.id)
    expect(stored?.mime).toBe('application/pdf')
    expect(stored?.size).toBe(pdf.length)
    expect(stored?.data.type).toBe('application/pdf')
    expect(new Uint8Array(await stored!.data.arrayBuffer())).toEqual(pdf)
  })

  it('counts the files of one kind in a case', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    const other = await createCase(db, intake(roomId), committee, '测试')
    const png = (name: string) => ({
      name,
      type: 'image/png',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
    })
    await addAttachment(db, c.id, 'signed_scan', png('1.png'), '测试')
    await addAttachment(db, c.id, 'signed_scan', png('2.png'), '测试')
    await addAttachment(db, c.id, 'evidence', png('3.png'), '测试')
    await addAttachment(db, other.id, 'signed_scan', png('4.png'), '测试')
    expect(await countAttachments(db, c.id, 'signed_scan')).toBe(2)
    expect(await countAttachments(db, c.id, 'evidence')).toBe(1)
    expect(await countAttachments(db, c.id, 'receipt')).toBe(0)
  })

  it('a referral moves only along its tracked statuses', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    const r = await addReferral(
      db,
      { caseId: c.id, department: '人社/劳动监察', scope: 'part', matter: '欠薪部分', dueOn: '2026-03-20' },
      '测试',
    )
    await expect(updateReferralStatus(db, r.id, '已办结', '', '测试')).rejects.toThrow('不能改为')
    await updateReferralStatus(db, r.id, '已接收', '', '测试')
    const done = await updateReferralStatus(db, r.id, '已办结', '已支付', '测试')
    expect(done.history.map((h) => h.status)).toEqual(['已转办', '已接收', '已办结'])
  })

  it('refuses a referral with no department, no matter or no due date, and stores nothing', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    const audited = await db.audit.count()
    const base = { caseId: c.id, department: '司法所', scope: 'part' as const, matter: '欠薪部分', dueOn: '2026-03-20' }
    await expect(addReferral(db, { ...base, department: ' ' }, '测试')).rejects.toThrow('请选择转办部门')
    await expect(addReferral(db, { ...base, matter: '' }, '测试')).rejects.toThrow('请填写转办事项')
    await expect(addReferral(db, { ...base, dueOn: '2026-3-20' }, '测试')).rejects.toThrow('办理期限应为日期')
    expect(await db.referrals.count()).toBe(0)
    expect(await db.audit.count()).toBe(audited)
  })

  it('returning a referral needs a reason; the refused move changes nothing', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    const r = await addReferral(
      db,
      { caseId: c.id, department: '司法所', scope: 'part', matter: '欠薪部分', dueOn: '2026-03-20' },
      '测试',
    )
    await expect(updateReferralStatus(db, r.id, '退回', ' ', '测试')).rejects.toThrow('退回时请填写原因')
    expect((await db.referrals.get(r.id))?.status).toBe('已转办')
    const back = await updateReferralStatus(db, r.id, '退回', ' 不属本部门 ', '测试')
    expect(back.history.map((h) => [h.status, h.note])).toEqual([
      ['已转办', ''],
      ['退回', '不属本部门'],
    ])
  })

  it('finds a repeat party by ID number or by name and phone', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const id = '11010519491231002X'
    const first = await createCase(
      db,
      intake(roomId, {
        parties: [person('张三', '申请人', { idNumber: id }), person('李四', '被申请人', { phone: '13900002222' })],
      }),
      committee,
      '测试',
    )
    const hits = await findRepeatParties(db, [
      { name: '张叁', idNumber: id },
      { name: '李四', phone: '13900002222' },
      { name: '王五', phone: '13900002222' },
    ])
    expect(hits.map((h) => [h.case.id, h.by]).sort()).toEqual(
      [
        [first.id, 'idNumber'],
        [first.id, 'namePhone'],
      ].sort(),
    )
  })
})

const STATUSES: CaseStatus[] = ['intake', 'rejected', 'accepted', 'mediating', 'closed']
const NAMES = ['李淑珺', '王𠮷', '赵堃', '欧阳喆', '张赟', '刘䶮', '陈淑芬', '李书君']

describe('the list and search agree with the plain reference', () => {
  it('for random cases, filters and queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            status: fc.constantFrom(...STATUSES),
            category: fc.constantFrom('邻里', '合同', '物业'),
            day: fc.integer({ min: 1, max: 28 }),
            names: fc.subarray(NAMES, { minLength: 1, maxLength: 3 }),
            flag: fc.boolean(),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        fc.record({
          search: fc.option(
            fc.constantFrom(
              '淑',
              '珺',
              'lsj',
              'wang',
              '𠮷',
              '赵堃',
              'oy',
              '相邻',
              '李淑珺',
              '欧阳喆',
              '相邻通行',
              '通行纠纷',
              '淑珺相',
              'ouyangzhe',
              'shujun',
            ),
            { nil: undefined, freq: 1 },
          ),
          status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
          category: fc.option(fc.constantFrom('邻里', '合同'), { nil: undefined }),
          flag: fc.option(fc.constant('群体性' as const), { nil: undefined }),
          from: fc.option(fc.constantFrom('2026-01-05', '2026-01-15'), { nil: undefined }),
        }),
        fc.record({ pageSize: fc.integer({ min: 1, max: 30 }) }),
        async (specs, q, tuning) => {
          const db = freshDb()
          const { committee, roomId } = await setUpCommittee(db)
          const parties = new Map<string, string[]>()
          for (const s of specs) {
            const c = await createCase(
              db,
              intake(roomId, {
                category: s.category,
                receivedOn: `2026-01-${String(s.day).padStart(2, '0')}`,
                flags: s.flag ? ['群体性'] : [],
                parties: s.names.map((n, i) => person(n, i === 0 ? '申请人' : '被申请人')),
                peopleCount: 3,
              }),
              committee,
              '测试',
            )
            parties.set(c.id, s.names)
            // Set the status directly: the list must follow whatever the stored case says.
            await db.transaction('rw', caseDocTables(db), async () =>
              putCaseDoc(db, { ...(await mustGetCaseDoc(db, c.id)), status: s.status }),
            )
          }
          const query: CaseQuery = q
          const all = (await db.caseDocs.toArray()).map(caseOf)
          const expected = all
            .filter((c) => plainCaseFilter(c, query))
            .filter(
              (c) =>
                !query.search ||
                matchesQuery(
                  c,
                  (parties.get(c.id) ?? []).map((name) => ({ name, kind: 'person' as const })),
                  query.search,
                ),
            )
            .map((c) => c.id)
          const page = await listCases(db, query, 0, 1000)
          expect(new Set(page.rows.map((r) => r.id))).toEqual(new Set(expected))
          const dates = page.rows.map((r) => r.receivedOn)
          expect(dates).toEqual([...dates].sort().reverse())
          expect(await countCases(db, query)).toBe(expected.length)
          // page by page, as the list scrolls: the same cases, each once, newest first
          const paged: string[] = []
          for (let offset = 0, more = true; more; offset += tuning.pageSize) {
            const next = await listCases(db, query, offset, tuning.pageSize)
            paged.push(...next.rows.map((r) => r.id))
            more = next.hasMore
          }
          expect(paged).toEqual(page.rows.map((r) => r.id))
          db.close()
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('a search with no filter is counted', () => {
  it('counts what the reference finds, for random cases and queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            day: fc.integer({ min: 1, max: 28 }),
            names: fc.subarray(NAMES, { minLength: 1, maxLength: 3 }),
          }),
          { minLength: 1, maxLength: 15 },
        ),
        fc.constantFrom(
          '淑',
          '珺',
          'lsj',
          'wang',
          '𠮷',
          '赵堃',
          'oy',
          '相邻',
          '李淑珺',
          'ouyangzhe',
          'shujun',
          '欧阳喆',
          '通行纠纷',
        ),
        fc.option(fc.constantFrom('2026-01-05', '2026-01-15'), { nil: undefined }),
        async (specs, search, from) => {
          const db = freshDb()
          const { committee, roomId } = await setUpCommittee(db)
          const names = new Map<string, string[]>()
          for (const s of specs) {
            const c = await createCase(
              db,
              intake(roomId, {
                receivedOn: `2026-01-${String(s.day).padStart(2, '0')}`,
                parties: s.names.map((n, i) => person(n, i === 0 ? '申请人' : '被申请人')),
              }),
              committee,
              '测试',
            )
            names.set(c.id, s.names)
          }
          const query: CaseQuery = { search, from }
          const expected = (await db.caseDocs.toArray()).map(caseOf).filter(
            (c) =>
              plainCaseFilter(c, query) &&
              matchesQuery(
                c,
                (names.get(c.id) ?? []).map((name) => ({ name, kind: 'person' as const })),
                search,
              ),
          )
          expect(await countCases(db, query)).toBe(expected.length)
          db.close()
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('a count the list no longer needs', () => {
  it('stops when its signal aborts, and counts in full otherwise', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    for (let day = 1; day <= 3; day++)
      await createCase(
        db,
        intake(roomId, { receivedOn: `2026-05-0${day}`, parties: [person('欧阳喆', '申请人')] }),
        committee,
        '测试',
      )
    const stale = new AbortController()
    stale.abort()
    await expect(countCases(db, { search: '相邻通行' }, stale.signal)).rejects.toThrow()
    expect(await countCases(db, { search: '相邻通行' }, new AbortController().signal)).toBe(3)
    db.close()
  })
})

describe('a phrase found in every title', () => {
  it('finds every case, newest first, and the rare names among them', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const ids: string[] = []
    for (let day = 1; day <= 12; day++) {
      const names = day % 3 === 0 ? ['欧阳喆', '赵堃'] : ['王𠮷', '张赟']
      const c = await createCase(
        db,
        intake(roomId, {
          receivedOn: `2026-02-${String(day).padStart(2, '0')}`,
          parties: names.map((n, i) => person(n, i === 0 ? '申请人' : '被申请人')),
        }),
        committee,
        '测试',
      )
      ids.unshift(c.id)
    }
    try {
      // the phrase is in every title
      expect((await listCases(db, { search: '相邻通行' }, 0, 50)).rows.map((r) => r.id)).toEqual(ids)
      expect(await countCases(db, { search: '相邻通行' })).toBe(12)
      // a rare name among common ones: only the four cases of 欧阳喆
      expect((await listCases(db, { search: '阳喆相' }, 0, 50)).rows).toHaveLength(0)
      expect((await listCases(db, { search: '欧阳喆' }, 0, 2)).rows.map((r) => r.id)).toEqual(
        ids.filter((_, i) => (12 - i) % 3 === 0).slice(0, 2),
      )
    } finally {
      db.close()
    }
  })
})

describe('a list of two filters', () => {
  it('pages through every case carrying both, newest first', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const both: string[] = []
    for (let day = 1; day <= 14; day++) {
      const category = day % 2 === 0 ? '邻里' : '合同'
      const group = day % 3 !== 0
      const c = await createCase(
        db,
        intake(roomId, {
          category,
          flags: group ? ['群体性'] : [],
          peopleCount: group ? 6 : 2,
          receivedOn: `2026-04-${String(day).padStart(2, '0')}`,
          parties: [person('王𠮷', '申请人')],
        }),
        committee,
        '测试',
      )
      if (category === '邻里' && group) both.unshift(c.id)
    }
    try {
      const q: CaseQuery = { category: '邻里', flag: '群体性' }
      expect((await listCases(db, q, 0, 50)).rows.map((r) => r.id)).toEqual(both)
      const second = await listCases(db, q, 2, 2)
      expect(second.rows.map((r) => r.id)).toEqual(both.slice(2, 4))
      expect(second.hasMore).toBe(both.length > 4)
      expect(await countCases(db, q)).toBe(both.length)
    } finally {
      db.close()
    }
  })
})

describe('a sparse combination', () => {
  it('finds a company one of whose pairs is in every company name', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const wanted: string[] = []
    for (let day = 1; day <= 12; day++) {
      const company = day === 2 || day === 5 ? '长兴永兴化工有限公司' : '长兴恒泰化工有限公司'
      const c = await createCase(
        db,
        intake(roomId, {
          receivedOn: `2026-03-${String(day).padStart(2, '0')}`,
          parties: [person('王𠮷', '申请人'), person(company, '被申请人', { kind: 'org' })],
        }),
        committee,
        '测试',
      )
      if (company.startsWith('长兴永兴')) wanted.unshift(c.id)
    }
    // the newest three cases (长兴 only) do not match
    try {
      expect((await listCases(db, { search: '长兴永兴' }, 0, 50)).rows.map((r) => r.id)).toEqual(wanted)
      expect((await listCases(db, { search: '永兴化工' }, 0, 1)).rows.map((r) => r.id)).toEqual(wanted.slice(0, 1))
    } finally {
      db.close()
    }
  })
})

describe('several writes as one', () => {
  it('a failure in the second write undoes the first', async () => {
    const { atomically } = await import('../../../src/db/atomic')
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    const auditBefore = await db.audit.count()
    await expect(
      atomically(db, async () => {
        await applyAction(db, c.id, 'refer', { department: '司法所', matter: '整案转办' }, committee, '测试')
        await addReferral(
          db,
          { caseId: 'no-such-case', department: '司法所', scope: 'whole', matter: '整案转办', dueOn: '2026-03-20' },
          '测试',
        )
      }),
    ).rejects.toThrow('案件不存在')
    expect((await db.caseDocs.get(c.id))?.status).toBe('intake')
    expect(await db.referrals.count()).toBe(0)
    expect(await db.audit.count()).toBe(auditBefore)
  })
})

describe('the case index held in memory', () => {
  it('follows writes made through another connection (a second window)', async () => {
    const factory = new IDBFactory()
    const name = `two-windows-${crypto.randomUUID()}`
    const a = new MediationDb(name, { indexedDB: factory, IDBKeyRange })
    const b = new MediationDb(name, { indexedDB: factory, IDBKeyRange })
    const { committee, roomId, mediatorIds } = await setUpCommittee(a)
    const first = await createCase(a, intake(roomId), committee, '测试')
    expect((await listCases(b, { search: '赵堃' })).rows.map((r) => r.id)).toEqual([first.id])
    // b holds the index now; a changes a party, a status, and adds a case
    const parties = partiesOf(await mustGetCaseDoc(a, first.id))
    await saveParties(
      a,
      first.id,
      [person(parties[0]!.name, '申请人', { id: parties[0]!.id }), person('欧阳喆', '被申请人')],
      '测试',
    )
    await applyAction(a, first.id, 'accept', accept(mediatorIds), committee, '测试')
    const second = await createCase(
      a,
      intake(roomId, { receivedOn: '2026-03-05', parties: [person('张赟', '申请人')] }),
      committee,
      '测试',
    )
    expect((await listCases(b, { search: '赵堃' })).rows).toEqual([])
    expect((await listCases(b, { search: 'oyz', status: 'accepted' })).rows.map((r) => r.id)).toEqual([first.id])
    expect((await listCases(b, {})).rows.map((r) => r.id)).toEqual([second.id, first.id])
    expect(await countCases(b, { status: 'intake' })).toBe(1)
    a.close()
    b.close()
  })

  it('typing a session note writes the case alone, not its digest batch', async () => {
    const db = freshDb()
    const { committee, roomId, mediatorIds } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    const s = await saveSession(
      db,
      {
        caseId: c.id,
        kind: 'mediation',
        startedAt: '2026-03-03T09:00',
        place: '调解室',
        mediatorIds,
        present: '',
        statements: [],
        factsChecked: '',
        riskWarning: '',
        outcome: '',
        notes: '',
      },
      '测试',
    )
    const revBefore = await db.caseIndex.get('meta')
    await saveSession(db, { ...s, notes: '申请人称' }, '测试')
    expect(await db.caseIndex.get('meta')).toEqual(revBefore)
    await updateCase(db, c.id, { title: '相邻通行纠纷（改）' }, '测试')
    expect(await db.caseIndex.get('meta')).not.toEqual(revBefore)
    expect((await listCases(db, { search: '通行纠纷' })).rows.map((r) => r.title)).toEqual(['相邻通行纠纷（改）'])
  })

  it('a failed write leaves the list as it was', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, '测试')
    expect((await listCases(db, {})).rows).toHaveLength(1)
    const { atomically } = await import('../../../src/db/atomic')
    await expect(
      atomically(db, async () => {
        await updateCase(db, c.id, { title: '已改名的纠纷' }, '测试')
        await createCase(db, intake(roomId, { parties: [person('欧阳喆', '申请人')] }), committee, '测试')
        throw new Error('断电')
      }),
    ).rejects.toThrow()
    expect((await listCases(db, {})).rows.map((r) => r.title)).toEqual([c.title])
    expect((await listCases(db, { search: '已改名' })).rows).toEqual([])
  })
})

describe('a damaged case index', () => {
  it('is rebuilt from the stored cases, whether its meta record or one of its batches is gone', async () => {
    const factory = new IDBFactory()
    const name = `damaged-${crypto.randomUUID()}`
    const open = () => new MediationDb(name, { indexedDB: factory, IDBKeyRange })
    const db = open()
    const { committee, roomId } = await setUpCommittee(db)
    const ids = new Set<string>()
    for (const n of ['欧阳喆', '张赟', '刘䶮'])
      ids.add((await createCase(db, intake(roomId, { parties: [person(n, '申请人')] }), committee, '测试')).id)
    db.close()
    for (const damage of ['meta', 'batch'] as const) {
      const broken = open()
      if (damage === 'meta') await broken.caseIndex.delete('meta')
      else await broken.caseIndex.where('id').notEqual('meta').delete()
      broken.close()
      const again = open()
      expect(new Set((await listCases(again, {})).rows.map((r) => r.id)), damage).toEqual(ids)
      expect((await listCases(again, { search: '张赟' })).rows).toHaveLength(1)
      again.close()
    }
  })
})
