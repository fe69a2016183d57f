import { readFileSync } from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { completeSetup, shot } from './helpers/setup'
import { openTab, registerSimpleCase } from './helpers/cases'
import { idNumber } from './helpers/people'
import {
  containsUnmaskedPersonalNumber,
  findUnmaskedPersonalNumbers,
  maskIdNumber,
  maskPhone,
} from '../../src/domain/masking'
import { withoutRandomHex } from '../fixtures/randomHex'
import { draftAgreement } from './helpers/agreementDraft'
import { signAllOnScreen } from './helpers/signature'
import { blockingViolations } from './helpers/axe'
import { canonicalJson, sha256Hex } from '../../src/domain/canonical'

const TITLE = '周桂兰与吴志强相邻排水纠纷'
const APPLICANT_ID = idNumber('330102', '19580702', '062')
const APPLICANT_PHONE = '13600001111'
const TYPED_MOBILE = '１３７ ００００ ０００５'
const TYPED_LANDLINE = '010-88886666'
const TYPED_CARD = '6228 4800 1234 5678 912'
/** a number in London and a mainland resident's 往来港澳通行证, as a mediator types them into the facts */
const TYPED_ABROAD = '+44 20 7946 0958'
const TYPED_PERMIT = 'C12345678'

async function openTransferTab(page: Page) {
  await page.goto('/#/settings')
  await openTab(page, '数据交换')
}

async function exportText(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出文件' }).click(),
  ])
  await expect(page.getByTestId('export-result')).toContainText('已导出')
  return readFileSync(await download.path(), 'utf8')
}

async function importText(page: Page, text: string, name = 'export.json') {
  await page.getByLabel('选择导入文件').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) })
}

async function freshProfile(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext({
    baseURL: new URL(page.url()).origin,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
  })
  const other = await context.newPage()
  await completeSetup(other)
  return other
}

async function caseRows(page: Page) {
  await page.goto('/#/cases')
  await expect(page.getByLabel('案件列表')).toBeVisible()
  return page.getByLabel('案件列表').getByText(TITLE)
}

test('a masked export carries no personal numbers and imports into a fresh profile once', async ({ page, browser }) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: TITLE,
    category: '邻里',
    applicant: { name: '周桂兰', idNumber: APPLICANT_ID, phone: APPLICANT_PHONE },
    respondent: { name: '吴志强', phone: '13600002222' },
    facts: `${TITLE}：申请人另留电话${TYPED_MOBILE}，被申请人座机${TYPED_LANDLINE}，收款账号${TYPED_CARD}，申请人在英国的电话${TYPED_ABROAD}，通行证${TYPED_PERMIT}，双方因排水发生争执。`,
  })
  await openTransferTab(page)
  const text = await exportText(page)
  await shot(page, 'transfer-tab')
  // numbers typed in facts in spellings people use, and the birth date the ID number holds, are gone
  for (const typed of [
    TYPED_MOBILE,
    TYPED_LANDLINE,
    TYPED_CARD,
    TYPED_ABROAD,
    TYPED_PERMIT,
    '442079460958',
    '13700000005',
    '01088886666',
    '6228480012345678912',
    '1958-07-02',
    '19580702',
  ])
    expect(text).not.toContain(typed)
  expect(text).toContain('１３７ **** ０００５')
  expect(text).toContain('010-****6666')
  expect(text).toContain('6228 48** **** ***8 912')
  expect(text).toContain('+44 2* **** 0958')
  expect(text).toContain('C*****678')
  expect(text).toContain('"birthDate":"1950年代"')
  // record ids are random hex: a digit run inside one can look like a mobile number
  expect(findUnmaskedPersonalNumbers(withoutRandomHex(text))).toEqual([])
  expect(containsUnmaskedPersonalNumber(withoutRandomHex(text))).toBe(false)
  for (const typed of [APPLICANT_ID, APPLICANT_PHONE, '13600002222']) expect(text).not.toContain(typed)
  expect(text).toContain(TITLE)
  expect(text).toContain(maskIdNumber(APPLICANT_ID))
  expect(text).toContain(maskPhone(APPLICANT_PHONE))

  const other = await freshProfile(browser, page)
  await openTransferTab(other)
  await importText(other, text)
  const preview = other.getByLabel('导入预览')
  await expect(preview).toContainText('这是脱敏文件')
  await expect(preview.getByTestId('import-source')).toContainText('来源已验证')
  await expect(preview.getByTestId('key-fingerprint')).toHaveText(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/)
  await expect(preview.locator('tr', { hasText: '案件' }).first()).toHaveText(/案件\s*1\s*0\s*0/)
  await shot(other, 'import-preview')
  await preview.getByRole('button', { name: '确认导入' }).click()
  await expect(other.getByTestId('import-result')).toContainText('导入完成：新增')
  await expect(await caseRows(other)).toHaveCount(1)

  // the same file again: everything identical, nothing changes
  await openTransferTab(other)
  await importText(other, text)
  await expect(other.getByLabel('导入预览').locator('tr', { hasText: '合计' })).toHaveText(/合计\s*0\s*\d+\s*0/)
  await other.getByRole('button', { name: '确认导入' }).click()
  await expect(other.getByTestId('import-result')).toContainText('没有任何改动')
  await expect(await caseRows(other)).toHaveCount(1)

  // a changed byte: refused with the reason, nothing written
  await openTransferTab(other)
  await importText(other, text.replace(TITLE, `${TITLE}改`), 'tampered.json')
  await expect(other.getByTestId('import-error')).toContainText('文件内容与校验值不符')
  await expect(other.getByLabel('导入预览')).toHaveCount(0)
  await importText(other, text.slice(0, text.length / 2), 'truncated.json')
  await expect(other.getByTestId('import-error')).toContainText('不是有效的JSON')
  await shot(other, 'import-bad-file')
  await expect(await caseRows(other)).toHaveCount(1)
  await other.context().close()
})

test('a masked export keeps who signed the agreement, never their handwriting', async ({ page, browser }) => {
  const caseId = await draftAgreement(page)
  await signAllOnScreen(page)
  await expect(page.getByRole('img', { name: /的签名$/ }).first()).toBeVisible()
  await openTransferTab(page)
  const text = await exportText(page)
  expect(text).not.toContain('data:image/png')

  const other = await freshProfile(browser, page)
  await openTransferTab(other)
  await importText(other, text)
  await other.getByLabel('导入预览').getByRole('button', { name: '确认导入' }).click()
  await expect(other.getByTestId('import-result')).toContainText('导入完成：新增')
  await other.goto(`/#/cases/${caseId}/agreement`)
  const signed = other.getByText('已签（脱敏文件不带签名图像）')
  await expect(signed.first()).toBeVisible()
  await expect(other.getByRole('img', { name: /的签名$/ })).toHaveCount(0)
  // its ID numbers are hidden, not wrong: the check says so, and where the agreement can be printed
  await expect(
    other.getByText('当事人“孙立新”的身份证号来自脱敏文件，部分数字已遮盖，这份协议请到原来的电脑上打印'),
  ).toBeVisible()
  await signed.first().scrollIntoViewIfNeeded()
  await shot(other, 'transfer-masked-signatures', 900)
  expect(await blockingViolations(other, 'masked agreement', ['section[aria-label="签名"]'])).toEqual([])
  // 大字模式: the words still read whole; by keyboard, 重签 after the words is reached and named
  await other.getByLabel('大字模式').click()
  await expect(signed.first()).toBeVisible()
  await shot(other, 'transfer-masked-signatures-large', 900)
  const resign = other.getByRole('button', { name: '重签：申请人孙立新' })
  await resign.focus()
  await expect(resign).toBeFocused()
  expect(await blockingViolations(other, 'masked agreement, large text', ['section[aria-label="签名"]'])).toEqual([])
  await other.context().close()
})

test('an encrypted full export asks for the passphrase on import and is logged', async ({ page, browser }) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: TITLE,
    category: '邻里',
    applicant: { name: '周桂兰', idNumber: APPLICANT_ID, phone: APPLICANT_PHONE },
    respondent: { name: '吴志强' },
  })
  await openTransferTab(page)
  await page.getByText('完整导出：含完整身份证号和电话号码').click()
  await expect(page.getByText('完整导出含个人敏感信息')).toBeVisible()
  // a complete export is always encrypted: the choice is made and cannot be undone
  const encrypt = page.getByRole('checkbox', { name: '用密码加密文件' })
  await expect(encrypt).toBeChecked()
  await expect(encrypt).toBeDisabled()
  await page.getByRole('button', { name: '导出文件' }).click()
  await expect(page.getByTestId('export-result')).toContainText('密码至少需要8个字符')
  await page.getByLabel('导出密码', { exact: true }).fill('城关镇-Tiao-2026!')
  await page.getByLabel('再次输入导出密码').fill('城关镇-Tiao-2026')
  await page.getByRole('button', { name: '导出文件' }).click()
  await expect(page.getByTestId('export-result')).toContainText('两次输入的密码不一致')
  await page.getByLabel('再次输入导出密码').fill('城关镇-Tiao-2026!')
  await expect(page.getByText('密码强度：强')).toBeVisible()
  await shot(page, 'export-encrypted')
  const text = await exportText(page)
  expect(text).toContain('mediation-room/encrypted')
  expect(text).not.toContain(APPLICANT_ID)

  await openTab(page, '审计日志')
  await expect(page.getByLabel('审计日志')).toContainText('导出全部数据')
  await page.getByRole('button', { name: '验证审计日志' }).click()
  await expect(page.getByTestId('audit-verdict')).toContainText('审计日志完整')
  await shot(page, 'audit-tab')

  const other = await freshProfile(browser, page)
  await openTransferTab(other)
  await importText(other, text, 'encrypted.json')
  await expect(other.getByTestId('import-error')).toContainText('此文件已加密，请输入密码')
  await other.getByLabel('导入文件密码').fill('wrong-passphrase')
  await other.getByRole('button', { name: '解密并校验' }).click()
  await expect(other.getByTestId('import-error')).toContainText('密码不正确')
  await other.getByLabel('导入文件密码').fill('城关镇-Tiao-2026!')
  await other.getByRole('button', { name: '解密并校验' }).click()
  await other.getByLabel('导入预览').getByRole('button', { name: '确认导入' }).click()
  await expect(other.getByTestId('import-result')).toContainText('导入完成')
  await expect(await caseRows(other)).toHaveCount(1)
  await other.context().close()
})

/** A forger's edit to an export: change the tables, then recompute the checksum as the format describes. */
function forge(text: string, change: (file: { tables: { cases: { title: string }[] }; createdAt: string }) => void) {
  const file = JSON.parse(text)
  change(file)
  file.manifest.payloadSha256 = sha256Hex(canonicalJson(file.tables))
  return JSON.stringify(file)
}

test('a forged file with a recomputed checksum is 来源未验证 and imports only after 仍然导入', async ({
  page,
  browser,
}) => {
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: TITLE,
    category: '邻里',
    applicant: { name: '周桂兰', idNumber: APPLICANT_ID, phone: APPLICANT_PHONE },
    respondent: { name: '吴志强' },
  })
  await openTransferTab(page)
  const text = await exportText(page)

  // first import from this committee: verified, its key's fingerprint shown and remembered
  const other = await freshProfile(browser, page)
  await openTransferTab(other)
  await importText(other, text)
  const preview = other.getByLabel('导入预览')
  const source = preview.getByTestId('import-source')
  await expect(source).toContainText('来源已验证')
  await expect(source).toContainText('首次导入')
  await expect(source).toContainText('城关镇')
  const fingerprint = (await preview.getByTestId('key-fingerprint').textContent())?.trim() ?? ''
  expect(fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/)
  await shot(other, 'import-verified')
  await preview.getByRole('button', { name: '确认导入' }).click()
  await expect(other.getByTestId('import-result')).toContainText('导入完成')

  // the same committee's file again: known key, no "first import"
  await openTransferTab(other)
  await importText(other, text)
  await expect(other.getByTestId('import-source')).toContainText('密钥与以前导入的一致')
  await other.getByRole('button', { name: '取消' }).click()

  // a forged file: the checksum was recomputed, so only the signature tells
  const forgedText = forge(text, (f) => (f.tables.cases[0]!.title = `${TITLE}（伪造）`))
  await importText(other, forgedText, 'forged.json')
  const forged = other.getByLabel('导入预览')
  await expect(forged.getByTestId('import-source')).toContainText('来源未验证')
  await expect(forged.getByTestId('import-source')).toContainText('文件在签名后被改动过')
  await expect(forged).not.toContainText('已全部校验通过')
  await expect(forged.getByRole('button', { name: '确认导入' })).toHaveCount(0)
  const anyway = forged.getByRole('button', { name: '仍然导入' })
  await expect(anyway).toBeDisabled()
  await shot(other, 'import-unverified')
  await forged.getByRole('checkbox', { name: /了解它的来源未经验证/ }).click()
  await anyway.click()
  await expect(other.getByTestId('import-result')).toContainText('冲突 1 条')

  // only the creation time changed: still 来源未验证
  await openTransferTab(other)
  await importText(
    other,
    forge(text, (f) => (f.createdAt = '2020-01-01T00:00:00.000Z')),
    'redated.json',
  )
  await expect(other.getByTestId('import-source')).toContainText('来源未验证')
  await other.context().close()
})
