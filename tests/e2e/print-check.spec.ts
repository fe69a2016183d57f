import { execFileSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { draftAgreement, fillClauses } from './helpers/agreementDraft'

/**
 * An emoji in the facts would vanish from the PDF without a word: before 保存PDF the check names it,
 * the mediator can stop there, or go on knowingly.
 */
test('保存PDF names an emoji in the facts first; 取消 saves nothing, 仍然继续 saves', async ({ page }) => {
  test.setTimeout(180_000)
  const facts = '申请人为被申请人做工三个月，双方当场握手言和👍🏽，被申请人同意支付报酬。'
  await draftAgreement(page, facts)
  await expect(page.getByLabel('纠纷主要事实')).toHaveValue(facts)
  await fillClauses(page)

  let downloads = 0
  page.on('download', () => downloads++)
  await page.getByRole('button', { name: '保存PDF' }).click()
  const warning = page.getByRole('dialog').filter({ hasText: '有字打印不出来' })
  await expect(warning).toContainText('👍🏽')
  await warning.getByRole('button', { name: '取消' }).click()
  await expect(warning).toBeHidden()

  await page.getByRole('button', { name: '保存PDF' }).click()
  const downloading = page.waitForEvent('download')
  await warning.getByRole('button', { name: '仍然继续' }).click()
  const file = test.info().outputPath('agreement.pdf')
  await (await downloading).saveAs(file)
  expect(downloads).toBe(1)
  // the reason for the warning: the PDF has the words around the emoji, and not the emoji
  const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '')
  expect(text).toContain('双方当场握手言和')
  expect(text).not.toContain('👍')
})
