/**
 * A line-tabs' bar (the mark under or beside the active tab) follows its tab when 大字模式 changes the text
 * size. Naive UI places the bar when the active tab changes, not when the tabs grow, so without this the
 * mark stayed beside another tab after the switch.
 */
import { nextTick, watch, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { useUiStore } from '../stores/ui'

export function useTabBarFollowsText(tabs: Ref<{ syncBarPosition: () => void } | null | undefined>): void {
  const { baseFontSize } = storeToRefs(useUiStore())
  watch(
    baseFontSize,
    async () => {
      await nextTick()
      tabs.value?.syncBarPosition()
    },
    { flush: 'post' },
  )
}
