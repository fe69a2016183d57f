import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

/** Hash history: the same build works from app://mediation-room/ and from a plain static server. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: () => import('../views/DashboardView.vue'), meta: { title: '工作台' } },
  { path: '/cases', name: 'cases', component: () => import('../views/CasesView.vue'), meta: { title: '案件' } },
  { path: '/settings', name: 'settings', component: () => import('../views/SettingsView.vue'), meta: { title: '设置' } },
  { path: '/setup', name: 'setup', component: () => import('../views/SetupView.vue'), meta: { title: '首次设置' } },
]

export const router = createRouter({ history: createWebHashHistory(), routes })
