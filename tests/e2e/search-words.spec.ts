import { expect, test, type Page } from '@playwright/test'
import { chooseMany, completeSetup } from './helpers/setup'
import { confirmAction, fillDispute, fillPerson, registerSimpleCase, startAction } from './helpers/cases'
import { creditCode } from './helpers/people'

const search = (page: Page) => page.getByLabel('搜索案件')
const table = (page: Page) => page.getByLabel('案件列表')

test('the case list finds by two words, an organisation’s initials and a mediator’s name, and says what 进行中 hid', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await completeSetup(page)

  // A: accepted, 赵建国 its mediator
  await registerSimpleCase(page, {
    title: '张桂兰与王建设相邻排水纠纷',
    category: '邻里',
    applicant: { name: '张桂兰', phone: '13300001111' },
    respondent: { name: '王建设', phone: '13300002222' },
  })
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['赵建国'])
  await confirmAction(page, '受理')

  // B: the same applicant against a company
  await page.goto('/#/cases/new')
  await fillPerson(page, 1, { name: '张桂兰', phone: '13300001111' })
  await page.getByLabel('第2位当事人类型').getByText('单位').click()
  await page.getByLabel('第2位当事人名称').fill('宏达化工有限公司')
  await page.getByLabel('第2位当事人统一社会信用代码').fill(creditCode('91320100MA1XK3P7Q'))
  await fillDispute(page, { category: '邻里', title: '张桂兰与宏达化工噪音纠纷', facts: '工厂夜间噪音扰民。' })
  await page.getByRole('button', { name: '保存登记' }).click()
  await expect(page.getByRole('heading', { name: '张桂兰与宏达化工噪音纠纷' })).toBeVisible()

  // C: rejected at acceptance, so among the finished cases the list hides by default
  await registerSimpleCase(page, {
    title: '孙秀英与周志明排水纠纷',
    category: '邻里',
    applicant: { name: '孙秀英', phone: '13300004444' },
    respondent: { name: '周志明', phone: '13300005555' },
  })
  const dialog = await startAction(page, '不予受理')
  await dialog.getByLabel('不予受理理由').fill('该纠纷已由法院立案受理。')
  await dialog.getByLabel('告知的途径').fill('请按法院通知参加诉讼。')
  await confirmAction(page, '不予受理')
  await expect(page.locator('.n-tag', { hasText: '不予受理' })).toBeVisible()

  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  await expect(table(page).getByText('张桂兰与王建设相邻排水纠纷')).toBeVisible()

  // two words: each must match
  await search(page).fill('张桂兰 排水')
  await expect(page.getByText('共 1 件')).toBeVisible()
  await expect(table(page).getByText('张桂兰与王建设相邻排水纠纷')).toBeVisible()
  await search(page).fill('张桂兰　噪音')
  await expect(page.getByText('共 1 件')).toBeVisible()
  await expect(table(page).getByText('张桂兰与宏达化工噪音纠纷')).toBeVisible()

  // an organisation by its pinyin initials (宏达化工有限公司)
  await search(page).fill('hdhg')
  await expect(page.getByText('共 1 件')).toBeVisible()
  await expect(table(page).getByText('张桂兰与宏达化工噪音纠纷')).toBeVisible()

  // a mediator's name finds the cases assigned to them
  await search(page).fill('赵建国')
  await expect(page.getByText('共 1 件')).toBeVisible()
  await expect(table(page).getByText('张桂兰与王建设相邻排水纠纷')).toBeVisible()

  // a finished case: the 进行中 filter hides it, and says so, with one click to see it
  await search(page).fill('孙秀英')
  const hidden = page.getByTestId('hidden-by-stage')
  await expect(hidden).toContainText('另有 1 件相符的案件被“进行中”筛选隐藏')
  await expect(page.getByText('“进行中”的案件中没有与“孙秀英”相符的')).toBeVisible()
  await hidden.getByRole('button', { name: '查看全部' }).click()
  await expect(table(page).getByText('孙秀英与周志明排水纠纷')).toBeVisible()
  await expect(page.getByText('共 1 件')).toBeVisible()
  await expect(hidden).toHaveCount(0)

  // two words across the stages: 排水 in both A (open) and C (finished)
  await search(page).fill('排水 纠纷')
  await expect(page.getByText('共 2 件')).toBeVisible()
})
