import { expect, type Page } from '@playwright/test'

/** Draws a wavy stroke on the open signature pad, as a hand with a mouse would. */
export async function drawSignature(page: Page) {
  const pad = page.locator('canvas.pad')
  // hover waits until the dialog's opening animation has stopped moving the pad
  await pad.hover()
  const box = await pad.boundingBox()
  if (!box) throw new Error('signature pad not visible')
  await page.mouse.move(box.x + 60, box.y + 150)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 60 + i * 30, box.y + 150 + Math.sin(i) * 60, { steps: 3 })
  await page.mouse.up()
}

/** Opens the signature dialog of the first signer still unsigned, draws and presses 完成 (shown back, not kept yet). */
export async function drawNextSignature(page: Page) {
  await page
    .getByRole('button', { name: /^签名：/ })
    .first()
    .click()
  await drawSignature(page)
  await page.getByRole('button', { name: '完成' }).click()
  await expect(page.getByRole('button', { name: '确认', exact: true })).toBeVisible()
}

/** Keeps the signature shown back and waits for the dialog to close. */
export async function keepSignature(page: Page) {
  await page.getByRole('button', { name: '确认', exact: true }).click()
  await expect(page.locator('canvas.pad')).toHaveCount(0)
}

/** Every signer still unsigned signs on screen, one after another. */
export async function signAllOnScreen(page: Page) {
  while ((await page.getByRole('button', { name: /^签名：/ }).count()) > 0) {
    await drawNextSignature(page)
    await keepSignature(page)
  }
}
