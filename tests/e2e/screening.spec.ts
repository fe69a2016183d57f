import { expect, test } from '@playwright/test'
import { choose, chooseMany, completeSetup, shot } from './helpers/setup'
import { fillDispute, fillPerson, openTab } from './helpers/cases'

test('a new user records a screening round, registers a case found by it, and sees it counted on 统计', async ({
  page,
}) => {
  await completeSetup(page)
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '排查' }).click()
  await expect(page.getByRole('heading', { name: '矛盾纠纷排查' })).toBeVisible()
  await expect(page.getByText('还没有排查记录')).toBeVisible()

  // a round with no area is refused beside the field
  await page.getByRole('button', { name: '＋ 登记排查' }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: '登记排查' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByText('请填写排查区域（村、社区或网格）')).toBeVisible()
  await expect(dialog.getByText('请选择或填写参加排查的人员')).toBeVisible()
  await expect(dialog.getByText('请填写发现的矛盾纠纷数，没有发现请填0')).toBeVisible()

  await dialog.getByLabel('排查区域').fill('东门村第三网格')
  await choose(page, '排查类型', '节前排查')
  await chooseMany(page, '参加的调解员', ['李淑珺'])
  await dialog.getByLabel('其他参加人员').fill('网格员王五、村干部赵六')
  await dialog.getByLabel('发现矛盾纠纷').fill('2')
  await dialog.getByLabel('排查备注').fill('春节前走访，发现宅基地、赡养纠纷苗头各一起')
  await shot(page, 'screening-dialog', 900)
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  const status = page.getByRole('status').filter({ hasText: /次排查/ })
  await expect(status).toHaveText('共 1 次排查，发现矛盾纠纷 2 件')
  const table = page.locator('[aria-label="排查记录"]')
  await expect(table.getByText('东门村第三网格')).toBeVisible()
  await expect(table.getByText('李淑珺、网格员王五、村干部赵六')).toBeVisible()

  // search by a participant, then by nothing that is there
  await page.getByLabel('搜索排查记录').fill('王五')
  await expect(status).toHaveText('共 1 次排查，发现矛盾纠纷 2 件')
  await page.getByLabel('搜索排查记录').fill('不存在的村')
  await expect(status).toHaveText('共 0 次排查，发现矛盾纠纷 0 件')
  await expect(page.getByText('没有符合条件的排查记录')).toBeVisible()
  await page.getByLabel('搜索排查记录').fill('')

  // 登记案件 from the round: the intake form comes with source 主动排查 and the round chosen
  await page.getByRole('button', { name: /^由 .* 东门村第三网格 登记案件$/ }).click()
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  await expect(page.getByLabel('案件来源', { exact: true })).toContainText('调委会主动调解（排查发现）')
  await expect(page.getByLabel('排查记录', { exact: true })).toContainText('东门村第三网格 节前排查')
  await shot(page, 'screening-intake', 700)
  await fillPerson(page, 1, { name: '钱多多', phone: '13600003333' })
  await fillPerson(page, 2, { name: '孙少安', phone: '13600004444' })
  await fillDispute(page, {
    category: '邻里',
    title: '钱多多与孙少安宅基地纠纷',
    facts: '排查中发现两户因宅基地界址发生争执。',
  })
  await page.getByRole('button', { name: '保存登记' }).click()
  await expect(page.getByRole('heading', { name: '钱多多与孙少安宅基地纠纷' })).toBeVisible()
  await openTab(page, '基本信息')
  await expect(page.getByLabel('排查记录', { exact: true })).toContainText('东门村第三网格 节前排查')

  // the round lists the case; found cannot drop below the cases it led to
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '排查' }).click()
  const linked = page.getByRole('list', { name: /东门村第三网格 转为案件/ })
  await expect(linked.getByRole('link', { name: '钱多多与孙少安宅基地纠纷' })).toBeVisible()
  await page.getByRole('button', { name: /^修改 .* 东门村第三网格$/ }).click()
  const edit = page.getByRole('dialog').filter({ hasText: '修改排查记录' })
  await expect(edit.getByLabel('其中转为案件')).toContainText('1')
  await edit.getByLabel('发现矛盾纠纷').fill('0')
  await edit.getByRole('button', { name: '保存' }).click()
  await expect(edit.getByText('已有1件案件由本次排查登记，发现的矛盾纠纷数不能少于1')).toBeVisible()
  await edit.getByRole('button', { name: '取消' }).click()
  await expect(edit).toBeHidden()
  await shot(page, 'screening-list', 900)
  await linked.getByRole('link', { name: '钱多多与孙少安宅基地纠纷' }).click()
  await expect(page.getByRole('heading', { name: '钱多多与孙少安宅基地纠纷' })).toBeVisible()

  // 统计 for this month: 排查次数 1, and the number opens the 排查 page with exactly that round
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click()
  await expect(page.getByRole('heading', { name: '统计', exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: '排查次数 1' })).toBeVisible()
  await expect(page.getByRole('link', { name: '排查发现纠纷 2' })).toBeVisible()
  await expect(page.getByRole('link', { name: '其中转为案件 1' })).toBeVisible()
  await shot(page, 'screening-statistics', 900)
  await page.locator('table[aria-label="矛盾纠纷排查"]').screenshot({ path: '/tmp/shots/screening-figures.png' })
  await page.getByRole('link', { name: '排查次数 1' }).click()
  await expect(page.getByRole('heading', { name: '矛盾纠纷排查' })).toBeVisible()
  await expect(page.getByText(/^统计表中的排查：/)).toBeVisible()
  await expect(status).toHaveText('共 1 次排查，发现矛盾纠纷 2 件')
  await page.getByRole('button', { name: '显示全部排查' }).click()
  await expect(page.getByText(/^统计表中的排查：/)).toHaveCount(0)
})
