import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { choose, completeSetup, shot } from './helpers/setup'
import { fillDispute, fillPerson, openTab } from './helpers/cases'
import { decodeQr } from '../unit/documents/pdf-tools'
import { animationsEnded } from './helpers/animations'

const COMPANY = {
  name: '城关镇恒泰五金制品有限公司',
  creditCode: '91430600MA4Q8K7T3N',
  legalRep: '黄立新',
  address: '城关镇工业园滨江路8号',
  phone: '0730-8412368',
}

test('a grid worker from the roster reports a dispute; the company card is printed and its code read back at intake', async ({
  page,
}, testInfo) => {
  await completeSetup(page)

  // the roster: one grid worker
  await page.goto('/#/settings?tab=collaborators')
  await page.getByRole('button', { name: '＋ 添加协同人员' }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: '添加协同人员' })
  // 保存 at once, before anything is typed: only once the dialog has grown in, or the click lands beside it
  await animationsEnded(page)
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByText('请填写姓名')).toBeVisible()
  await dialog.getByLabel('协同人员姓名').fill('王网格')
  await choose(page, '协同人员类别', '网格员（网格、村或社区）')
  await dialog.getByLabel('所在网格或单位').fill('东门村第三网格')
  await dialog.getByLabel('协同人员电话').fill('13600001111')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  const roster = page.getByLabel('协同人员名单')
  await expect(roster.getByText('王网格')).toBeVisible()
  await expect(roster.getByText('136****1111')).toBeVisible()
  // the grid worker moves to another grid: the roster entry is corrected
  await roster.locator('tr', { hasText: '王网格' }).getByRole('button', { name: '修改' }).click()
  const editing = page.getByRole('dialog').filter({ hasText: '修改协同人员' })
  await expect(editing.getByLabel('协同人员姓名')).toHaveValue('王网格')
  await editing.getByLabel('所在网格或单位').fill('东门村第四网格')
  await editing.getByRole('button', { name: '保存' }).click()
  await expect(editing).toBeHidden()
  await expect(roster.getByText('东门村第四网格')).toBeVisible()
  await expect(roster.getByText('东门村第三网格')).toHaveCount(0)

  // the grid worker reports a dispute with the company: it becomes a case
  await page.goto('/#/cases/new')
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  await choose(page, '案件来源', '网格员上报')
  await choose(page, '上报网格员', '王网格（网格员，东门村第四网格）')
  await fillPerson(page, 1, { name: '钱多多', phone: '13600003333' })
  await page.getByLabel('第2位当事人类型').getByText('单位').click()
  await page.getByLabel('第2位当事人名称').fill(COMPANY.name)
  await page.getByLabel('第2位当事人统一社会信用代码').fill(COMPANY.creditCode)
  await page.getByLabel('第2位当事人法定代表人').fill(COMPANY.legalRep)
  await page.getByLabel('第2位当事人电话').fill(COMPANY.phone)
  await page.getByLabel('第2位当事人住址').fill(COMPANY.address)
  await fillDispute(page, {
    category: '劳动争议',
    title: '钱多多与恒泰五金欠薪纠纷',
    facts: '网格员走访发现欠薪两个月。',
  })
  await page.getByRole('button', { name: '保存登记' }).click()
  await expect(page.getByRole('heading', { name: '钱多多与恒泰五金欠薪纠纷' })).toBeVisible()

  // 打印企业码 beside the organisation party: the saved PDF's QR is the code
  await openTab(page, '当事人')
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: '保存企业码PDF' }).click()
  const file = testInfo.outputPath('card.pdf')
  await (await downloading).saveAs(file)
  const code = decodeQr(new Uint8Array(readFileSync(file)), 1)
  expect(code).toMatch(/^MRQY1:[0-9A-Z]+$/)

  // at intake: a malformed text fills nothing and says why, the card's text fills the party
  await page.goto('/#/cases/new')
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  await page.getByLabel('第2位当事人类型').getByText('单位').click()
  const scan = page.getByLabel('第2位当事人企业码')
  await scan.fill(`${code!.slice(0, -3)}XYZ`)
  await scan.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: '企业码没有读完整或被改动过' })).toBeVisible()
  await expect(page.getByLabel('第2位当事人名称')).toHaveValue('')
  await scan.fill('https://example.com/not-ours')
  await scan.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: '这不是调解室的企业码' })).toBeVisible()
  await expect(page.getByLabel('第2位当事人名称')).toHaveValue('')

  await scan.fill(code!.toLowerCase())
  await scan.press('Enter')
  await expect(page.getByText(`已读取：${COMPANY.name}`)).toBeVisible()
  await expect(page.getByLabel('第2位当事人名称')).toHaveValue(COMPANY.name)
  await expect(page.getByLabel('第2位当事人统一社会信用代码')).toHaveValue(COMPANY.creditCode)
  await expect(page.getByLabel('第2位当事人法定代表人')).toHaveValue(COMPANY.legalRep)
  await expect(page.getByLabel('第2位当事人电话')).toHaveValue(COMPANY.phone)
  await expect(page.getByLabel('第2位当事人住址')).toHaveValue(COMPANY.address)
  await expect(page.getByRole('checkbox', { name: '涉企' })).toBeChecked()
  await shot(page, 'enterprise-code-intake', 1200)

  // at the reception desk: the same field, the same messages; the card fills the visitor's organisation
  // (leaving the unsaved intake form asks first)
  page.once('dialog', (d) => void d.accept())
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '接待' }).click()
  await expect(page.getByRole('heading', { name: '接待登记' })).toBeVisible()
  const desk = page.getByLabel('来访单位企业码')
  await desk.fill(`${code!.slice(0, -3)}XYZ`)
  await desk.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: '企业码没有读完整或被改动过' })).toBeVisible()
  await expect(page.getByTestId('visit-organisation')).toHaveCount(0)
  await expect(page.getByRole('checkbox', { name: '涉企' })).not.toBeChecked()
  await desk.fill('MRQY9:ABC')
  await desk.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: '更新版本的软件' })).toBeVisible()
  await desk.fill(code!)
  await desk.press('Enter')
  await expect(page.getByTestId('visit-organisation')).toContainText(COMPANY.name)
  await expect(page.getByRole('checkbox', { name: '涉企' })).toBeChecked()
  // the enterprise came by its own code and asks for mediation: it is the applicant at intake
  const form = page.getByRole('form', { name: '接待登记' })
  await form.getByText('一企一码', { exact: true }).click()
  await page.getByLabel('简要情况').fill('供货商拖欠货款，请求调解')
  await form.getByText('2 登记为调解案件', { exact: true }).click()
  await page.getByLabel('接待人', { exact: true }).fill('李淑珺')
  await shot(page, 'enterprise-code-desk', 900)
  await page.getByRole('button', { name: '保存（Ctrl+Enter）' }).click()
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  await expect(page.getByLabel('第1位当事人名称')).toHaveValue(COMPANY.name)
  await expect(page.getByLabel('第1位当事人统一社会信用代码')).toHaveValue(COMPANY.creditCode)
  await expect(page.getByLabel('纠纷事实')).toHaveValue('供货商拖欠货款，请求调解')
  await expect(page.getByRole('checkbox', { name: '涉企' })).toBeChecked()

  // 统计: the grid worker's report counts
  page.once('dialog', (d) => void d.accept())
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click()
  const figures = page.locator('table[aria-label="协同人员"]')
  await expect(figures.getByLabel('网格员上报纠纷 1')).toBeVisible()
  await shot(page, 'roster-statistics', 1400)
})
