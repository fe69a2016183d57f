import { expect, test } from '@playwright/test'
import { PNG } from 'pngjs'
import { choose, chooseMany, completeSetup, shot } from './helpers/setup'
import { confirmAction, fillDispute, fillPerson, openTab, simpleAction, startAction } from './helpers/cases'
import { creditCode, idNumber } from './helpers/people'

/** A tiny real PNG, as a phone photo of a receipt would be. */
function receiptPng(): Buffer {
  const png = new PNG({ width: 8, height: 8 })
  png.data.fill(200)
  return PNG.sync.write(png)
}

test('a wage-arrears dispute of 12 workers against a chemical-park company, from intake to archive and reopen', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await completeSetup(page)
  await page.getByRole('button', { name: '＋ 登记新案件' }).click()
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()

  const workerId = idNumber('320102', '19850316', '135') // odd sequence: male
  await fillPerson(page, 1, { name: '刘德顺', idNumber: workerId, phone: '13905551234', address: '城关镇幸福村3组' })
  // a valid ID number fills gender and birth date
  await expect(page.getByLabel('第1位当事人出生日期')).toHaveValue('1985-03-16')
  await expect(page.getByLabel('第1位当事人性别').getByRole('radio', { name: '男' })).toBeChecked()

  await page.getByLabel('第2位当事人类型').getByText('单位').click()
  await page.getByLabel('第2位当事人名称').fill('江城化工园区宏达化工有限公司')
  await page.getByLabel('第2位当事人统一社会信用代码').fill(creditCode('91320100MA1XK3P7Q'))
  await page.getByLabel('第2位当事人法定代表人').fill('孙宏达')
  await page.getByLabel('第2位当事人电话').fill('025-86661234')
  await page.getByLabel('第2位当事人住址').fill('江城化工园区纬三路8号')

  await fillDispute(page, {
    category: '劳动争议（含欠薪）',
    title: '刘德顺等12人与宏达化工欠薪纠纷',
    facts: '刘德顺等12名工人在宏达化工有限公司从事装卸工作，公司拖欠2026年8月至10月工资共计36万元。',
    request: '要求支付拖欠工资36万元',
    amount: '360000',
    people: '12',
    flags: ['群体性', '涉企'],
  })
  await shot(page, 'intake-filled')
  await page.getByRole('button', { name: '保存登记' }).click()

  // the case page: not yet accepted
  await expect(page.getByRole('heading', { name: '刘德顺等12人与宏达化工欠薪纠纷' })).toBeVisible()
  await expect(page.getByText('未受理')).toBeVisible()
  await expect(page.getByText('刘德顺 与 江城化工园区宏达化工有限公司')).toBeVisible()

  // 受理: mediator and recorder, the number is allocated
  const accept = await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await choose(page, '记录人', '王𠮷')
  await shot(page, 'accept-dialog')
  await expect(accept.getByLabel('办理期限天数')).toHaveValue('30')
  await confirmAction(page, '受理')
  await expect(page.getByText(/（2026）城关镇调字第001号/)).toBeVisible()
  await expect(page.getByText('剩余30天')).toBeVisible()

  // 调查: an investigation record, autosaved
  await simpleAction(page, '开始调查')
  await openTab(page, '调查记录')
  await page.getByRole('button', { name: '＋ 新建调查记录' }).click()
  await page.getByLabel('参加人', { exact: true }).fill('刘德顺、孙宏达')
  await page.getByLabel('调查记录', { exact: true }).fill('经查阅考勤表和工资条，确认拖欠8至10月工资。')
  await expect(page.getByRole('status', { name: '保存状态' })).toHaveText(/已保存 \d\d:\d\d:\d\d/)
  await shot(page, 'investigation-record')

  // 调解: a session record
  await simpleAction(page, '开始调解')
  await openTab(page, '调解记录')
  await page.getByRole('button', { name: '＋ 新建调解记录' }).click()
  await page.getByRole('button', { name: '＋ 添加一方陈述' }).click()
  await page.getByLabel('第1段陈述内容').fill('工人代表要求一次性付清。')
  await page.getByLabel('调解结果').fill('双方同意分两期支付。')
  await expect(page.getByRole('status', { name: '保存状态' })).toHaveText(/已保存/)
  await shot(page, 'mediation-record')

  // 口头协议
  await startAction(page, '登记口头协议')
  await page.getByLabel('口头协议内容').fill('公司于2026年12月10日前支付18万元，12月31日前支付余款18万元。')
  await confirmAction(page, '登记口头协议')
  await expect(page.locator('.n-tag', { hasText: '协议已生效' })).toBeVisible()
  await openTab(page, '协议')
  await expect(page.getByText('已登记口头协议（自达成之日起生效）。')).toBeVisible()

  // 履行 with a receipt photo
  await openTab(page, '履行')
  await page.locator('.n-tab-pane').getByRole('button', { name: '登记履行情况' }).click()
  await page.getByLabel('履行情况').getByText('已全部履行').click()
  await page.getByLabel('履行说明').fill('两期款项均已通过银行转账付清。')
  await page.getByLabel('履行凭证').setInputFiles({ name: '转账凭证.png', mimeType: 'image/png', buffer: receiptPng() })
  await confirmAction(page, '登记履行情况')
  await expect(page.getByRole('cell', { name: '转账凭证.png' })).toBeVisible()

  // 回访
  await openTab(page, '回访')
  await page.getByLabel('回访履行情况').getByText('已全部履行').click()
  await page.getByLabel('满意度').getByText('基本满意', { exact: true }).click()
  await page.getByLabel('回访情况').fill('工人均已收到工资，无反复迹象。')
  await page.getByRole('button', { name: '保存回访记录' }).click()
  await expect(page.getByRole('cell', { name: '工人均已收到工资，无反复迹象。' })).toBeVisible()
  await shot(page, 'followups')

  // 结案, 归档 (read-only), 重新打开
  await startAction(page, '结案')
  await page.getByLabel('结案情况').fill('经调解达成口头协议并全部履行，回访满意。')
  await confirmAction(page, '结案')
  await simpleAction(page, '归档')
  await expect(page.getByText('本案已归档，只能查看')).toBeVisible()
  await openTab(page, '基本信息')
  await expect(page.getByLabel('纠纷名称')).toBeDisabled()
  await expect(page.getByRole('button', { name: '保存修改' })).toHaveCount(0)
  await shot(page, 'archived')

  const reopen = await startAction(page, '重新打开')
  await confirmAction(page, '重新打开').catch(() => undefined)
  await expect(reopen.getByRole('alert')).toHaveText('重新打开已归档案件须填写理由')
  await reopen.getByLabel('理由').fill('当事人反映第二期款项银行退回，需核实。')
  await confirmAction(page, '重新打开')
  await expect(page.getByText('本案已归档，只能查看')).toBeHidden()
  await expect(page.locator('.n-tag', { hasText: '已结案' })).toBeVisible()
  await expect(page.getByLabel('纠纷名称')).toBeEnabled()

  // the dashboard counts it among this month's closed cases
  await page.getByRole('navigation', { name: '主导航' }).getByText('工作台', { exact: true }).click()
  await expect(page.locator('.n-statistic').filter({ hasText: '本月结案' }).locator('.n-statistic-value')).toHaveText(
    '1',
  )
  await expect(page.locator('.n-statistic').filter({ hasText: '已结案' }).locator('.n-statistic-value')).toHaveText('1')
  await shot(page, 'dashboard-after-close')
})
