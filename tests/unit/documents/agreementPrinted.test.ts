/**
 * Which agreement a document prints the terms of (builders' `agreementPrintedBy`): asked before a document
 * leaves the app while another PC's finalisation of that agreement stands. The expected ids are written
 * out per kind from the fixture's versions, not derived by the function under test.
 */
import { describe, expect, it } from 'vitest'
import { DOCUMENT_KIND_NAMES, agreementPrintedBy, type DocumentKind } from '../../../src/documents/builders/index'
import type { Agreement, CaseBundle } from '../../../src/domain/types'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'

function withVersions(statuses: Agreement['status'][]): CaseBundle {
  const bundle = wageArrearsBundle()
  const base = bundle.agreements[0]!
  bundle.agreements = statuses.map((status, i) => ({ ...base, id: `v${i + 1}`, version: i + 1, status }))
  return bundle
}

describe('the agreement a document prints', () => {
  it('is none for a case without an agreement, whatever the document', () => {
    const bundle = withVersions([])
    for (const kind of DOCUMENT_KIND_NAMES) expect(agreementPrintedBy(kind, bundle)).toBeUndefined()
  })

  it('per document: the newest version, or the effective one in the case file, or the one asked for', () => {
    // v1 superseded, v2 final (effective), v3 a new draft
    const bundle = withVersions(['superseded', 'final', 'draft'])
    const table: [DocumentKind, string | undefined, string | undefined][] = [
      ['agreement', undefined, 'v3'],
      ['agreement', 'v1', 'v1'],
      ['judicial-confirmation', undefined, 'v3'],
      ['judicial-confirmation', 'v2', 'v2'],
      ['casefile', undefined, 'v2'],
      ['casefile', 'v1', 'v1'],
      ['registration', undefined, undefined],
      ['mediation', undefined, undefined],
      ['closing-report', undefined, undefined],
      ['follow-up', 'v2', undefined],
    ]
    for (const [kind, asked, expected] of table) {
      const opts = asked ? { agreementId: asked } : {}
      expect(agreementPrintedBy(kind, bundle, opts), `${kind} ${asked ?? ''}`).toBe(expected)
    }
  })

  it('the case file without an effective version files the newest draft', () => {
    expect(agreementPrintedBy('casefile', withVersions(['draft']))).toBe('v1')
  })
})
