import { expect, test } from '@playwright/test'
import { completeSetup } from './helpers/setup'

test('the shell opens in Chinese with the main navigation', async ({ page }) => {
  await completeSetup(page)
  const nav = page.getByRole('navigation', { name: '主导航' })
  for (const label of ['工作台', '案件', '设置']) {
    await expect(nav.getByText(label, { exact: true })).toBeVisible()
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
})

test('larger text is remembered across reloads', async ({ page }) => {
  await completeSetup(page)
  const size = () =>
    page
      .locator('.n-config-provider')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  const before = await size()
  await page.getByLabel('大字模式').click()
  await page.reload()
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible()
  expect(await size()).toBeGreaterThan(before)
})

test('the first-run setup shows without the navigation', async ({ page }) => {
  await page.goto('/#/cases')
  await expect(page.getByRole('heading', { name: '欢迎使用调解室' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: '主导航' })).toHaveCount(0)
})
