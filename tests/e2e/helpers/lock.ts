import { expect, type Page } from '@playwright/test'

/** The password the specs give 李淑珺 when they turn the app lock on. */
export const LOCK_PIN = '258013'

/** In the open 设置密码 / 修改密码 dialog: types the password into 新密码 and 确认新密码. */
async function fillNewPassword(page: Page, pin: string) {
  await page.getByLabel('新密码', { exact: true }).fill(pin)
  await page.getByLabel('确认新密码').fill(pin)
}

/** In the open 设置密码 / 修改密码 dialog: types the password twice and presses 保存密码. */
export async function submitPassword(page: Page, pin: string) {
  await fillNewPassword(page, pin)
  await page.getByRole('button', { name: '保存密码' }).click()
}

/**
 * On 设置 › 应用锁: gives the mediator a password (their row then says 已设置), switches 启用应用锁 on
 * and saves. `beforeSave` runs with the password dialog filled in, before 保存密码.
 */
export async function turnOnAppLock(
  page: Page,
  {
    mediator = '李淑珺',
    pin = LOCK_PIN,
    beforeSave,
  }: { mediator?: string; pin?: string; beforeSave?: () => Promise<void> } = {},
) {
  const row = page.getByRole('row', { name: new RegExp(mediator) })
  await row.getByRole('button', { name: '设置密码' }).click()
  await fillNewPassword(page, pin)
  await beforeSave?.()
  await page.getByRole('button', { name: '保存密码' }).click()
  await expect(row.getByText('已设置')).toBeVisible()
  await page.getByLabel('启用应用锁').click()
  await page.getByRole('button', { name: '保存应用锁设置' }).click()
  await expect(page.getByText('已保存', { exact: true })).toBeVisible()
}

/** On the lock screen: types the password and presses 解锁. */
export async function unlockWith(page: Page, pin: string) {
  await page.getByLabel('解锁密码').fill(pin)
  await page.getByRole('button', { name: '解锁' }).click()
}
