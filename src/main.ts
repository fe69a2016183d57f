/**
 * The start-up entry, kept tiny so that it runs as soon as it arrives. IndexedDB opens this origin's
 * store on its first use, which takes a few hundred ms on a big profile: that starts here, and so does
 * the first screen's chunk, while the app's code (src/boot.ts) is still loading.
 */
import { makeZodJitless } from './zodJitless'
import { DB_NAME } from './db/name'
import { prefetchFirstScreen } from './router/firstScreen'
import { loadAppNavShell } from './components/appNavShell'

// No eval probe: the CSP (script-src 'self') forbids it, and the probe would be reported as a violation.
// Set before any module that builds a schema is evaluated; none of zod loads here.
makeZodJitless()

const databases: Promise<IDBDatabaseInfo[]> = window.indexedDB?.databases?.().catch(() => []) ?? Promise.resolve([])
// The same modules as the router's routes: the router's later import finds them loaded.
void prefetchFirstScreen(window.location.hash.slice(1), DB_NAME, databases, {
  // the dashboard shows inside the navigation shell, loaded apart from the app (not before the setup screen)
  dashboard: () => Promise.all([import('./views/DashboardView.vue'), loadAppNavShell()]),
  setup: () => import('./views/SetupView.vue'),
}).catch(() => undefined)

void import('./boot').then(({ boot }) => boot())
