import { expect, test } from '@playwright/test'
import { choose, chooseMany, completeSetup, shot } from './helpers/setup'
import { confirmAction, openTab, registerSimpleCase, startAction } from './helpers/cases'

test('part of a wage case referred to 人社/劳动监察 and tracked 已转办 → 已接收 → 已办结', async ({ page }) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '马小军与顺达物流欠薪纠纷',
    category: '劳动争议（含欠薪）',
    applicant: { name: '马小军', phone: '13500003333' },
    respondent: { name: '顺达物流', phone: '13500004444' },
  })
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['赵建国'])
  await confirmAction(page, '受理')

  await openTab(page, '转办')
  await page.getByRole('button', { name: '转办', exact: true }).click()
  await expect(page.getByRole('alert')).toHaveText('请选择转办部门')
  await choose(page, '转办部门', '人社/劳动监察')
  await page.getByLabel('转办事项').fill('核查顺达物流是否存在未签劳动合同、欠缴社保问题')
  await page.getByRole('button', { name: '转办', exact: true }).click()

  const card = page.getByRole('group', { name: '转办人社/劳动监察' })
  await expect(card.locator('.n-tag', { hasText: '已转办' })).toBeVisible()
  // 退回 needs a reason
  await card.getByRole('button', { name: '标记为退回' }).click()
  await page.getByRole('button', { name: '确定退回' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '退回时请填写原因。' })).toBeVisible()
  await page.getByRole('button', { name: '取消' }).click()
  await expect(card.locator('.n-tag', { hasText: '已转办' })).toBeVisible()

  await card.getByRole('button', { name: '标记为已接收' }).click()
  await expect(card.locator('.n-tag', { hasText: '已接收' })).toBeVisible()
  await card.getByRole('button', { name: '标记为已办结' }).click()
  await expect(card.locator('.n-tag', { hasText: '已办结' })).toBeVisible()
  await expect(card.getByRole('button')).toHaveCount(0)
  // the history keeps every step
  for (const s of ['已转办', '已接收', '已办结'])
    await expect(card.locator('.n-timeline-item-content__title', { hasText: s })).toBeVisible()
  await shot(page, 'referrals')

  // still there after a reload
  await page.reload()
  await expect(
    page.getByRole('group', { name: '转办人社/劳动监察' }).locator('.n-tag', { hasText: '已办结' }),
  ).toBeVisible()
})

test('a whole case referred from intake gets its tracked referral record', async ({ page }) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '欧阳娜与众康诊所医疗纠纷',
    category: '医疗',
    applicant: { name: '欧阳娜', phone: '13400001111' },
    respondent: { name: '众康诊所', phone: '13400002222' },
  })
  const dialog = await startAction(page, '整案转办')
  await confirmAction(page, '整案转办').catch(() => undefined)
  await expect(dialog.getByRole('alert')).toHaveText('请选择转办部门')
  await choose(page, '转办部门', '卫健')
  await dialog.getByLabel('转办事项').fill('涉及诊所执业资质，转卫健部门处理')
  await confirmAction(page, '整案转办')
  await expect(page.locator('.n-tag', { hasText: '已转办' }).first()).toBeVisible()
  await openTab(page, '转办')
  const card = page.getByRole('group', { name: '转办卫健' })
  await expect(card.getByText('整案')).toBeVisible()
  await expect(card.getByText('涉及诊所执业资质，转卫健部门处理')).toBeVisible()
  await expect(card.getByRole('button', { name: '标记为已接收' })).toBeVisible()
})
