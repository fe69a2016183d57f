/**
 * The generated cases the backup and sync benches store: n labour-dispute cases of the same size, each with
 * an applicant and a respondent, no sessions, all in room r1 with mediator m1.
 */
import type { NewCaseDoc } from '../../src/db/records'

export function generateCaseDocs(
  n: number,
  { committeeId, caseNoPlace }: { committeeId: string; caseNoPlace: string },
): NewCaseDoc[] {
  const docs: NewCaseDoc[] = []
  const stamp = '2026-11-22T08:00:00.000Z'
  for (let i = 0; i < n; i++) {
    const id = crypto.randomUUID()
    docs.push({
      id,
      createdAt: stamp,
      updatedAt: stamp,
      committeeId,
      roomId: 'r1',
      caseNo: `（2026）${caseNoPlace}调字第${i + 1}号`,
      status: 'mediating',
      source: '当事人申请',
      category: '劳动争议',
      title: `张三与某公司欠薪纠纷${i}`,
      facts: '申请人称被申请人拖欠工资三个月，共计人民币一万二千元。'.repeat(4),
      requests: ['支付拖欠工资'],
      amountFen: 1_200_000,
      peopleCount: 2,
      flags: [],
      mediatorIds: ['m1'],
      receivedOn: '2026-11-01',
      performance: [],
      partySummary: '张三、某公司',
      parties: [0, 1].map((p) => ({
        id: crypto.randomUUID(),
        createdAt: stamp,
        updatedAt: stamp,
        caseId: id,
        role: p === 0 ? '申请人' : '被申请人',
        kind: 'person' as const,
        name: p === 0 ? '张三' : '李四',
        order: p,
        phone: '13800000000',
        address: '某某镇某某村1号',
        agents: [],
      })),
      sessions: [],
    })
  }
  return docs
}
