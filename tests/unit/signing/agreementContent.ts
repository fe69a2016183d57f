/**
 * A finalised agreement's canonical content as the page sends it to be signed, written out by hand,
 * and an independent reference for its hash (sorted-key JSON and Node's SHA-256).
 */
import { createHash } from 'node:crypto'

export function agreementContent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: 'mediation-room/agreement@1',
    caseNo: '（2026）朝调字第12号',
    committee: '北京市朝阳区某街道人民调解委员会',
    version: 1,
    parties: [
      { role: '申请人', kind: 'person', name: '王𠮷', gender: '男', idNumber: '110105198001010013', agents: [] },
      { role: '被申请人', kind: 'org', name: '北京某建筑劳务有限公司', creditCode: '91110105MA01ABCD1X', agents: [] },
    ],
    facts: '申请人在被申请人处务工，被拖欠工资。',
    disputes: '工资支付',
    clauses: [
      {
        kind: 'payment',
        obligors: [1],
        obligees: [0],
        action: '支付拖欠工资',
        amountFen: 1_250_000,
        dueOn: '2026-12-31',
      },
    ],
    performanceTerms: '银行转账',
    copies: 3,
    ...overrides,
  }
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** SHA-256 hex of the content's sorted-key JSON: what the signer must compute. */
export function referenceHash(content: unknown): string {
  return createHash('sha256').update(sortedJson(content), 'utf8').digest('hex')
}
