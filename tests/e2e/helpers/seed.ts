import type { Page } from '@playwright/test'
import type { CaseRecord, Party } from '../../../src/domain/types'
import { partySummary } from '../../../src/domain/intake'
import { datedSearchTokens, facetsFor } from '../../../src/domain/caseKeys'
import { addDays } from '../../../src/domain/dates'

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰']

/**
 * Writes `count` intake-stage cases (two parties each) straight into the app's IndexedDB, with the
 * same derived keys the repository computes, so list tests do not have to type hundreds of intakes.
 * Case i is received `i` days before `newest`; its title is `批量案件{i}`.
 */
export async function seedCases(page: Page, count: number, newest: string): Promise<void> {
  const ids = await page.evaluate(
    () =>
      new Promise<{ committeeId: string; roomId: string }>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const tx = req.result.transaction(['committees', 'rooms'], 'readonly')
          const c = tx.objectStore('committees').getAll()
          const r = tx.objectStore('rooms').getAll()
          tx.oncomplete = () => resolve({ committeeId: (c.result[0] as { id: string }).id, roomId: (r.result[0] as { id: string }).id })
          tx.onerror = () => reject(tx.error)
        }
        req.onerror = () => reject(req.error)
      }),
  )
  const cases: CaseRecord[] = []
  const parties: Party[] = []
  for (let i = 0; i < count; i++) {
    const id = `seed-case-${String(i).padStart(5, '0')}`
    const at = '2026-01-01T00:00:00.000Z'
    const names = [SURNAMES[i % 10]! + GIVEN[i % 12]!, SURNAMES[(i + 3) % 10]! + GIVEN[(i + 5) % 12]!]
    const ps: Party[] = names.map((name, k) => ({
      id: `${id}-p${k}`,
      caseId: id,
      role: k === 0 ? '申请人' : '被申请人',
      kind: 'person',
      name,
      order: k,
      phone: `1390000${String(i * 2 + k).padStart(4, '0')}`,
      address: '',
      agents: [],
      createdAt: at,
      updatedAt: at,
    }))
    const base: CaseRecord = {
      id,
      createdAt: at,
      updatedAt: at,
      committeeId: ids.committeeId,
      roomId: ids.roomId,
      status: 'intake',
      source: '当事人申请',
      category: '邻里',
      title: `批量案件${i}`,
      facts: '相邻通行纠纷。',
      requests: [],
      amountFen: 0,
      peopleCount: 2,
      flags: [],
      mediatorIds: [],
      receivedOn: addDays(newest, -i),
      performance: [],
      partySummary: '',
      searchTokens: [],
      facets: [],
    }
    cases.push({ ...base, partySummary: partySummary(ps), searchTokens: datedSearchTokens(base, ps), facets: facetsFor(base) })
    parties.push(...ps)
  }
  await page.evaluate(
    ({ cases, parties }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const tx = req.result.transaction(['cases', 'parties'], 'readwrite')
          for (const c of cases) tx.objectStore('cases').put(c)
          for (const p of parties) tx.objectStore('parties').put(p)
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
        }
        req.onerror = () => reject(req.error)
      }),
    { cases, parties },
  )
}
