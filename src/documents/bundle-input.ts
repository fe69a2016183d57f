/**
 * What the CLI (and later an import preview) accepts as input: one CaseBundle, `{ bundles: CaseBundle[] }`,
 * or a transfer file (`mediation-room/transfer`, see src/db/transfer/README.md) whose tables are
 * grouped into one bundle per case. Errors are in Chinese with the English gist for office IT staff.
 */
import type { CaseBundle, CaseRecord } from '../domain/types'
import { DocumentDataError } from './format'

type Row = Record<string, unknown>

function isObject(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function rows(tables: Row, name: string): Row[] {
  const t = tables[name]
  if (t === undefined) return []
  if (!Array.isArray(t)) throw new DocumentDataError(`文件中的 ${name} 不是数组（table "${name}" is not an array）`)
  return t.filter(isObject)
}

const BUNDLE_ARRAYS = [
  'mediators',
  'parties',
  'sessions',
  'agreements',
  'signatures',
  'followUps',
  'referrals',
  'attachments',
] as const

function asBundle(raw: unknown, where: string): CaseBundle {
  if (!isObject(raw)) throw new DocumentDataError(`${where}不是对象（not an object）`)
  for (const key of ['committee', 'room', 'case'] as const) {
    if (!isObject(raw[key])) throw new DocumentDataError(`${where}缺少 ${key}（missing "${key}"）`)
  }
  for (const key of BUNDLE_ARRAYS) {
    if (!Array.isArray(raw[key])) throw new DocumentDataError(`${where}缺少 ${key} 数组（missing array "${key}"）`)
  }
  const c = raw.case as Row
  if (typeof c.id !== 'string' || typeof c.category !== 'string' || !Array.isArray(c.requests)) {
    throw new DocumentDataError(`${where}的案件记录不完整（case record lacks id, category or requests）`)
  }
  // the structural checks above are what documents rely on; field contents are printed as stored
  return raw as unknown as CaseBundle
}

function bundlesFromTransfer(file: Row): CaseBundle[] {
  const tables = file.tables
  if (!isObject(tables)) throw new DocumentDataError('导出文件缺少 tables（transfer file has no "tables"）')
  const byCase = (name: string, caseId: string): Row[] => rows(tables, name).filter((r) => r.caseId === caseId)
  const agreements = rows(tables, 'agreements')
  return rows(tables, 'cases').map((c, i) => {
    const caseId = String(c.id)
    const agreementIds = new Set(agreements.filter((a) => a.caseId === caseId).map((a) => a.id))
    const mediatorIds = new Set(Array.isArray(c.mediatorIds) ? c.mediatorIds : [])
    if (typeof c.recorderId === 'string') mediatorIds.add(c.recorderId)
    return asBundle(
      {
        committee: rows(tables, 'committees').find((x) => x.id === c.committeeId),
        room: rows(tables, 'rooms').find((x) => x.id === c.roomId),
        mediators: rows(tables, 'mediators').filter((m) => mediatorIds.has(m.id)),
        case: c,
        parties: byCase('parties', caseId),
        sessions: byCase('sessions', caseId),
        agreements: byCase('agreements', caseId),
        signatures: rows(tables, 'signatures').filter((s) => agreementIds.has(s.agreementId)),
        followUps: byCase('followUps', caseId),
        referrals: byCase('referrals', caseId),
        attachments: byCase('attachments', caseId),
      },
      `第 ${i + 1} 个案件`,
    )
  })
}

/** Every case bundle in a parsed input file. */
export function bundlesFromJson(raw: unknown): CaseBundle[] {
  if (!isObject(raw)) throw new DocumentDataError('输入不是 JSON 对象（input is not a JSON object）')
  if (raw.format === 'mediation-room/encrypted') {
    throw new DocumentDataError(
      '这是加密的导出文件，请先在程序中解密后再导出（encrypted transfer files are not supported here）',
    )
  }
  if (raw.format === 'mediation-room/transfer') return bundlesFromTransfer(raw)
  if (Array.isArray(raw.bundles)) return raw.bundles.map((b, i) => asBundle(b, `第 ${i + 1} 个案件`))
  return [asBundle(raw, '输入文件')]
}

/** The bundle with the given case number; the only one when no number is given. */
export function pickBundle(bundles: readonly CaseBundle[], caseNo?: string): CaseBundle {
  if (bundles.length === 0) throw new DocumentDataError('文件中没有案件（no case in the file）')
  if (caseNo) {
    const found = bundles.find((b) => (b.case as CaseRecord).caseNo === caseNo)
    if (!found) throw new DocumentDataError(`文件中没有案号为“${caseNo}”的案件（no case numbered "${caseNo}"）`)
    return found
  }
  const only = bundles[0]
  if (bundles.length > 1 || !only) {
    const numbers = bundles.map((b) => b.case.caseNo ?? b.case.id).join('、')
    throw new DocumentDataError(`文件中有 ${bundles.length} 个案件，请用 --case-no 指定其一：${numbers}`)
  }
  return only
}
