import { expect, test, type Page } from '@playwright/test'
import { chooseMany, completeSetup } from './helpers/setup'
import {
  confirmAction,
  fillDispute,
  fillPerson,
  openTab,
  registerSimpleCase,
  simpleAction,
  startAction,
} from './helpers/cases'
import { creditCode, idNumber } from './helpers/people'

/** Rows in one IndexedDB store of the app's database. */
async function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const c = req.result.transaction(name, 'readonly').objectStore(name).count()
          c.onsuccess = () => resolve(c.result)
          c.onerror = () => reject(c.error)
        }
        req.onerror = () => reject(req.error)
      }),
    store,
  )
}

test('intake with a wrong ID number, credit code and phone shows Chinese messages and stores nothing', async ({
  page,
}) => {
  await completeSetup(page)
  await page.goto('/#/cases/new')
  const good = idNumber('110105', '19900101', '123')
  const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
  const code = creditCode('91320100MA1XK3P7Q')
  const wrongCode = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
  await fillPerson(page, 1, { name: '宋佳', idNumber: wrongCheck, phone: '1381234' })
  await page.getByLabel('第2位当事人类型').getByText('单位').click()
  await page.getByLabel('第2位当事人名称').fill('某某科技有限公司')
  await page.getByLabel('第2位当事人统一社会信用代码').fill(wrongCode)
  await fillDispute(page, { category: '合同', title: '宋佳与某某科技合同纠纷', facts: '货款未付。', amount: '5000' })
  await page.getByRole('button', { name: '保存登记' }).click()

  const form = page.getByRole('group', { name: '第1位当事人' })
  await expect(form.getByText('身份证号最后一位不对，请核对')).toBeVisible()
  await expect(form.getByText(/手机号码|电话号码/)).toBeVisible()
  await expect(
    page.getByRole('group', { name: '第2位当事人' }).getByText('统一社会信用代码最后一位不对，请核对'),
  ).toBeVisible()
  await expect(page.getByText('还有内容需要改正，案件尚未保存')).toBeVisible()
  // parties are stored inside the case's document; no digest was written either
  expect(await countRows(page, 'caseDocs')).toBe(0)
  // 工作台's summary (id 'dashboard', src/db/dashboardSummary.ts) may sit in caseIndex from the dashboard
  // visit; it holds no case: no digest batch is written
  expect(await countRows(page, 'caseIndex')).toBeLessThanOrEqual(1)
  expect(await countRows(page, 'caseDocs')).toBe(0)

  // corrected, it saves
  await page.getByLabel('第1位当事人身份证号').fill(good)
  await page.getByLabel('第1位当事人电话').fill('13812340000')
  await page.getByLabel('第2位当事人统一社会信用代码').fill(code)
  await page.getByRole('button', { name: '保存登记' }).click()
  await expect(page.getByRole('heading', { name: '宋佳与某某科技合同纠纷' })).toBeVisible()
  expect(await countRows(page, 'caseDocs')).toBe(1)
})

test('accepting without a mediator and terminating without a reason are refused in Chinese, nothing changes', async ({
  page,
}) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '邓亮与曹敏借款纠纷',
    category: '合同',
    applicant: { name: '邓亮', phone: '13100001111' },
    respondent: { name: '曹敏', phone: '13100002222' },
  })
  const accept = await startAction(page, '受理')
  await page.getByRole('button', { name: '确定受理' }).click()
  await expect(accept.getByRole('alert')).toHaveText('受理时请指派至少一名调解员')
  await accept.getByLabel('受理日期').fill('2026-13-01')
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await page.getByRole('button', { name: '确定受理' }).click()
  await expect(accept.getByRole('alert')).toHaveText('受理日期：没有2026年13月1日这一天，请检查')
  await page.getByRole('button', { name: '取消' }).click()
  await expect(page.getByText('未受理')).toBeVisible()
  expect(await countRows(page, 'counters')).toBe(0)

  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await confirmAction(page, '受理')
  await simpleAction(page, '开始调解')
  const terminate = await startAction(page, '终止调解')
  await page.getByRole('button', { name: '确定终止调解' }).click()
  await expect(terminate.getByRole('alert')).toHaveText('请填写终止调解的原因')
  await terminate.getByLabel('终止原因').fill('被申请人明确拒绝继续调解。')
  await page.getByRole('button', { name: '确定终止调解' }).click()
  await expect(terminate.getByRole('alert')).toHaveText('请填写已告知当事人的其他解决途径（仲裁、行政、诉讼等）')
  await page.getByRole('button', { name: '取消' }).click()
  await expect(page.locator('.n-tag', { hasText: '调解中' })).toBeVisible()

  // extension: consent is required, and then only once
  const extend = await startAction(page, '延长期限')
  await extend.getByLabel('延长理由').fill('需等待鉴定结果')
  await page.getByRole('button', { name: '确定延长期限' }).click()
  await expect(extend.getByRole('alert')).toHaveText('延长期限须经双方当事人同意')
  await extend.getByText('双方当事人同意延长').click()
  await confirmAction(page, '延长期限')
  await expect(page.getByText('已延期15天')).toBeVisible()
  await expect(page.getByRole('toolbar', { name: '案件操作' }).getByRole('button', { name: '延长期限' })).toHaveCount(0)
})

test('evidence files are checked before they are stored: wrong type and empty files are refused in Chinese', async ({
  page,
}) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '田野与贺兰装修合同纠纷',
    category: '合同',
    applicant: { name: '田野', phone: '13000001111' },
    respondent: { name: '贺兰', phone: '13000002222' },
  })
  await openTab(page, '证据材料')
  const picker = page.getByLabel('添加证据材料')
  await picker.setInputFiles([
    { name: '聊天记录.txt', mimeType: 'text/plain', buffer: Buffer.from('你好') },
    { name: '空白.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) },
  ])
  await expect(
    page.getByRole('alert').filter({ hasText: '“聊天记录.txt”的格式不支持。可以添加照片（JPG、PNG）或 PDF 扫描件。' }),
  ).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: '“空白.pdf”是空文件' })).toBeVisible()
  expect(await countRows(page, 'attachments')).toBe(0)

  // a web page renamed .pdf (a fake lock screen) is refused by its bytes, whatever its name and type say
  await picker.setInputFiles({
    name: '锁屏.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('<!doctype html><title>已锁定</title><h1>请输入密码</h1>'),
  })
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: '“锁屏.pdf”的内容不是照片（JPG、PNG）或 PDF，可能是改了扩展名的其他文件，不能添加。' }),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: '锁屏.pdf', exact: true })).toHaveCount(0)
  expect(await countRows(page, 'attachments')).toBe(0)

  await picker.setInputFiles({
    name: '合同扫描件.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  })
  await expect(page.getByRole('button', { name: '合同扫描件.pdf', exact: true })).toBeVisible()
  expect(await countRows(page, 'attachments')).toBe(1)
})
