import { expect, type Browser, type Locator, type Page } from '@playwright/test'
import { completeSetup } from './setup'
import { openTab } from './cases'
import type { Credentials } from '../../sync/server'

/**
 * PCs of one committee in the browser build, each a Chromium profile of its own (a browser context: its own
 * IndexedDB and localStorage), set up and joined to the committee's server through 设置 → 同步 as people do.
 */

/** A new PC: a fresh profile, through first-run setup to 工作台. */
export async function newPc(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
  })
  const page = await context.newPage()
  await completeSetup(page)
  return page
}

/** The shell's sync status line (in the navigation's foot; 设置 → 同步 shows a second one). */
export function syncLine(page: Page): Locator {
  return page.locator('.sider-foot').getByRole('status')
}

export async function openSyncTab(page: Page): Promise<void> {
  await page.goto('/#/settings')
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible()
  await openTab(page, '同步')
}

/** The committee's first PC makes the data key; returns the join code it then shows (80 characters). */
export async function makeCommitteeKey(page: Page): Promise<string> {
  await openSyncTab(page)
  await page.getByRole('button', { name: '本机是第一台（生成委员会数据密钥）' }).click()
  await expect(page.getByTestId('sync-key-done')).toContainText('已生成委员会数据密钥')
  await page.getByRole('button', { name: '显示加入码' }).click()
  const dialog = page.getByRole('dialog', { name: '显示加入码' })
  await dialog.getByRole('button', { name: '我明白，显示加入码' }).click()
  const shown = page.getByTestId('join-code')
  const groups = shown.getByLabel('加入码文字').locator('.group')
  await expect(groups).toHaveCount(20)
  const code = (await groups.allTextContents()).join('')
  await shown.getByRole('button', { name: '隐藏加入码' }).click()
  await expect(shown).toHaveCount(0)
  return code
}

/** Another PC joins the committee with the code. */
export async function joinCommittee(page: Page, code: string): Promise<void> {
  await openSyncTab(page)
  await page.getByRole('button', { name: '加入已有委员会（输入加入码）' }).click()
  await page.getByLabel('加入码', { exact: true }).fill(code)
  await page.getByRole('button', { name: '加入', exact: true }).click()
  await expect(page.getByTestId('sync-key-done')).toContainText('已加入本委员会的同步')
}

/** The database 设置 → 同步 proposes (this committee's). */
export async function proposedDatabase(page: Page): Promise<string> {
  return page.getByLabel('数据库', { exact: true }).inputValue()
}

/**
 * Saves the server in 设置 → 同步 (the tab open), the database as the form proposes it; live sync starts by
 * itself.
 */
export async function saveServer(page: Page, url: string, user: Credentials): Promise<void> {
  await page.getByLabel('服务器地址', { exact: true }).fill(url)
  await page.getByLabel('用户名', { exact: true }).fill(user.name)
  await page.getByLabel('密码', { exact: true }).fill(user.password)
  await page.getByTestId('sync-form').getByRole('button', { name: '保存', exact: true }).click()
  await expect(page.getByTestId('sync-notice')).toContainText('已保存')
}

/** The case list's rows with this title (the list loads when it opens: opened afresh each time). */
export async function openCaseList(page: Page): Promise<Locator> {
  await page.goto('/#/')
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()
  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  await expect(page.getByRole('heading', { name: '案件', exact: true })).toBeVisible()
  const table = page.getByLabel('案件列表')
  await expect(table).toBeVisible()
  return table
}

/**
 * Waits until the case list, opened afresh, has exactly `count` rows titled `title` (the list is read when
 * it opens; a case pulled meanwhile shows on the next opening).
 */
export async function expectListed(page: Page, title: string, count = 1): Promise<void> {
  await expect(async () => {
    const table = await openCaseList(page)
    await expect(table.locator('tbody tr').filter({ hasText: title })).toHaveCount(count, { timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
}

/** Opens a case from the list by its title, on its 基本信息 tab. */
export async function openCase(page: Page, title: string): Promise<void> {
  const table = await openCaseList(page)
  await table.locator('tbody tr').filter({ hasText: title }).click()
  await expect(page.getByRole('heading', { name: title })).toBeVisible()
}

/** Replaces the case's 纠纷事实 on its 基本信息 tab (the case open) and saves it. */
export async function editFacts(page: Page, facts: string): Promise<void> {
  await openTab(page, '基本信息')
  // the notice of a save before has gone: the one awaited below is this save's
  await expect(page.getByText('基本信息已保存')).toHaveCount(0)
  await page.getByLabel('纠纷事实').fill(facts)
  await page.getByRole('button', { name: '保存修改' }).click()
  await expect(page.getByText('基本信息已保存')).toBeVisible()
}
