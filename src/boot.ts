import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { loadDashboard, loadSetup, router } from './router'
import { prefetchFirstScreen } from './router/firstScreen'
import { DB_NAME } from './db/schema'
import './styles.css'

/**
 * Mounts the app. `databases` is the origin's list of IndexedDB databases, asked for by the entry
 * before this code loaded: it tells which first screen to fetch while the router's checks run.
 */
export function boot(databases: Promise<IDBDatabaseInfo[]>): void {
  void prefetchFirstScreen(window.location.hash.slice(1), DB_NAME, databases, { dashboard: loadDashboard, setup: loadSetup }).catch(() => undefined)
  const app = createApp(App)
  app.use(createPinia())
  app.use(router)
  app.mount('#app')
}
