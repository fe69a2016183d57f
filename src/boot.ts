import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import './styles.css'

/** Mounts the app (loaded by the start-up entry, src/main.ts). */
export function boot(): void {
  const app = createApp(App)
  app.use(createPinia())
  app.use(router)
  app.mount('#app')
}
