import { useDialog } from 'naive-ui'
import { useRouter } from 'vue-router'

/**
 * Before an agreement is locked: when the committee has no seal image, say so and let the mediator
 * choose. A locked agreement prints the seal image beside the committee's name; without one, the
 * seal must be pressed on the paper by hand. Resolves true when locking should go on.
 */
export function useSealPrompt(): (hasSeal: boolean) => Promise<boolean> {
  const dialog = useDialog()
  const router = useRouter()
  return (hasSeal) => {
    if (hasSeal) return Promise.resolve(true)
    return new Promise<boolean>((resolve) => {
      let settled = false
      const settle = (goOn: boolean) => {
        if (settled) return
        settled = true
        resolve(goOn)
      }
      dialog.warning({
        title: '还没有设置委员会印章',
        content:
          '设置里还没有上传调解委员会的印章图片，锁定后的协议书上印章处是空的，要打印后在纸上盖章。可以先去“设置 → 印章”上传印章，再回来锁定；写好的协议内容已自动保存。',
        positiveText: '去设置印章',
        negativeText: '继续不加印章',
        onPositiveClick: () => {
          settle(false)
          void router.push({ name: 'settings', query: { tab: 'seal' } })
        },
        onNegativeClick: () => settle(true),
        // closed with ×, Esc or a click beside it: nothing is locked
        onAfterLeave: () => settle(false),
      })
    })
  }
}
