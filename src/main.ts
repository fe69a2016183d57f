import { createApp } from 'vue'
import { z } from 'zod'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import './styles.css'

// No eval probe: the CSP (script-src 'self') forbids it, and the probe would be reported as a violation.
z.config({ jitless: true })

const app = createApp(App)
app.use(createPinia())
app.use(router)
app.mount('#app')
