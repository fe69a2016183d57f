import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import App from './App.vue'
import { router, startupReads } from './router'
import { connectStoreKeysToHost } from './stores/storeKeys'
import { connectCloseFlushToHost } from './stores/closeFlush'
import { keepFormValuesOutOfHistory } from './formMemory'
import { repairNaiveAria } from './naiveAria'
import './styles.css'

/** Mounts the app (loaded by the start-up entry, src/main.ts). */
export function boot(): void {
  connectStoreKeysToHost()
  connectCloseFlushToHost()
  const pinia = createPinia()
  setActivePinia(pinia)
  // IndexedDB works apart from this thread: its reads start before the app is built and mounted, not after
  void startupReads().catch(() => undefined)
  const app = createApp(App)
  app.use(pinia)
  app.use(router)
  // before mounting: dialogs and menus are added under body, outside #app
  keepFormValuesOutOfHistory(document.body)
  repairNaiveAria(document.body)
  app.mount('#app')
}
