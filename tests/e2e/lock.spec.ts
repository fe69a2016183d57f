import { expect, test } from '@playwright/test'
import { completeSetup } from './helpers/setup'
import { openTab } from './helpers/cases'

test('the app lock hides the cases until a mediator enters the right password', async ({ page }) => {
  await completeSetup(page)
  await page.getByRole('navigation', { name: '主导航' }).getByText('设置', { exact: true }).click()
  await openTab(page, '应用锁')

  // Enabling without any password would lock everyone out: refused with a message.
  await page.getByLabel('启用应用锁').click()
  await page.getByRole('button', { name: '保存应用锁设置' }).click()
  await expect(page.getByText('请先为至少一名在岗调解员设置密码')).toBeVisible()

  await page.getByRole('row', { name: /李淑珺/ }).getByRole('button', { name: '设置密码' }).click()
  await page.getByLabel('新密码', { exact: true }).fill('1234')
  await page.getByLabel('确认新密码').fill('1234')
  await page.getByRole('button', { name: '保存密码' }).click()
  await expect(page.getByText('数字密码过于简单')).toBeVisible()
  await page.getByLabel('新密码', { exact: true }).fill('2580')
  await page.getByLabel('确认新密码').fill('2580')
  await page.getByRole('button', { name: '保存密码' }).click()
  await expect(page.getByRole('row', { name: /李淑珺/ }).getByText('已设置')).toBeVisible()

  await page.getByRole('button', { name: '保存应用锁设置' }).click()
  await expect(page.getByText('已保存', { exact: true })).toBeVisible()

  // A restart starts locked, and nothing of the app is on the page.
  await page.reload()
  await expect(page.getByRole('dialog', { name: '应用已锁定' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: '主导航' })).toHaveCount(0)
  await page.getByLabel('解锁密码').fill('0000')
  await page.getByRole('button', { name: '解锁' }).click()
  await expect(page.getByText('密码不正确')).toBeVisible()
  await page.getByLabel('解锁密码').fill('2580')
  await page.getByRole('button', { name: '解锁' }).click()
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible()
  await expect(page.locator('.who')).toContainText('李淑珺')

  // 锁定 locks at once.
  await page.getByRole('button', { name: '锁定' }).click()
  await expect(page.getByRole('dialog', { name: '应用已锁定' })).toBeVisible()
})
