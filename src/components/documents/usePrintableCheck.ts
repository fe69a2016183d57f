import { useDialog } from 'naive-ui'
import type { BuildOptions, DocumentKind } from '../../documents/builders'
import { useDocumentsStore } from '../../stores/documents'

/**
 * The check before a document leaves the app (保存PDF, 打印): characters no font has, rare ones and
 * emoji alike, would print as empty boxes or not at all, so they are named first and the mediator decides.
 * Resolves true to go on.
 */
export function usePrintableCheck() {
  const documents = useDocumentsStore()
  const dialog = useDialog()

  return async function confirmPrintable(
    caseId: string,
    kind: DocumentKind,
    options: BuildOptions = {},
  ): Promise<boolean> {
    const missing = await documents.missingCharacters(caseId, kind, options)
    if (missing.length === 0) return true
    return new Promise((resolve) => {
      dialog.warning({
        title: '有字打印不出来',
        content: `以下字符（含表情符号）在字体中没有，打印出来会是空白方框或不显示：${missing.join(' ')}。可以继续，打印后请手写补上；表情符号可改成文字。`,
        positiveText: '仍然继续',
        negativeText: '取消',
        onPositiveClick: () => resolve(true),
        onNegativeClick: () => resolve(false),
        onClose: () => resolve(false),
      })
    })
  }
}
