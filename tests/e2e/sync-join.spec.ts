/**
 * The committee data key between two PCs (设置 → 同步, src/components/settings/SyncJoinPanel.vue): the
 * first PC makes it and shows its join code (text and QR, after a warning); a new PC without cases joins and
 * takes the committee; a PC that has taken cases of its own committee is refused; the second PC of the same committee (set up from the first one's complete export) refuses a
 * mistyped code and joins with the right one, typed loosely, ending with the same key fingerprint.
 */
import { readFileSync } from 'node:fs'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { completeSetup, shot } from './helpers/setup'
import { openTab } from './helpers/cases'
import { LOCK_PIN, turnOnAppLock, unlockWith } from './helpers/lock'
import { seedCases } from './helpers/seed'
import AxeBuilder from '@axe-core/playwright'
import { WCAG_TAGS } from './helpers/axe'

const PASSPHRASE = '城关镇-Tiao-2026!'

async function openSyncKeyTab(page: Page) {
  await page.goto('/#/settings')
  await openTab(page, '同步')
}

async function freshProfile(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
  })
  const other = await context.newPage()
  await completeSetup(other)
  return other
}

/** The complete (encrypted) export of a PC, as its 数据交换 tab writes it. */
async function completeExport(page: Page): Promise<string> {
  await page.goto('/#/settings')
  await openTab(page, '数据交换')
  await page.getByText('完整导出：含完整身份证号和电话号码').click()
  await page.getByLabel('导出密码', { exact: true }).fill(PASSPHRASE)
  await page.getByLabel('再次输入导出密码').fill(PASSPHRASE)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出文件' }).click(),
  ])
  return readFileSync(await download.path(), 'utf8')
}

/** Restores a complete export on this PC: it becomes a PC of the same committee. */
async function restoreFrom(page: Page, text: string) {
  await page.goto('/#/settings')
  await openTab(page, '备份与恢复')
  await page.getByLabel('选择恢复文件').setInputFiles({
    name: 'export.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  })
  await page.getByLabel('恢复文件密码').fill(PASSPHRASE)
  await page.getByRole('button', { name: '解密并校验' }).click()
  await page.getByLabel('恢复预览').getByRole('button', { name: '确认恢复' }).click()
  await expect(page.getByText('数据已恢复')).toBeVisible()
  await page.getByRole('button', { name: '进入工作台' }).click()
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()
}

/** axe's critical and serious findings on the panel and its dialog (the shell and tab bar are checked elsewhere). */
async function panelViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include('[aria-label="委员会数据密钥"]')
    .include('[role="dialog"]')
    .withTags(WCAG_TAGS)
    .analyze()
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`))
}

async function typeCode(page: Page, code: string) {
  await page.getByLabel('加入码', { exact: true }).fill(code)
  await page.getByRole('button', { name: '加入', exact: true }).click()
}

test('the first PC makes the key and shows its code; a second PC of the committee joins with it', async ({
  page,
  browser,
}) => {
  // two profiles set up, an export and a restore: well over the default minute on a busy machine
  test.setTimeout(180_000)
  await completeSetup(page)
  await openSyncKeyTab(page)
  await expect(page.getByText('本机还没有委员会数据密钥')).toBeVisible()
  await expect(page.getByRole('button', { name: '加入已有委员会（输入加入码）' })).toBeVisible()
  await shot(page, 'sync-key-none')
  expect(await panelViolations(page)).toEqual([])
  await page.getByRole('button', { name: '本机是第一台（生成委员会数据密钥）' }).click()
  await expect(page.getByTestId('sync-key-done')).toContainText('已生成委员会数据密钥')
  const fingerprint = page.getByTestId('key-fingerprint')
  await expect(fingerprint).toHaveText(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/)
  const firstFingerprint = await fingerprint.textContent()

  // the code is shown only after the warning
  await page.getByRole('button', { name: '显示加入码' }).click()
  const dialog = page.getByRole('dialog', { name: '显示加入码' })
  await expect(dialog).toContainText('加入码等同于钥匙')
  await shot(page, 'sync-key-confirm')
  expect(await panelViolations(page)).toEqual([])
  await dialog.getByRole('button', { name: '我明白，显示加入码' }).click()
  const shown = page.getByTestId('join-code')
  await expect(shown).toBeVisible()
  // the dialog fades out over the code: the QR is read once it is gone
  await expect(dialog).toHaveCount(0)
  const groups = await shown.getByLabel('加入码文字').locator('.group').allTextContents()
  expect(groups).toHaveLength(20)
  const code = groups.join('')
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{80}$/)
  // the QR holds the same code
  const png = PNG.sync.read(await shown.getByRole('img', { name: '加入码二维码' }).screenshot())
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  expect(read?.data).toBe(code)
  await shot(page, 'sync-key-code')
  expect(await panelViolations(page)).toEqual([])
  await shown.getByRole('button', { name: '隐藏加入码' }).click()
  await expect(shown).toHaveCount(0)

  await openTab(page, '审计日志')
  await expect(page.getByLabel('审计日志')).toContainText('显示同步加入码')
  await expect(page.getByLabel('审计日志')).toContainText('同步数据密钥')

  // a PC set up on its own, with no case yet, joins: it takes the committee of the code
  const newcomer = await freshProfile(browser, page)
  await openSyncKeyTab(newcomer)
  await newcomer.getByRole('button', { name: '加入已有委员会（输入加入码）' }).click()
  await typeCode(newcomer, code)
  await expect(newcomer.getByTestId('sync-key-done')).toContainText('已加入本委员会的同步')
  await expect(newcomer.getByTestId('key-fingerprint')).toHaveText(firstFingerprint!)
  await newcomer.context().close()

  // a PC set up on its own that has taken cases belongs to its own committee: refused
  const busy = await freshProfile(browser, page)
  await seedCases(busy, 1, '2026-11-20')
  await openSyncKeyTab(busy)
  await busy.getByRole('button', { name: '加入已有委员会（输入加入码）' }).click()
  await typeCode(busy, code)
  await expect(busy.getByTestId('join-problem')).toContainText('本机已经登记过案件，不能再加入别的调解委员会')
  await busy.context().close()

  const other = await freshProfile(browser, page)

  // set up from the first PC's complete export, it is a PC of the same committee (the export carries no key)
  const file = await completeExport(page)
  await restoreFrom(other, file)
  await openSyncKeyTab(other)
  await expect(other.getByText('本机还没有委员会数据密钥')).toBeVisible()
  await other.getByRole('button', { name: '加入已有委员会（输入加入码）' }).click()

  // one character mistyped: refused, and says why
  const typo = code.slice(0, 21) + (code[21] === '7' ? '8' : '7') + code.slice(22)
  await typeCode(other, typo)
  await expect(other.getByTestId('join-problem')).toContainText('校验不符，可能抄错了')
  await typeCode(other, code.slice(0, 76))
  await expect(other.getByTestId('join-problem')).toContainText('长度不对')
  // what was typed is shown again in the groups of the other screen, with its length
  await expect(other.getByLabel('加入码', { exact: true })).toHaveValue(groups.join(' ').slice(0, 94))
  await expect(other.getByTestId('typed-length')).toHaveText('已输入 76 / 80 个字符')
  await shot(other, 'sync-key-mistyped')
  expect(await panelViolations(other)).toEqual([])

  // typed as people type it: lower case, in groups with spaces and dashes
  await typeCode(other, groups.map((g, i) => (i % 4 === 3 ? `${g}\n` : `${g.toLowerCase()} - `)).join(''))
  await expect(other.getByTestId('sync-key-done')).toContainText('已加入本委员会的同步')
  await expect(other.getByTestId('key-fingerprint')).toHaveText(firstFingerprint!)
  await shot(other, 'sync-key-joined')
})

test('with the app lock on, the code is shown only after the unlocking mediator’s password', async ({ page }) => {
  await completeSetup(page)
  await page.goto('/#/settings')
  await openTab(page, '应用锁')
  await turnOnAppLock(page)
  await page.reload()
  await unlockWith(page, LOCK_PIN)
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible()

  await openSyncKeyTab(page)
  await page.getByRole('button', { name: '本机是第一台（生成委员会数据密钥）' }).click()
  await page.getByRole('button', { name: '显示加入码' }).click()
  const dialog = page.getByRole('dialog', { name: '显示加入码' })
  await expect(dialog).toContainText('请输入李淑珺的解锁密码')
  await dialog.getByLabel('解锁密码').fill('000000')
  await dialog.getByRole('button', { name: '我明白，显示加入码' }).click()
  await expect(dialog).toContainText('密码不正确')
  await expect(page.getByTestId('join-code')).toHaveCount(0)
  await shot(page, 'sync-key-pin')
  await dialog.getByLabel('解锁密码').fill(LOCK_PIN)
  await dialog.getByRole('button', { name: '我明白，显示加入码' }).click()
  await expect(page.getByTestId('join-code').getByLabel('加入码文字').locator('.group')).toHaveCount(20)
  await expect(dialog).toHaveCount(0)
})
