import { expect, test } from '@playwright/test'
import { choose, completeSetup, shot } from './helpers/setup'
import { confirmAction, registerSimpleCase, startAction } from './helpers/cases'
import { idNumber } from './helpers/people'

test('a neighbour dispute rejected at acceptance, then found in the list by pinyin initials', async ({ page }) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '周桂兰与吴志强相邻排水纠纷',
    category: '邻里',
    applicant: { name: '周桂兰', idNumber: idNumber('330102', '19580702', '062'), phone: '13600001111' },
    respondent: { name: '吴志强', phone: '13600002222' },
  })

  const dialog = await startAction(page, '不予受理')
  await confirmAction(page, '不予受理').catch(() => undefined)
  await expect(dialog.getByRole('alert')).toHaveText('请填写不予受理的理由')
  await dialog.getByLabel('不予受理理由').fill('该纠纷已由城关镇人民法院立案受理（若干规定第22条）。')
  await dialog.getByLabel('告知的途径').fill('请按法院通知参加诉讼，也可申请法院主持调解。')
  await confirmAction(page, '不予受理')

  await expect(page.locator('.n-tag', { hasText: '不予受理' })).toBeVisible()
  await expect(page.getByText('理由：该纠纷已由城关镇人民法院立案受理（若干规定第22条）。')).toBeVisible()
  await expect(page.getByText('已告知途径：请按法院通知参加诉讼，也可申请法院主持调解。')).toBeVisible()
  // no number is used by a rejection
  await expect(page.getByText('未受理')).toBeVisible()
  await expect(page.getByRole('toolbar', { name: '案件操作' }).getByRole('button', { name: '归档' })).toBeVisible()
  await shot(page, 'rejected')

  // the list shows cases in progress by default; a rejected one is among the finished
  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  await expect(page.getByText('没有符合条件的案件')).toBeVisible()
  await choose(page, '办理阶段', '已办结')
  const table = page.getByLabel('案件列表')
  await expect(table.getByText('周桂兰与吴志强相邻排水纠纷')).toBeVisible()
  await expect(page.getByText('共 1 件')).toBeVisible()
  // search by pinyin initials and by phone suffix; numbers are never shown in the list
  await page.getByLabel('搜索案件').fill('zgl')
  await expect(table.getByText('周桂兰 与 吴志强')).toBeVisible()
  await page.getByLabel('搜索案件').fill('2222')
  await expect(table.getByText('周桂兰 与 吴志强')).toBeVisible()
  await expect(table.getByText('13600002222')).toHaveCount(0)
  await page.getByLabel('搜索案件').fill('张无忌')
  await expect(page.getByText('没有找到与“张无忌”相符的案件')).toBeVisible()
  await shot(page, 'case-list-search')
})
