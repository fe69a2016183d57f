import { execFileSync } from 'node:child_process'
import { expect, test } from '@playwright/test'
import { chooseMany, shot } from './helpers/setup'
import { completeSetup } from './helpers/setup'
import { confirmAction, openTab, registerSimpleCase, startAction } from './helpers/cases'

/**
 * Every document of a case is one click away from any tab of the case page (本案文书 in the header),
 * not only from the 协议 tab; what the case cannot have yet is greyed out with the reason.
 */
test('from the 当事人 tab, 本案文书 saves the 受理登记表 and previews the 申请书', async ({ page }) => {
  test.setTimeout(120_000)
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '吴秀英与郑国平相邻通行纠纷',
    category: '邻里',
    applicant: { name: '吴秀英', phone: '13300001111' },
    respondent: { name: '郑国平', phone: '13300002222' },
  })
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await confirmAction(page, '受理')
  await openTab(page, '当事人')

  await page.getByRole('button', { name: '本案文书' }).click()
  const drawer = page.getByRole('dialog').filter({ hasText: '本案文书' })
  await expect(drawer.locator('tr[data-kind]')).toHaveCount(13)
  const agreementRow = drawer.locator('tr[data-kind="agreement"]')
  await expect(agreementRow).toContainText('暂不能生成：还没有拟定书面协议')
  await expect(agreementRow.getByRole('button', { name: /预览/ })).toBeDisabled()
  await shot(page, 'case-documents-drawer', 1100)

  const downloading = page.waitForEvent('download')
  await drawer.getByRole('button', { name: '保存PDF：人民调解受理登记表' }).click()
  const file = test.info().outputPath('registration.pdf')
  await (await downloading).saveAs(file)
  const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '')
  expect(text).toContain('人民调解受理登记表')
  expect(text).toContain('吴秀英')
  expect(text).toContain('郑国平')

  await drawer.getByRole('button', { name: '预览：人民调解申请书' }).click()
  const preview = page.getByRole('document', { name: '人民调解申请书' })
  await expect(preview).toHaveAttribute('data-pages', /[1-9]/, { timeout: 30_000 })
  // the tab under the drawer is still the one the mediator was on
  await page.keyboard.press('Escape')
  await expect(preview).toBeHidden()
  await expect(page.locator('.n-tabs-tab--active .n-tabs-tab__label')).toHaveText('当事人')
})
