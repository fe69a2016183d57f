// @vitest-environment happy-dom
/**
 * 本案文书 in the case header: one click opens every document a case can have (13), those it cannot have
 * yet greyed out with the reason in plain words. The table is written out by hand for a case that was
 * accepted and is being mediated, with no record, agreement or visit yet.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { h } from 'vue'

// the preview draws PDFs with pdf.js, which does not load under happy-dom; not what is tested here
vi.mock('../../../../src/components/documents/PdfPages.vue', () => ({ default: { render: () => null } }))
vi.mock('../../../../src/documents/browser/client', () => ({
  generatePdf: vi.fn(async () => new Uint8Array([37, 80, 68, 70])),
  findMissingGlyphs: vi.fn(async () => []),
  preloadPdfWorker: vi.fn(async () => undefined),
}))
import CaseDocumentsButton from '../../../../src/components/documents/CaseDocumentsButton.vue'
import { documentEntries, useDocumentsStore } from '../../../../src/stores/documents'
import { wageArrearsBundle } from '../../../fixtures/cases/wage-arrears'
import { clickButton, mountInApp, type Mounted } from '../mountInApp'

/** title → the reason shown when it cannot be made now ('' = it can be made). */
const MEDIATING_CASE: [string, string][] = [
  ['人民调解申请书', ''],
  ['人民调解受理登记表', ''],
  ['不予受理通知书', '只有不予受理的案件才有此通知书'],
  ['当事人权利义务告知书', ''],
  ['调查记录', '还没有调查记录'],
  ['调解记录', '还没有调解记录'],
  ['人民调解协议书', '还没有拟定书面协议'],
  ['口头调解协议登记表', '只有登记口头协议的案件才有此登记表'],
  ['终止调解告知书', '只有终止调解或撤回的案件才有此告知书'],
  ['司法确认申请书', '书面协议确认生效后才能申请司法确认'],
  ['回访记录', '还没有回访记录'],
  ['人民调解结案报告', ''],
  ['人民调解卷宗', ''],
]

function mediatingBundle() {
  const bundle = wageArrearsBundle()
  bundle.case.status = 'mediating'
  delete bundle.case.outcome
  bundle.case.performance = []
  bundle.sessions = []
  bundle.agreements = []
  bundle.signatures = []
  bundle.followUps = []
  return bundle
}

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
})

async function openList() {
  mounted = await mountInApp(() => h(CaseDocumentsButton, { caseId: 'case-7' }))
  const documents = useDocumentsStore()
  const asked: string[] = []
  documents.entries = async (caseId: string) => {
    asked.push(caseId)
    return documentEntries(mediatingBundle(), '2026-11-10')
  }
  await clickButton('本案文书')
  await vi.waitFor(() => expect(document.body.querySelectorAll('tr[data-kind]').length).toBeGreaterThan(0))
  await flushPromises()
  return { asked, documents }
}

const rows = () => [...document.body.querySelectorAll<HTMLTableRowElement>('tr[data-kind]')]

describe('本案文书', () => {
  it('lists all 13 documents, those not possible yet greyed out with the reason', async () => {
    const { asked } = await openList()
    expect(asked).toEqual(['case-7'])
    const shown = rows().map((r) => {
      const title = r.querySelector('th')?.textContent?.trim() ?? ''
      const off = r.classList.contains('off')
      const note = r.querySelector('.note')?.textContent?.trim() ?? ''
      return [title, off ? note : '']
    })
    expect(shown).toEqual(MEDIATING_CASE.map(([title, why]) => [title, why ? `暂不能生成：${why}` : '']))
    for (const row of rows()) {
      const buttons = [...row.querySelectorAll('button')]
      if (row.classList.contains('off')) {
        expect(buttons.map((b) => [b.textContent?.trim(), b.disabled])).toEqual([['预览', true]])
      } else {
        expect(buttons.map((b) => [b.textContent?.trim(), b.disabled])).toEqual([
          ['预览', false],
          ['保存PDF', false],
          ['打印', false],
        ])
      }
    }
  })

  it('打印 in the list prints that document of this case', async () => {
    const { documents } = await openList()
    const printed: [string, string][] = []
    documents.print = async (caseId: string, kind: string) => void printed.push([caseId, kind])
    documents.missingCharacters = async () => []
    const row = rows().find((r) => r.querySelector('th')?.textContent?.trim() === '人民调解受理登记表')!
    const print = [...row.querySelectorAll('button')].find((b) => b.textContent?.trim() === '打印')!
    print.click()
    await vi.waitFor(() => expect(printed).toEqual([['case-7', 'registration']]))
  })
})
