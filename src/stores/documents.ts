import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CaseBundle, UUID } from '../domain/types'
import {
  DOCUMENT_KINDS,
  DOCUMENT_KIND_NAMES,
  agreementPrintedBy,
  isPerPartyDocument,
  type BuildOptions,
  type DocumentKind,
} from '../documents/builders'
import { judicialConfirmationLimit } from '../domain/categories'
import { documentFileName } from '../domain/fileName'
import { JUDICIAL_CONFIRMATION_DAYS, judicialConfirmationLastDay } from '../domain/judicialConfirmation'
import { getDatabase } from '../db/connection'
import { loadCaseBundle } from '../db/caseBundle'
import { logDocument } from '../db/casesRepo'
import { platform } from '../platform'
import { generatePdf, findMissingGlyphs, preloadPdfWorker } from '../documents/browser/client'
import { plainCopy } from '../db/plain'
import { todayInChina } from '../domain/dates'
import { CASE_NUMBER_PENDING_NOTE, documentAwaitsCaseNumber } from '../domain/syncNumbering'
import { currentActor } from './actor'
import { failureText } from '../domain/failureText'

export interface DocumentEntry {
  kind: DocumentKind
  title: string
  available: boolean
  /** why it cannot be made now, or a notice that goes with it */
  note?: string
}

const WHY_NOT: Partial<Record<DocumentKind, string>> = {
  registration: '案件受理后才有受理登记表',
  rejection: '只有不予受理的案件才有此通知书',
  'rights-notice': '案件受理后才有权利义务告知书',
  investigation: '还没有调查记录',
  mediation: '还没有调解记录',
  agreement: '还没有拟定书面协议',
  'oral-agreement': '只有登记口头协议的案件才有此登记表',
  termination: '只有终止调解或撤回的案件才有此告知书',
  'follow-up': '还没有回访记录',
}

/** 司法确认: category permitting, and within the application window after the agreement took effect. */
function judicialConfirmationEntry(bundle: CaseBundle, today: string): Pick<DocumentEntry, 'available' | 'note'> {
  const limit = judicialConfirmationLimit(bundle.case.category)
  if (!limit.allowed) return { available: false, note: limit.notice }
  const final = bundle.agreements.filter((a) => a.status === 'final' && a.finalizedAt).at(-1)
  if (!final?.finalizedAt) return { available: false, note: '书面协议确认生效后才能申请司法确认' }
  const last = judicialConfirmationLastDay(final.finalizedAt)
  if (today > last)
    return { available: false, note: `已超过协议生效之日起${JUDICIAL_CONFIRMATION_DAYS}日的申请期限（截至${last}）` }
  return {
    available: true,
    note: `须由双方当事人共同于${last}前向人民法院申请${limit.notice ? `；${limit.notice}` : ''}`,
  }
}

export function documentEntries(bundle: CaseBundle, today: string): DocumentEntry[] {
  return DOCUMENT_KIND_NAMES.filter((kind) => !isPerPartyDocument(kind)).map((kind) => {
    const entry = entryOf(kind, bundle, today)
    // a 待编号 case (accepted while this PC had no number to give) gets its documents once it is numbered
    if (entry.available && documentAwaitsCaseNumber(bundle.case, kind))
      return { kind, title: entry.title, available: false, note: CASE_NUMBER_PENDING_NOTE }
    return entry
  })
}

function entryOf(kind: DocumentKind, bundle: CaseBundle, today: string): DocumentEntry {
  const title = DOCUMENT_KINDS[kind].title
  if (kind === 'judicial-confirmation') return { kind, title, ...judicialConfirmationEntry(bundle, today) }
  const available = DOCUMENT_KINDS[kind].available(bundle)
  return { kind, title, available, ...(available ? {} : { note: WHY_NOT[kind] ?? '本案暂无此文书的内容' }) }
}

/** Every name a document prints: what must be checked for characters no font has. */
function namesIn(bundle: CaseBundle): string {
  return [
    ...bundle.parties.flatMap((p) => [p.name, ...p.agents.map((a) => a.name)]),
    ...bundle.mediators.map((m) => m.name),
    bundle.committee.fullName,
  ].join('')
}

/**
 * The documents of a case: preview, save (platform saveFile) and print (platform printPdf).
 * Every save and print is written to the access log.
 */
export const useDocumentsStore = defineStore('documents', () => {
  const busy = ref<string>()
  const message = ref('')

  async function bundleOf(caseId: UUID, withAttachments = true): Promise<CaseBundle> {
    const { db } = await getDatabase()
    return loadCaseBundle(db, caseId, { withAttachments })
  }

  async function entries(caseId: UUID): Promise<DocumentEntry[]> {
    return documentEntries(await bundleOf(caseId, false), todayInChina())
  }

  /** Rendered in the PDF worker, off the UI thread; the bundle is copied out of any Vue proxy first. */
  async function render(kind: DocumentKind, bundle: CaseBundle, options: BuildOptions = {}): Promise<Uint8Array> {
    if (documentAwaitsCaseNumber(bundle.case, kind)) throw new Error(CASE_NUMBER_PENDING_NOTE)
    return generatePdf(kind, plainCopy(bundle), plainCopy(options))
  }

  async function preview(caseId: UUID, kind: DocumentKind, options: BuildOptions = {}): Promise<Uint8Array> {
    return render(kind, await bundleOf(caseId, kind === 'casefile'), options)
  }

  /**
   * When a case opens: start the PDF worker with the fonts this case's names need, warmed up on the
   * case's agreement (or its first document), so its first 预览 or 打印 is warm. Best effort: a failure
   * here shows up, with its message, when a document is made.
   */
  async function preload(caseId: UUID): Promise<void> {
    try {
      const bundle = await bundleOf(caseId, false)
      const kind = DOCUMENT_KINDS.agreement.available(bundle)
        ? 'agreement'
        : DOCUMENT_KIND_NAMES.find((k) => k !== 'casefile' && DOCUMENT_KINDS[k].available(bundle))
      await preloadPdfWorker(namesIn(bundle), kind ? { kind, bundle: plainCopy(bundle) } : undefined)
    } catch {
      // nothing to tell yet: generatePdf reports the same failure when it matters
    }
  }

  /**
   * What of a document (and of the case's names) would print as an empty box or not at all: rare
   * characters no font has, emoji. Checked before the document is saved or printed.
   */
  async function missingCharacters(caseId: UUID, kind: DocumentKind, options: BuildOptions = {}): Promise<string[]> {
    const bundle = await bundleOf(caseId, false)
    return findMissingGlyphs(namesIn(bundle), { kind, bundle: plainCopy(bundle), options: plainCopy(options) })
  }

  /** The id of the agreement a document prints the terms of (builders' `agreementPrintedBy`), if any. */
  async function agreementPrinted(
    caseId: UUID,
    kind: DocumentKind,
    options: BuildOptions = {},
  ): Promise<string | undefined> {
    return agreementPrintedBy(kind, await bundleOf(caseId, false), options)
  }

  async function run(label: string, job: () => Promise<void>) {
    busy.value = label
    message.value = ''
    try {
      await job()
    } catch (error) {
      message.value = failureText(error)
      throw error
    } finally {
      busy.value = undefined
    }
  }

  async function save(caseId: UUID, kind: DocumentKind, options: BuildOptions = {}): Promise<boolean> {
    let saved = false
    await run(`save:${kind}`, async () => {
      const bundle = await bundleOf(caseId, kind === 'casefile')
      const data = await render(kind, bundle, options)
      const title = DOCUMENT_KINDS[kind].title
      saved = await platform().saveFile({
        suggestedName: documentFileName(bundle.case.caseNo, title, {
          id: bundle.case.id,
          receivedOn: bundle.case.receivedOn,
          applicantNames: bundle.parties
            .filter((p) => p.role === '申请人')
            .sort((a, b) => a.order - b.order)
            .map((p) => p.name),
        }),
        mime: 'application/pdf',
        data,
        kind: 'pdf',
      })
      const { db } = await getDatabase()
      if (saved) await logDocument(db, caseId, 'export', kind, currentActor())
    })
    return saved
  }

  async function print(caseId: UUID, kind: DocumentKind, options: BuildOptions = {}): Promise<void> {
    await run(`print:${kind}`, async () => {
      const bundle = await bundleOf(caseId, kind === 'casefile')
      const data = await render(kind, bundle, options)
      const { db } = await getDatabase()
      // logged before it leaves the app: a print dialog may be closed without telling us
      await logDocument(db, caseId, 'print', kind, currentActor())
      await platform().printPdf(data, DOCUMENT_KINDS[kind].title)
    })
  }

  return {
    busy,
    message,
    entries,
    preview,
    render,
    save,
    print,
    missingCharacters,
    agreementPrinted,
    bundleOf,
    preload,
  }
})
