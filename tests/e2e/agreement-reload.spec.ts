import { expect, test } from '@playwright/test'
import { draftAgreement, fillClauses } from './helpers/agreementDraft'

const indicator = (page: import('@playwright/test').Page) => page.getByRole('status', { name: '保存状态' })

/** Text typed in the agreement editor a moment before a reload (or a closed window) is not lost. */
test('a reload at once after typing in the agreement, while it still says 保存中…, loses nothing', async ({ page }) => {
  test.setTimeout(180_000)
  await draftAgreement(page)
  await expect(indicator(page)).toContainText('已保存')
  const way = page.getByLabel('履行方式、时限')
  const text = '被申请人将款项分两次转入申请人本人在农村信用社开立的银行账户。'
  await way.fill('')
  await way.pressSequentially(text, { delay: 10 })
  // no waiting for 已保存: the reload comes right after the last key
  await page.reload()
  await expect(page.getByLabel('履行方式、时限')).toHaveValue(text)
  // a copy kept at the reload is dropped once what it held is stored
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unsaved:'))))
    .toEqual([])
  // stored, not only on screen: a second reload still shows it
  await page.reload()
  await expect(page.getByLabel('履行方式、时限')).toHaveValue(text)
})

test('locking with no seal set asks first; 去设置印章 opens the 印章 settings and locks nothing', async ({ page }) => {
  test.setTimeout(180_000)
  const caseId = await draftAgreement(page)
  await fillClauses(page)

  await page.getByRole('button', { name: '确认生效并锁定' }).click()
  const question = page.getByRole('dialog').filter({ hasText: '还没有设置委员会印章' })
  await expect(question).toContainText('继续不加印章')
  await question.getByRole('button', { name: '去设置印章' }).click()
  await expect(page).toHaveURL(/#\/settings\?tab=seal/)
  await expect(page.getByText('尚未设置印章')).toBeVisible()
  await expect(page.getByRole('button', { name: '选择印章图片…' })).toBeVisible()

  // nothing was locked: back in the editor the draft is still a draft
  await page.goto(`/#/cases/${caseId}/agreement`)
  await expect(page.getByText('第1版 · 草稿')).toBeVisible()
})

test('what the agreement editor keeps across a reload is sealed, never in the clear', async ({ page }) => {
  test.setTimeout(180_000)
  await draftAgreement(page)
  await expect(indicator(page)).toContainText('已保存')
  // typed and the page hidden in one go, before any write could end
  const stored = await page.getByLabel('履行方式、时限').evaluate(async (box: HTMLTextAreaElement) => {
    box.value = '款项交至幸福路八号村委会代收'
    box.dispatchEvent(new Event('input', { bubbles: true }))
    for (let i = 0; i < 3; i++) await Promise.resolve()
    window.dispatchEvent(new PageTransitionEvent('pagehide'))
    return JSON.stringify({ ...localStorage })
  })
  expect(stored).toContain('mediation-room:unsaved:agreement:')
  expect(stored).not.toContain('幸福路')
  await page.reload()
  await expect(page.getByLabel('履行方式、时限')).toHaveValue('款项交至幸福路八号村委会代收')
})
