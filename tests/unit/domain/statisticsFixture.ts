/**
 * A hand-made committee of 40 cases around the turn of 2025/2026 (December, January, February, and
 * January 2025 for 同比). The expected reports are written out by hand in statistics.test.ts; the
 * comment on each case says where it should count.
 */
import type {
  CaseRecord,
  CaseSource,
  CaseStatus,
  OutcomeKind,
  PerformanceStatus,
  Prevention,
} from '../../../src/domain/types'
import { makeCase } from './arbitraries'

export const CATEGORIES = ['婚姻家庭', '邻里', '合同']
export const TODAY = '2026-03-15'

/** 10:00 China time on a China date. */
const at = (date: string): string => `${date}T02:00:00.000Z`

interface Spec {
  cat: string
  src?: CaseSource
  status: CaseStatus
  acc?: string
  due?: string
  /** outcome kind and its instant (or a China date, taken at 10:00) */
  out?: [OutcomeKind, string]
  amount?: number
  people?: number
  perf?: [PerformanceStatus, string][]
  closed?: string
  prevention?: Prevention
  room?: string
  mediators?: string[]
  extra?: Partial<CaseRecord>
}

function k(id: string, s: Spec): CaseRecord {
  const outAt = s.out ? (s.out[1].includes('T') ? s.out[1] : at(s.out[1])) : undefined
  return makeCase({
    id,
    category: s.cat,
    source: s.src ?? '当事人申请',
    status: s.status,
    receivedOn: s.acc ?? '2026-01-13',
    ...(s.acc ? { acceptedOn: s.acc, caseNo: id } : {}),
    ...(s.due ? { dueOn: s.due } : {}),
    ...(s.out && outAt ? { outcome: { kind: s.out[0], at: outAt, content: '' } } : {}),
    amountFen: s.amount ?? 0,
    peopleCount: s.people ?? 2,
    performance: (s.perf ?? []).map(([status, d]) => ({ status, at: at(d), note: '', receiptIds: [] })),
    ...(s.closed ? { closedAt: at(s.closed) } : {}),
    ...(s.prevention ? { prevention: s.prevention } : {}),
    roomId: s.room ?? 'r1',
    mediatorIds: s.mediators ?? ['m1'],
    ...s.extra,
  })
}

const prevent = (people: Prevention['people'], abnormalDeath = false): Prevention => ({ people, abnormalDeath })

export const FIXTURE: CaseRecord[] = [
  // ---- accepted in December 2025
  // Dec: accepted, written (1万元); closed in Dec without prevention. 司法确认 applied in Dec, confirmed in Jan
  k('c01', {
    cat: '婚姻家庭',
    status: 'closed',
    acc: '2025-12-01',
    due: '2025-12-31',
    out: ['written', '2025-12-10'],
    amount: 1_000_000,
    closed: '2025-12-15',
    extra: {
      judicialConfirmation: {
        appliedOn: '2025-12-20',
        court: '沙湾区人民法院',
        result: 'confirmed',
        decidedOn: '2026-01-08',
      },
    },
  }),
  // Dec: accepted. Oral agreement at 01:00 on 2026-01-01 China time: a January success, in time
  k('c02', {
    cat: '邻里',
    src: '主动排查',
    status: 'effective',
    acc: '2025-12-05',
    due: '2026-01-04',
    out: ['oral', '2025-12-31T17:00:00.000Z'],
    people: 3,
    // a 司法确认 record on an oral agreement (a hand-edited file): never counted
    extra: {
      judicialConfirmation: {
        appliedOn: '2026-01-05',
        court: '沙湾区人民法院',
        result: 'confirmed',
        decidedOn: '2026-01-20',
      },
    },
  }),
  // Dec: accepted. Jan: terminated late (failed, not in time)
  k('c03', {
    cat: '合同',
    src: '公安移交',
    status: 'terminated',
    acc: '2025-12-10',
    due: '2026-01-09',
    out: ['terminated', '2026-01-20'],
    room: 'r2',
    mediators: ['m2'],
  }),
  // Dec: accepted. Still mediating: overdue at the end of January and February
  k('c04', {
    cat: '合同',
    src: '法院委派委托',
    status: 'mediating',
    acc: '2025-12-20',
    due: '2026-01-19',
    people: 4,
    room: 'r2',
    mediators: ['m2'],
  }),
  // retired category. Dec: accepted, written (5,000元), partial performance. Jan: full performance,
  // closed with 防止群体性械斗 5人
  k('c05', {
    cat: '物业纠纷',
    status: 'closed',
    acc: '2025-12-02',
    due: '2026-01-01',
    out: ['written', '2025-12-20'],
    amount: 500_000,
    people: 5,
    perf: [
      ['partial', '2025-12-28'],
      ['full', '2026-01-15'],
    ],
    closed: '2026-01-16',
    prevention: prevent({ fight: 5 }),
  }),
  // Dec: accepted. Jan: withdrawn in time (neither success nor failure, but 按期办结)
  k('c06', {
    cat: '婚姻家庭',
    status: 'withdrawn',
    acc: '2025-12-15',
    due: '2026-01-14',
    out: ['withdrawn', '2026-01-05'],
  }),
  // Dec: accepted. Jan: referred in time
  k('c07', {
    cat: '邻里',
    src: '网格员上报',
    status: 'referred',
    acc: '2025-12-28',
    due: '2026-01-27',
    out: ['referred', '2026-01-10'],
  }),

  // ---- accepted in January 2026
  // written 2万元, full performance, closed with 防止民转刑 2人
  k('c08', {
    cat: '婚姻家庭',
    status: 'closed',
    acc: '2026-01-03',
    due: '2026-02-02',
    out: ['written', '2026-01-20'],
    amount: 2_000_000,
    perf: [['full', '2026-01-25']],
    closed: '2026-01-26',
    prevention: prevent({ criminal: 2 }),
  }),
  // oral 3,000.50元, partial performance
  k('c09', {
    cat: '婚姻家庭',
    status: 'effective',
    acc: '2026-01-04',
    due: '2026-02-03',
    out: ['oral', '2026-01-10'],
    amount: 300_050,
    people: 3,
    perf: [['partial', '2026-01-30']],
    mediators: ['m2'],
  }),
  // terminated in time, closed with 防止自杀 1人
  k('c10', {
    cat: '婚姻家庭',
    src: '主动排查',
    status: 'closed',
    acc: '2026-01-05',
    due: '2026-02-04',
    out: ['terminated', '2026-01-28'],
    closed: '2026-01-29',
    prevention: prevent({ suicide: 1 }),
  }),
  // grid report, still mediating: overdue only in February
  k('c11', {
    cat: '邻里',
    src: '网格员上报',
    status: 'mediating',
    acc: '2026-01-06',
    due: '2026-02-05',
    people: 6,
    room: 'r2',
  }),
  // 12345. Feb: written 8,000元, closed with 防止群体性上访 10人
  k('c12', {
    cat: '邻里',
    src: '信访12345转办',
    status: 'closed',
    acc: '2026-01-07',
    due: '2026-02-06',
    out: ['written', '2026-02-03'],
    amount: 800_000,
    people: 10,
    closed: '2026-02-10',
    prevention: prevent({ petition: 10 }),
    room: 'r2',
    mediators: ['m2'],
  }),
  // government. Written at 00:30 on 02-01 China time: a February success
  k('c13', {
    cat: '合同',
    src: '政府部门交办',
    status: 'effective',
    acc: '2026-01-08',
    due: '2026-02-07',
    out: ['written', '2026-01-31T16:30:00.000Z'],
    amount: 100_000,
    room: 'r2',
    mediators: ['m2'],
  }),
  // police, terminated late
  k('c14', {
    cat: '合同',
    src: '公安移交',
    status: 'terminated',
    acc: '2026-01-09',
    due: '2026-01-20',
    out: ['terminated', '2026-01-25'],
  }),
  // court, withdrawn in time
  k('c15', {
    cat: '合同',
    src: '法院委派委托',
    status: 'withdrawn',
    acc: '2026-01-10',
    due: '2026-02-09',
    out: ['withdrawn', '2026-01-12'],
  }),
  // referred in time
  k('c16', { cat: '邻里', status: 'referred', acc: '2026-01-11', due: '2026-02-10', out: ['referred', '2026-01-15'] }),
  // source 其他 (主动), one-day deadline, still investigating: overdue
  k('c17', { cat: '婚姻家庭', src: '其他', status: 'investigating', acc: '2026-01-12', due: '2026-01-13' }),
  // registered, never accepted: counts nowhere
  k('c18', { cat: '邻里', status: 'intake' }),
  // rejected: counts nowhere
  k('c19', {
    cat: '邻里',
    status: 'rejected',
    extra: { rejection: { reason: 'x', routes: 'y', at: at('2026-01-14') } },
  }),
  // written, closed in Jan with 防止民转刑 3人 and 非正常死亡纠纷; archived, then REOPENED in February:
  // counted in January only. 司法确认 applied in Jan, confirmed in Feb
  k('c20', {
    cat: '婚姻家庭',
    status: 'closed',
    acc: '2026-01-15',
    due: '2026-02-14',
    out: ['written', '2026-01-25'],
    closed: '2026-01-27',
    prevention: prevent({ criminal: 3 }, true),
    extra: {
      reopenings: [{ at: at('2026-02-20'), reason: '补充材料' }],
      judicialConfirmation: {
        appliedOn: '2026-01-28',
        court: '沙湾区人民法院',
        result: 'confirmed',
        decidedOn: '2026-02-05',
      },
    },
  }),
  // two mediators, oral 12,345.67元
  k('c21', {
    cat: '合同',
    status: 'effective',
    acc: '2026-01-16',
    due: '2026-02-15',
    out: ['oral', '2026-01-17'],
    amount: 1_234_567,
    people: 4,
    room: 'r2',
    mediators: ['m1', 'm2'],
  }),
  // Jan accepted; Feb terminated in time
  k('c22', {
    cat: '邻里',
    src: '主动排查',
    status: 'terminated',
    acc: '2026-01-20',
    due: '2026-02-19',
    out: ['terminated', '2026-02-05'],
  }),
  // retired category, still mediating
  k('c23', { cat: '物业纠纷', status: 'mediating', acc: '2026-01-21', due: '2026-02-20', people: 3 }),
  // police, written 6,000元, not performed, closed with 防止民转刑 2人 (a zero of another kind)
  k('c24', {
    cat: '婚姻家庭',
    src: '公安移交',
    status: 'closed',
    acc: '2026-01-22',
    due: '2026-02-21',
    out: ['written', '2026-01-30'],
    amount: 600_000,
    perf: [['none', '2026-01-31']],
    closed: '2026-01-31',
    prevention: prevent({ criminal: 2, fight: 0 }),
  }),
  k('c25', { cat: '邻里', status: 'mediating', acc: '2026-01-31', due: '2026-03-02' }),

  // ---- accepted in February 2026
  k('c26', {
    cat: '婚姻家庭',
    status: 'effective',
    acc: '2026-02-02',
    due: '2026-03-04',
    out: ['written', '2026-02-10'],
    amount: 100_000,
  }),
  k('c27', { cat: '邻里', src: '主动排查', status: 'mediating', acc: '2026-02-03', due: '2026-03-05' }),
  k('c28', {
    cat: '合同',
    src: '公安移交',
    status: 'terminated',
    acc: '2026-02-05',
    due: '2026-03-07',
    out: ['terminated', '2026-02-20'],
  }),
  k('c29', {
    cat: '婚姻家庭',
    src: '网格员上报',
    status: 'withdrawn',
    acc: '2026-02-10',
    due: '2026-03-12',
    out: ['withdrawn', '2026-02-11'],
  }),
  k('c30', {
    cat: '合同',
    src: '信访12345转办',
    status: 'referred',
    acc: '2026-02-12',
    due: '2026-03-14',
    out: ['referred', '2026-02-13'],
  }),

  // ---- January 2025 (同比) and more December
  k('c31', {
    cat: '婚姻家庭',
    status: 'archived',
    acc: '2025-01-10',
    due: '2025-02-09',
    out: ['written', '2025-01-20'],
    amount: 400_000,
    closed: '2025-01-22',
  }),
  k('c32', {
    cat: '邻里',
    status: 'terminated',
    acc: '2025-01-15',
    due: '2025-02-14',
    out: ['terminated', '2025-01-30'],
  }),
  k('c33', {
    cat: '合同',
    src: '主动排查',
    status: 'effective',
    acc: '2025-01-20',
    due: '2025-02-19',
    out: ['oral', '2025-02-05'],
  }),
  // Dec: accepted, terminated, closed with 防止自杀 2人
  k('c34', {
    cat: '婚姻家庭',
    status: 'closed',
    acc: '2025-12-10',
    due: '2026-01-09',
    out: ['terminated', '2025-12-30'],
    closed: '2025-12-31',
    prevention: prevent({ suicide: 2 }),
  }),
  // withdrawn before acceptance: no due date, counts nowhere
  k('c35', { cat: '邻里', status: 'withdrawn', out: ['withdrawn', '2026-01-22'] }),
  // accepted in November, still mediating: overdue in December, January and February
  k('c36', { cat: '合同', status: 'mediating', acc: '2025-11-20', due: '2025-12-20' }),
  // written 500元, closed with an all-zero prevention record (nothing prevented)
  k('c37', {
    cat: '邻里',
    status: 'closed',
    acc: '2026-01-18',
    due: '2026-02-17',
    out: ['written', '2026-01-19'],
    amount: 50_000,
    closed: '2026-01-20',
    prevention: prevent({ criminal: 0 }),
  }),
  // oral, one day late
  k('c38', { cat: '婚姻家庭', status: 'effective', acc: '2026-01-19', due: '2026-01-25', out: ['oral', '2026-01-26'] }),
  k('c39', { cat: '邻里', status: 'mediating', acc: '2026-02-25', due: '2026-03-27' }),
  k('c40', {
    cat: '婚姻家庭',
    src: '法院委派委托',
    status: 'mediating',
    acc: '2026-01-25',
    due: '2026-02-24',
    room: 'r2',
    mediators: ['m2'],
  }),
]
