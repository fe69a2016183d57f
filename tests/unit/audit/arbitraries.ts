/** Random audit logs for the chain and anchor tests. */
import fc from 'fast-check'
import { linkEntry } from '../../../src/domain/audit'
import type { AuditEntry } from '../../../src/domain/types'

export const KEY = new Uint8Array(32).fill(7)
/** what a forger without the audit key uses */
export const WRONG_KEY = new Uint8Array(32).fill(8)

const token = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,12}$/)
export const contentArb = fc.record({
  id: fc.uuid(),
  ts: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  actor: token,
  action: fc.constantFrom('create', 'update', 'transition', 'reveal', 'print', 'export'),
  entity: fc.constantFrom('case', 'party', 'session', 'agreement'),
  entityId: fc.uuid(),
  caseId: fc.option(fc.uuid(), { nil: undefined }),
  fields: fc.array(token, { maxLength: 5 }),
})

export type Content = typeof contentArb extends fc.Arbitrary<infer T> ? T : never

export function buildChain(contents: readonly Content[], key: Uint8Array = KEY): AuditEntry[] {
  const chain: AuditEntry[] = []
  for (const content of contents) {
    const { caseId, ...rest } = content
    chain.push(linkEntry(chain.at(-1), caseId === undefined ? rest : { ...rest, caseId }, key))
  }
  return chain
}

export const chainArb = fc.array(contentArb, { minLength: 1, maxLength: 25 }).map((c) => buildChain(c))
