import { useDialog } from 'naive-ui'
import type { BuildOptions, DocumentKind } from '../../documents/builders'
import { useDocumentsStore } from '../../stores/documents'
import { useSyncStore } from '../../stores/sync'

/**
 * The check before a document with an agreement's terms leaves the app (保存PDF, 打印) while another PC's
 * finalisation of that agreement, with other terms, stands on the sync server (src/db/sync): this PC's
 * copy may not be the one the parties signed, so the mediator decides. Resolves true to go on.
 */
export function useFinalisedElsewhereCheck() {
  const documents = useDocumentsStore()
  const sync = useSyncStore()
  const dialog = useDialog()

  return async function confirmNotFinalisedElsewhere(
    caseId: string,
    kind: DocumentKind,
    options: BuildOptions = {},
  ): Promise<boolean> {
    const elsewhere = sync.snapshot.agreementsFinalisedElsewhere ?? []
    if (elsewhere.length === 0) return true
    const printed = await documents.agreementPrinted(caseId, kind, options)
    if (printed === undefined || !elsewhere.includes(printed)) return true
    return new Promise((resolve) => {
      dialog.warning({
        title: '这份协议与另一台电脑上确认的不同',
        content:
          '同步服务器保留的是另一台电脑先确认的那一份。仍要打印（保存）本机的这一份吗？建议先与那台电脑的调解员核对，以当事人实际签字的那一份为准。',
        positiveText: '仍然继续',
        negativeText: '取消',
        onPositiveClick: () => resolve(true),
        onNegativeClick: () => resolve(false),
        onClose: () => resolve(false),
      })
    })
  }
}
