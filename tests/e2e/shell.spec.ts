import { expect, test } from '@playwright/test'

test('the shell opens in Chinese with the main navigation', async ({ page }) => {
  await page.goto('/')
  const nav = page.getByRole('navigation', { name: '主导航' })
  for (const label of ['工作台', '案件', '设置']) {
    await expect(nav.getByText(label, { exact: true })).toBeVisible()
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
})

test('larger text is remembered across reloads', async ({ page }) => {
  await page.goto('/')
  const before = await page.locator('.n-config-provider').evaluate((el) => getComputedStyle(el).fontSize)
  await page.getByLabel('大字模式').click()
  await page.reload()
  const after = await page.locator('.n-config-provider').evaluate((el) => getComputedStyle(el).fontSize)
  expect(parseFloat(after)).toBeGreaterThan(parseFloat(before))
})
