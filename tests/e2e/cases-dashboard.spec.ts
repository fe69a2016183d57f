import { expect, test, type Locator } from '@playwright/test'
import { chooseMany, completeSetup, shot } from './helpers/setup'
import { confirmAction, registerSimpleCase, startAction } from './helpers/cases'
import { addDays, todayInChina } from '../../src/domain/dates'

/**
 * How a deadline badge is drawn: 工作台 writes out NTag's markup (DeadlineList.vue), the case header
 * mounts NTag itself (DeadlineBadge.vue); both must look the same.
 */
function badgeLook(badge: Locator) {
  return badge.evaluate((text) => {
    const tag = text.closest('.n-tag')!
    const border = tag.querySelector('.n-tag__border')
    const look = (el: Element | null, names: string[]) =>
      Object.fromEntries(names.map((n) => [n, el ? getComputedStyle(el).getPropertyValue(n) : '']))
    return {
      tag: look(tag, ['color', 'background-color', 'height', 'font-size', 'padding', 'border-radius', 'display']),
      border: look(border, ['border', 'border-radius']),
    }
  })
}

async function acceptOn(page: import('@playwright/test').Page, acceptedOn: string) {
  const dialog = await startAction(page, '受理')
  await dialog.getByLabel('受理日期').fill(acceptedOn)
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await confirmAction(page, '受理')
}

test('an overdue case and a case due within 3 days show on the dashboard', async ({ page }) => {
  const today = todayInChina()
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '陈秀英与黄海物业服务费纠纷',
    category: '物业',
    receivedOn: addDays(today, -60),
    applicant: { name: '陈秀英', phone: '13300001111' },
    respondent: { name: '黄海物业', phone: '13300002222' },
  })
  await acceptOn(page, addDays(today, -50))
  await expect(page.getByText('已超期20天')).toBeVisible()
  const overdueLook = await badgeLook(page.getByText('已超期20天'))

  await registerSimpleCase(page, {
    title: '林国平与郑丽房屋租赁纠纷',
    category: '合同',
    receivedOn: addDays(today, -29),
    applicant: { name: '林国平', phone: '13300003333' },
    respondent: { name: '郑丽', phone: '13300004444' },
  })
  await acceptOn(page, addDays(today, -28))
  await expect(page.getByText('剩余2天')).toBeVisible()
  const soonLook = await badgeLook(page.getByText('剩余2天'))

  await page.getByRole('navigation', { name: '主导航' }).getByText('工作台', { exact: true }).click()
  const overdue = page.getByRole('region', { name: '已超期' })
  await expect(overdue.getByText('陈秀英与黄海物业服务费纠纷')).toBeVisible()
  await expect(overdue.getByText('已超期20天')).toBeVisible()
  await expect(overdue.getByText('林国平与郑丽房屋租赁纠纷')).toHaveCount(0)
  const soon = page.getByRole('region', { name: '3日内到期' })
  await expect(soon.getByText('林国平与郑丽房屋租赁纠纷')).toBeVisible()
  await expect(soon.getByText('剩余2天')).toBeVisible()
  expect(await badgeLook(overdue.getByText('已超期20天'))).toEqual(overdueLook)
  expect(await badgeLook(soon.getByText('剩余2天'))).toEqual(soonLook)
  expect(soonLook.tag.color).not.toBe(overdueLook.tag.color)
  await shot(page, 'dashboard')

  await overdue.getByText('陈秀英与黄海物业服务费纠纷').click()
  await expect(page.getByRole('heading', { name: '陈秀英与黄海物业服务费纠纷' })).toBeVisible()
})
