/** The fixture case, finalised with a throwaway key, and a renderer shared by the document tests. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createNodeSigner } from '../../../electron/main/signing'
import { buildDocument, type BuildOptions, type DocumentKind } from '../../../src/documents/builders/index'
import { loadNodeFonts } from '../../../src/documents/node/fonts'
import { renderPdf, REPRODUCIBLE_DATE } from '../../../src/documents/render'
import { finaliseAgreement } from '../../../src/documents/verify'
import type { CaseBundle } from '../../../src/domain/types'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'

export function newSigner(): ReturnType<typeof createNodeSigner> {
  return createNodeSigner(mkdtempSync(join(tmpdir(), 'mr-key-')))
}

export async function finalisedBundle(signer = newSigner()): Promise<CaseBundle> {
  const bundle = wageArrearsBundle()
  const draft = bundle.agreements[0]
  if (!draft || !bundle.case.caseNo) throw new Error('fixture has no agreement or case number')
  bundle.agreements[0] = await finaliseAgreement(
    draft,
    bundle.parties,
    { caseNo: bundle.case.caseNo, committeeName: bundle.committee.fullName },
    signer,
    '2026-11-20T08:30:00.000Z',
  )
  return bundle
}

export async function render(kind: DocumentKind, bundle: CaseBundle, opts: BuildOptions = {}): Promise<Uint8Array> {
  const dd = buildDocument(kind, bundle, opts)
  return renderPdf(dd, await loadNodeFonts(dd), { creationDate: REPRODUCIBLE_DATE })
}
