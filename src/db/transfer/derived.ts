/**
 * A case's party summary is derived data. A file written by another version or edited by hand may carry
 * a stale one, so it is derived again from the file's own case and parties before anything is compared
 * or stored. (Older files' search keys are dropped when the file is read: src/db/transfer/format.ts.)
 */
import { withPartySummary } from '../../domain/intake'
import type { TransferFile } from './format'
import type { TransferRow } from './recordSchemas'

export function withCurrentDerivedKeys(file: TransferFile): TransferFile {
  if (file.tables.cases.length === 0) return file
  const partiesByCase = new Map<string, TransferRow<'parties'>[]>()
  for (const p of file.tables.parties) partiesByCase.set(p.caseId, [...(partiesByCase.get(p.caseId) ?? []), p])
  const cases = file.tables.cases.map((c) => withPartySummary(c, partiesByCase.get(c.id) ?? []))
  return { ...file, tables: { ...file.tables, cases } }
}
