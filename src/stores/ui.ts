import { defineStore } from 'pinia'
import { useLocalStorage } from '@vueuse/core'
import { computed } from 'vue'

/** Per-machine display preferences (not case data, so localStorage is enough). */
export const useUiStore = defineStore('ui', () => {
  const largeText = useLocalStorage('mr.largeText', false)
  const baseFontSize = computed(() => (largeText.value ? 18 : 15))

  function toggleLargeText() {
    largeText.value = !largeText.value
  }

  return { largeText, baseFontSize, toggleLargeText }
})
