import { expect, test, type Page } from '@playwright/test'
import { choose, chooseTyped, completeSetup, shot } from './helpers/setup'
import { fillPerson, openTab } from './helpers/cases'

/** Types one visit at the desk with the keyboard only: Enter moves on, a digit picks the 分流. */
async function typeVisit(
  page: Page,
  v: {
    name?: string
    phone?: string
    people?: string
    note: string
    route: number
    department?: string
    outcome?: string
    handler?: string
    opensIntake?: boolean
  },
) {
  const k = page.keyboard
  await expect(page.getByLabel('来访人', { exact: true })).toBeFocused()
  if (v.name) await k.type(v.name)
  await k.press('Enter')
  if (v.phone) await k.type(v.phone)
  await k.press('Enter')
  if (v.people) {
    await k.press('Control+A')
    await k.type(v.people)
  }
  await k.press('Enter') // → 接待时间 (now)
  await k.press('Enter') // → 来访方式 (来访)
  await k.press('Enter') // → 简要情况
  await k.type(v.note)
  await k.press('Enter') // → 分流
  await k.press(String(v.route))
  await k.press('Enter')
  if (v.department) {
    await k.type(v.department)
    await k.press('Enter') // the list's choice
    await k.press('Tab') // → 办理期限 (15 days by default)
    await k.press('Enter')
  }
  if (v.outcome) await k.type(v.outcome)
  if (v.handler) {
    await k.press('Enter') // → 接待人
    await k.type(v.handler)
  }
  await k.press('Control+Enter')
  // saved: the form is empty again for the next visitor (a case visit goes on to intake instead)
  if (!v.opensIntake) await expect(page.getByLabel('来访人', { exact: true })).toBeFocused()
}

test('a new user records five visits of different routes by keyboard; one becomes a case, one is referred to 人社 and followed to 已办结', async ({
  page,
}) => {
  await completeSetup(page)
  // the roster has a counsellor a 心理服务 visit can be handed to
  await page.goto('/#/settings?tab=collaborators')
  await page.getByRole('button', { name: '＋ 添加协同人员' }).click()
  const person = page.getByRole('dialog').filter({ hasText: '添加协同人员' })
  await person.getByLabel('协同人员姓名').fill('张心')
  await choose(page, '协同人员类别', '心理咨询师')
  await person.getByLabel('所在网格或单位').fill('镇心理服务站')
  await person.getByLabel('协同人员电话').fill('13600002222')
  await person.getByRole('button', { name: '保存' }).click()
  await expect(person).toBeHidden()

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '接待' }).click()
  await expect(page.getByRole('heading', { name: '接待登记' })).toBeVisible()

  // a visit with nothing but a time is refused, naming what is missing
  await expect(page.getByLabel('来访人', { exact: true })).toBeFocused()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('alert')).toContainText('未保存：请补充或更正事由（类别或简要情况）、分流、接待人。')

  await typeVisit(page, {
    name: '张三',
    phone: '13800001111',
    note: '咨询老人赡养费如何计算',
    route: 1,
    outcome: '告知可先协商，协商不成可申请调解',
    handler: '李淑珺',
  })
  const table = page.locator('[aria-label="接待记录"]')
  await expect(table.getByText('张三')).toBeVisible()
  await expect(table.getByText('138****1111')).toBeVisible()
  await expect(table.getByText('13800001111')).toHaveCount(0)

  await typeVisit(page, { people: '6', note: '工地六名工人被拖欠三个月工资', route: 3, department: '人社' })
  await typeVisit(page, { name: '王芳', note: '家庭矛盾后情绪低落', route: 5 })
  await typeVisit(page, { name: '赵四', people: '2', note: '工伤赔偿需要律师', route: 4 })
  await expect(page.getByTestId('today-figures')).toHaveText('今日接待 4 次 · 10 人次')
  await expect(table.getByText('匿名')).toBeVisible()
  await shot(page, 'reception-desk', 900)

  // 登记为调解案件: intake opens pre-filled with what was typed
  await typeVisit(page, { name: '周某', phone: '13900002222', note: '邻居装修损坏墙体', route: 2, opensIntake: true })
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  await expect(page.getByTestId('from-visit')).toBeVisible()
  await expect(page.getByLabel('第1位当事人姓名')).toHaveValue('周某')
  await expect(page.getByLabel('第1位当事人电话')).toHaveValue('13900002222')
  await expect(page.getByLabel('纠纷事实')).toHaveValue('邻居装修损坏墙体')
  await shot(page, 'reception-intake', 900)
  await fillPerson(page, 2, { name: '吴某', phone: '13900003333' })
  await chooseTyped(page, '纠纷类别', '邻里')
  await page.getByLabel('纠纷名称').fill('周某与吴某装修损害纠纷')
  await page.getByRole('button', { name: '保存登记' }).click()
  await expect(page.getByRole('heading', { name: '周某与吴某装修损害纠纷' })).toBeVisible()

  // part of it goes to 心理服务: the referral names the counsellor from the roster
  await openTab(page, '转办')
  await choose(page, '转办部门', '心理服务')
  await page.getByLabel('转办事项').fill('周某因纠纷失眠焦虑，请心理咨询师疏导')
  await choose(page, '转办承接人员', '张心（心理咨询师，镇心理服务站）')
  await page.getByRole('button', { name: '转办', exact: true }).click()
  await expect(page.getByRole('group', { name: '转办心理服务' })).toContainText(
    '承接人员：张心（心理咨询师，镇心理服务站）',
  )

  // the case links back to its visit, and the visit names the case (no number before 受理)
  const fromVisit = page.getByTestId('case-from-visit')
  await expect(fromVisit).toContainText('本案由接待登记转来')
  await expect(fromVisit).toContainText('来访人 周某，1 人')
  await shot(page, 'reception-case-link', 700)
  await fromVisit.getByRole('link', { name: '查看接待记录' }).click()
  await expect(page.getByRole('heading', { name: '接待登记' })).toBeVisible()
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await expect(table.getByTestId('visit-case')).toHaveText('周某与吴某装修损害纠纷（待受理，尚无案号）')
  await page.getByRole('button', { name: '显示全部' }).click()
  await expect(table.locator('tbody tr')).toHaveCount(5)

  // a visit is corrected: a 5,000-character account replaces the short note, and the counsellor is named
  const long = '她说'.repeat(2500)
  await table.locator('tr', { hasText: '王芳' }).getByRole('button', { name: /^修改/ }).click()
  const edit = page.getByRole('dialog').filter({ hasText: '修改接待记录' })
  await expect(edit.getByLabel('来访人', { exact: true })).toHaveValue('王芳')
  await edit.getByLabel('简要情况').fill(long)
  await choose(page, '承接人员', '张心（心理咨询师，镇心理服务站）')
  await shot(page, 'reception-edit', 900)
  await edit.getByRole('button', { name: '保存修改（Ctrl+Enter）' }).click()
  await expect(edit).toBeHidden()
  await expect(table.locator('tr', { hasText: '王芳' })).toContainText('转交张心（心理咨询师，镇心理服务站）')
  await table.locator('tr', { hasText: '王芳' }).getByRole('button', { name: /^修改/ }).click()
  await expect(edit.getByLabel('简要情况')).toHaveValue(long)
  await page.keyboard.press('Escape')
  await expect(edit).toBeHidden()
  // a visit that became a case cannot be routed elsewhere
  await table.locator('tr', { hasText: '周某' }).getByRole('button', { name: /^修改/ }).click()
  await expect(edit.getByRole('radio', { name: '1 当场解答' })).toBeDisabled()
  await page.keyboard.press('Escape')

  // the visit names the case
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '接待' }).click()
  await expect(page.getByTestId('today-figures')).toHaveText('今日接待 5 次 · 11 人次')
  await table.getByRole('button', { name: '查看案件' }).click()
  await expect(page.getByRole('heading', { name: '周某与吴某装修损害纠纷' })).toBeVisible()

  // the referral to 人社 waits on 工作台 and is followed to 已办结
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' }).click()
  const open = page.getByRole('region', { name: '接待转办未办结' })
  await expect(open).toContainText('接待转办未办结（1）')
  await expect(open).toContainText('人社/劳动监察：工地六名工人被拖欠三个月工资')
  await open.getByRole('link').click()
  await expect(page.getByRole('heading', { name: '接待登记' })).toBeVisible()
  await page.getByRole('button', { name: '标记为已接收' }).click()
  await page.getByRole('button', { name: '标记为已办结' }).click()
  // done: it leaves the open-referral list, and the whole list shows it 已办结
  await expect(table.getByText('人社/劳动监察')).toHaveCount(0)
  await page.getByRole('checkbox', { name: '只看未办结转办' }).click()
  await expect(table.getByText('已办结', { exact: true })).toBeVisible()
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' }).click()
  await expect(open).toContainText('接待转办未办结（0）')

  // 统计: 接待人次 for this month
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click()
  const figures = page.locator('table[aria-label="接待登记"]')
  await expect(figures.getByLabel('接待次数 5')).toBeVisible()
  await expect(figures.getByLabel('接待人次 11')).toBeVisible()
  await expect(figures.getByLabel('转办部门 1')).toBeVisible()
  const roster = page.locator('table[aria-label="协同人员"]')
  await expect(roster.getByLabel('分流至心理服务的接待 1')).toBeVisible()
  await expect(roster.getByLabel('网格员上报纠纷 0')).toBeVisible()
  await shot(page, 'reception-statistics', 900)
})

test("the log's 起/止 read dates as typed, and name the box that cannot be read", async ({ page }) => {
  await completeSetup(page)
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '接待' }).click()
  await expect(page.getByRole('heading', { name: '接待登记' })).toBeVisible()
  const from = page.getByLabel('起始日期')
  const to = page.getByLabel('截止日期')
  const problem = page.getByRole('alert').filter({ hasText: '日期' })
  await from.fill('11/1')
  await expect(problem).toHaveText('起始日期：日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）')
  await from.fill('2026年1月1日')
  await to.fill('2025/12/31')
  await expect(problem).toHaveText('截止日期不能早于起始日期')
  await shot(page, 'reception-date-problem', 700)
  await to.fill('２０２６.１２.３１')
  await expect(problem).toHaveCount(0)
})
