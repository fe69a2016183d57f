/**
 * Mounts a component as the app shows it: inside Naive UI's config, message, notification and dialog
 * providers (as src/App.vue does), with a fresh Pinia and an in-memory router. For component tests
 * under happy-dom (`// @vitest-environment happy-dom`).
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { h, type FunctionalComponent } from 'vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type Router, type RouteRecordRaw } from 'vue-router'
import { dateZhCN, NConfigProvider, NDialogProvider, NMessageProvider, NNotificationProvider, zhCN } from 'naive-ui'

// (an object, not a function: vue-router takes a function for a lazily loaded component)
const Blank = { render: () => h('div') }

/** The app's route names the components link or navigate to; each shows nothing. */
const ROUTES: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: Blank },
  { path: '/cases', name: 'cases', component: Blank },
  { path: '/cases/new', name: 'case-new', component: Blank },
  { path: '/cases/:id', name: 'case', component: Blank },
  { path: '/cases/:id/agreement', name: 'case-agreement', component: Blank },
  { path: '/settings', name: 'settings', component: Blank },
]

export interface Mounted {
  wrapper: VueWrapper
  router: Router
  pinia: Pinia
}

/** A fresh Pinia, active at once, so a test can fill stores before mounting. */
export function freshPinia(): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}

/** Mounts `render()` inside the app's providers; the router starts at `path` (a route that shows the component). */
export async function mountInApp(
  render: () => ReturnType<typeof h>,
  options: { pinia?: Pinia; path?: string; routeName?: string } = {},
): Promise<Mounted> {
  const pinia = options.pinia ?? freshPinia()
  const path = options.path ?? '/host'
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [...ROUTES, { path, name: options.routeName ?? 'host', component: { render } }],
  })
  await router.push(path)
  await router.isReady()
  const Host: FunctionalComponent = () =>
    h(NConfigProvider, { locale: zhCN, dateLocale: dateZhCN }, () =>
      h(NMessageProvider, null, () =>
        h(NNotificationProvider, null, () => h(NDialogProvider, null, () => h(RouterView))),
      ),
    )
  const wrapper = mount(Host, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, pinia }
}

/** The visible text of the whole page, teleported messages and dialogs included. */
export function pageText(): string {
  return document.body.textContent ?? ''
}

/** Types into the input with this aria-label, as a user does (input event per value). */
export async function typeInto(label: string, value: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[aria-label="${label}"]`)
  if (!input) throw new Error(`no input labelled ${label}`)
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await flushPromises()
}

/** Clicks the button whose text is exactly `text` (trimmed). */
export async function clickButton(text: string, root: ParentNode = document.body): Promise<void> {
  const button = buttons(root).find((b) => (b.textContent ?? '').trim() === text)
  if (!button) throw new Error(`no button “${text}” among: ${buttonTexts(root).join(' | ')}`)
  button.click()
  await flushPromises()
}

export function buttons(root: ParentNode = document.body): HTMLButtonElement[] {
  return [...root.querySelectorAll<HTMLButtonElement>('button')]
}

export function buttonTexts(root: ParentNode = document.body): string[] {
  return buttons(root).map((b) => (b.textContent ?? '').trim())
}
