import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import { useSettingsStore } from '../stores/settings'
import { useLockStore } from '../stores/lock'
import { useStartupStore } from '../stores/startupCheck'
import { useVaultStore } from '../stores/vault'

// The two screens a start lands on: src/main.ts starts loading the likely one before the checks end.
const loadDashboard = () => import('../views/DashboardView.vue')
const loadSetup = () => import('../views/SetupView.vue')

/** Hash history: the same build works from app://mediation-room/ and from a plain static server. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: loadDashboard, meta: { title: '工作台' } },
  {
    path: '/reception',
    name: 'reception',
    component: () => import('../views/ReceptionView.vue'),
    meta: { title: '接待' },
  },
  { path: '/cases', name: 'cases', component: () => import('../views/CasesView.vue'), meta: { title: '案件' } },
  {
    path: '/cases/new',
    name: 'case-new',
    component: () => import('../views/CaseNewView.vue'),
    meta: { title: '登记新案件', section: 'cases' },
  },
  {
    path: '/cases/:id',
    name: 'case',
    component: () => import('../views/CaseView.vue'),
    meta: { title: '案件', section: 'cases' },
  },
  {
    path: '/cases/:id/agreement',
    name: 'case-agreement',
    component: () => import('../views/AgreementView.vue'),
    meta: { title: '调解协议', section: 'cases' },
  },
  {
    path: '/screening',
    name: 'screening',
    component: () => import('../views/ScreeningView.vue'),
    meta: { title: '排查' },
  },
  {
    path: '/statistics',
    name: 'statistics',
    component: () => import('../views/StatisticsView.vue'),
    meta: { title: '统计' },
  },
  { path: '/verify', name: 'verify', component: () => import('../views/VerifyView.vue'), meta: { title: '核验' } },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('../views/SettingsView.vue'),
    meta: { title: '设置' },
  },
  { path: '/help', name: 'help', component: () => import('../views/HelpView.vue'), meta: { title: '帮助' } },
  {
    path: '/recovery',
    name: 'recovery',
    component: () => import('../views/RecoveryView.vue'),
    meta: { title: '数据恢复', bare: true },
  },
  { path: '/setup', name: 'setup', component: loadSetup, meta: { title: '首次设置', bare: true } },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHashHistory(), routes })

/**
 * The start-up reads every first navigation waits for, in their order: the store's keys (the desktop vault
 * may need the passphrase: backups and the database need them), then the integrity check (an emptied or
 * unopenable database must never lead to setup), then the settings and, once set up, the lock. Each
 * step is the store's own memoised call, so running this early (src/boot.ts, before the app is mounted,
 * while the browser waits for IndexedDB) only starts them sooner: the guard below still decides.
 */
export function startupReads(): Promise<void> {
  reads ??= (async () => {
    await useVaultStore().storeKeys()
    const startup = await useStartupStore().checkAtStartup()
    if (startup.kind === 'recovery') return
    const settings = useSettingsStore()
    await settings.load()
    // Read only once set up, as the guard does (a lock read before setup would be kept after a join or an
    // import brought a lock in); a failure is reported by the guard, which asks again.
    if (settings.status === 'ready' && settings.isSetUp)
      await useLockStore()
        .load()
        .catch(() => undefined)
  })().catch((error: unknown) => {
    reads = undefined
    throw error
  })
  return reads
}
let reads: Promise<void> | undefined

/** Until the committee is set up, every page leads to the first-run setup. */
router.beforeEach(async (to) => {
  // Started by boot, before the app was mounted; the steps below are then the same memoised reads.
  await startupReads()
  await useVaultStore().storeKeys()
  // Start-up integrity check first: an emptied or unopenable database must never lead to setup.
  const startup = await useStartupStore().checkAtStartup()
  // Data missing or unreadable: only the recovery screen (the lock's settings are in that database).
  if (startup.kind === 'recovery') return to.name === 'recovery' ? true : { name: 'recovery' }
  const settings = useSettingsStore()
  await settings.load()
  if (settings.status !== 'ready') return true
  // The lock decides before any screen shows, the recovery screen too (it offers 撤销恢复).
  if (settings.isSetUp) await useLockStore().load()
  if (to.name === 'recovery') return true
  if (!settings.isSetUp && to.name !== 'setup') return { name: 'setup' }
  if (settings.isSetUp && to.name === 'setup') return { name: 'dashboard' }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${String(to.meta.title)} - 调解室` : '调解室'
})
