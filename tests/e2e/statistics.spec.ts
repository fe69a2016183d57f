import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { chooseMany, completeSetup, COMMITTEE, shot } from './helpers/setup'
import { confirmAction, registerSimpleCase, simpleAction, startAction } from './helpers/cases'
import { pageTexts } from '../unit/documents/pdf-text'

test('a case closed with 防止民转刑 is counted on 统计, its number lists it, and the report downloads as Excel and PDF', async ({
  page,
}) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '周强与吴刚相邻通行纠纷',
    category: '邻里',
    applicant: { name: '周强', phone: '13600001111' },
    respondent: { name: '吴刚', phone: '13600002222' },
  })
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['赵建国'])
  await confirmAction(page, '受理')
  await simpleAction(page, '开始调解')
  await startAction(page, '登记口头协议')
  await page.getByLabel('口头协议内容').fill('吴刚拆除堆放在通道上的杂物，双方互不追究。')
  await confirmAction(page, '登记口头协议')
  await expect(page.locator('.n-tag', { hasText: '协议已生效' })).toBeVisible()

  // 结案 with what it prevented: 防止民转刑, 3 people
  await startAction(page, '结案')
  await page.getByLabel('结案情况').fill('双方当场和解，已拆除杂物。')
  await page.getByLabel('防止民转刑人数').fill('3')
  await shot(page, 'statistics-close-dialog', 900)
  await confirmAction(page, '结案')
  await expect(page.locator('.n-tag', { hasText: '已结案' })).toBeVisible()

  // 统计 for this month
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click()
  await expect(page.getByRole('heading', { name: '统计', exact: true })).toBeVisible()
  const table = page.getByRole('table').or(page.locator('[aria-label="调解工作统计表"]'))
  await expect(table.first()).toBeVisible()
  const prevented = page.getByRole('link', { name: '合计 防止民转刑件 1' })
  await expect(prevented).toBeVisible()
  await expect(page.getByRole('link', { name: '合计 防止民转刑人 3' })).toBeVisible()
  await expect(page.getByRole('link', { name: '邻里 受理合计 1' })).toBeVisible()
  await expect(page.getByRole('link', { name: '邻里 调解成功口头协议 1' })).toBeVisible()
  await shot(page, 'statistics-page', 1000)

  // the number leads to exactly its cases
  await prevented.click()
  await expect(page.getByRole('heading', { name: '案件', exact: true })).toBeVisible()
  await expect(page.getByText('统计表中的案件')).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: /^共 \d+ 件$/ })).toHaveText('共 1 件')
  await expect(page.getByText('周强与吴刚相邻通行纠纷')).toBeVisible()
  await shot(page, 'statistics-cell-cases', 900)
  // back to the whole list
  await page.getByRole('button', { name: '显示全部案件' }).click()
  await expect(page.getByText('统计表中的案件')).toHaveCount(0)

  // the breakdowns: by mediator, the number leads to its cases too
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click()
  await expect(page.getByRole('link', { name: '按案件来源：当事人申请 受理 1' })).toBeVisible()
  await expect(page.getByRole('link', { name: '按调解员：赵建国 调解成功 1' })).toBeVisible()
  const month = await page
    .getByRole('link', { name: /^\d{4}年\d{1,2}月 受理 \d+$/ })
    .last()
    .getAttribute('aria-label')
  expect(month).toMatch(/ 受理 1$/)
  await page
    .getByRole('table', { name: '统计表（按调解员）' })
    .or(page.locator('[aria-label="统计表（按调解员）"]'))
    .scrollIntoViewIfNeeded()
  await shot(page, 'statistics-breakdowns', 1000)
  await page.getByRole('link', { name: '按调解员：赵建国 调解成功 1' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^共 \d+ 件$/ })).toHaveText('共 1 件')
  await expect(page.getByText('赵建国 · 调解成功 合计')).toBeVisible()

  // the Excel file
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计' }).click()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出Excel' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(
    new RegExp(`^${COMMITTEE.fullName}-\\d{4}年\\d{1,2}月-调解工作统计表\\.xlsx$`),
  )
  const bytes = await readFile((await file.path())!)
  expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])

  // the PDF, made in the documents worker: its text read back
  const pdfDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出PDF' }).click()
  const pdfFile = await pdfDownload
  expect(pdfFile.suggestedFilename()).toMatch(
    new RegExp(`^${COMMITTEE.fullName}-\\d{4}年\\d{1,2}月-调解工作统计表\\.pdf$`),
  )
  const pdf = new Uint8Array(await readFile((await pdfFile.path())!))
  expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-')
  const text = (await pageTexts(pdf)).join('')
  expect(text).toContain(`${COMMITTEE.fullName}调解工作统计表`)
  expect(text).toContain('统计表（按调解员）')
  expect(text).toContain('近12个月趋势')
  // the figures beside the table: 排查 and 接待 (the whole committee), then 环比/同比 of every total
  expect(text).toContain('三、矛盾纠纷排查')
  expect(text).toContain('四、接待登记（分流）')
  expect(text).toContain('五、合计的环比与同比')
  expect(text).toMatch(/制表人：\S+制表日期：\d{4}年\d{1,2}月\d{1,2}日/)
})
