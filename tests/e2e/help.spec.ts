import { expect, test } from '@playwright/test'
import { completeSetup, shot } from './helpers/setup'

/** The sections the user guide must have (issue #15), in order, as written in resources/guide/用户指南.md. */
const SECTIONS = [
  '第一次使用（设置委员会、调解员、PIN）',
  '一个案件从登记到归档',
  '打印和签名',
  '大字模式',
  '锁屏和 PIN',
  '备份到U盘',
  '恢复数据',
  '把案件发送给市中心（传输文件）',
  '统计报表',
  '接待登记',
]

declare global {
  interface Window {
    helpCspViolations: string[]
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.helpCspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.helpCspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`)
    })
  })
})

test('帮助 opens from the sidebar with its contents, every section, and every picture loaded', async ({ page }) => {
  await completeSetup(page)
  await page.getByRole('navigation', { name: '主导航' }).getByText('帮助', { exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '调解室用户指南' })).toBeVisible()
  await expect(page).toHaveTitle('帮助 - 调解室')

  const sections = page.locator('article h2:not(.contents-title)')
  await expect(sections).toHaveText(SECTIONS)
  const contents = page.getByRole('navigation', { name: '目录' })
  await expect(contents.getByRole('link')).toHaveText(SECTIONS)
  await shot(page, 'help', 900)

  // a contents entry brings its section into view and gives it the focus
  await contents.getByRole('link', { name: '备份到U盘' }).click()
  const backup = page.getByRole('heading', { level: 2, name: '备份到U盘' })
  await expect(backup).toBeFocused()
  await expect(backup).toBeInViewport()

  // every picture the guide names is bundled and loads (none is left as its description)
  await expect(page.locator('.missing-image')).toHaveCount(0)
  const images = page.locator('article img')
  expect(await images.count()).toBeGreaterThanOrEqual(SECTIONS.length)
  for (const img of await images.all()) {
    await img.scrollIntoViewIfNeeded()
    await expect(img).toHaveAttribute('alt', /\S/)
    await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth)).toBeGreaterThan(0)
  }
  // the pictures came in under the app's CSP (zod's one eval probe aside, see security-csp.spec.ts)
  const csp = await page.evaluate(() => window.helpCspViolations)
  expect(csp.filter((v) => v !== 'script-src eval')).toEqual([])
})

test('帮助 is readable in 大字模式: its text grows with the rest of the app', async ({ page }) => {
  await completeSetup(page)
  await page.goto('/#/help')
  const body = page.locator('article .body p').first()
  const heading = page.getByRole('heading', { level: 2, name: '大字模式' })
  const size = (l: typeof body) => l.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
  const before = { body: await size(body), heading: await size(heading) }
  // the words beside the switch in the sidebar (the guide has its own 大字模式 heading and contents entry)
  await page.locator('#large-text-label').click()
  await expect(page.getByRole('switch', { name: '大字模式' })).toHaveAttribute('aria-checked', 'true')
  await expect.poll(() => size(body)).toBeGreaterThan(before.body)
  expect(await size(heading)).toBeGreaterThan(before.heading)
  await heading.scrollIntoViewIfNeeded()
  await shot(page, 'help-large-text', 900)
})
