import { expect, type Page } from '@playwright/test'
import { choose, chooseMany, chooseTyped, completeSetup } from './setup'

/** Naive UI tabs are divs with a label; click the one wanted. */
export async function openTab(page: Page, label: string) {
  await page.locator('.n-tabs-tab__label', { hasText: new RegExp(`^${label}$`) }).click()
  // the pane switches after the click: wait until this tab is the active one before using its content
  await expect(
    page.locator('.n-tabs-tab--active .n-tabs-tab__label', { hasText: new RegExp(`^${label}$`) }),
  ).toBeVisible()
}

/** Clicks a lifecycle action in the case header and returns its dialog. */
export async function startAction(page: Page, label: string) {
  await page.getByRole('toolbar', { name: '案件操作' }).getByRole('button', { name: label, exact: true }).click()
  const dialog = page.locator('.n-modal').filter({ hasText: label }).last()
  await expect(dialog).toBeVisible()
  return dialog
}

/** Confirms an open action dialog and waits for it to close. */
export async function confirmAction(page: Page, label: string) {
  await page.getByRole('button', { name: `确定${label}` }).click()
  await expect(page.getByRole('button', { name: `确定${label}` })).toBeHidden()
}

/** Runs an action that needs no input. */
export async function simpleAction(page: Page, label: string) {
  await startAction(page, label)
  await confirmAction(page, label)
}

export interface SimplePerson {
  role?: '申请人' | '被申请人' | '第三人'
  name: string
  idNumber?: string
  phone?: string
  address?: string
}

/** Fills the intake form's dispute part. */
export async function fillDispute(
  page: Page,
  d: {
    category: string
    title: string
    facts: string
    request?: string
    amount?: string
    people?: string
    flags?: string[]
  },
) {
  await chooseTyped(page, '纠纷类别', d.category)
  await page.getByLabel('纠纷名称').fill(d.title)
  await page.getByLabel('纠纷事实').fill(d.facts)
  if (d.request) await page.getByPlaceholder('如：要求支付拖欠工资').first().fill(d.request)
  if (d.amount) await page.getByLabel('涉及金额').fill(d.amount)
  if (d.people) await page.getByLabel('涉及人数').fill(d.people)
  for (const f of d.flags ?? []) await page.getByRole('checkbox', { name: f }).click()
}

/** Fills person party n (1-based) of the intake form. */
export async function fillPerson(page: Page, n: number, p: SimplePerson) {
  if (p.role) await choose(page, `第${n}位当事人身份`, p.role)
  await page.getByLabel(`第${n}位当事人姓名`).fill(p.name)
  if (p.idNumber) await page.getByLabel(`第${n}位当事人身份证号`).fill(p.idNumber)
  if (p.phone) await page.getByLabel(`第${n}位当事人电话`).fill(p.phone)
  if (p.address) await page.getByLabel(`第${n}位当事人住址`).fill(p.address)
}

/** Registers a simple two-person case from the intake screen and waits for its case page. */
export async function registerSimpleCase(
  page: Page,
  c: {
    title: string
    category: string
    applicant: SimplePerson
    respondent: SimplePerson
    receivedOn?: string
    facts?: string
  },
) {
  await page.goto('/#/cases/new')
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  if (c.receivedOn) await page.getByLabel('登记日期').fill(c.receivedOn)
  await fillPerson(page, 1, c.applicant)
  await fillPerson(page, 2, c.respondent)
  await fillDispute(page, {
    category: c.category,
    title: c.title,
    facts: c.facts ?? `${c.title}：双方因琐事发生争执。`,
  })
  await page.getByRole('button', { name: '保存登记' }).click()
  await expect(page.getByRole('heading', { name: c.title })).toBeVisible()
}

/**
 * A new user's way to a blank 调解记录: first-run setup, a simple case registered, accepted with 李淑珺
 * as mediator, mediation started, and a new record opened. Returns the record's text box.
 */
export async function openNewMediationRecord(
  page: Page,
  c: { title: string; category: string; applicant: SimplePerson; respondent: SimplePerson },
) {
  await completeSetup(page)
  await registerSimpleCase(page, c)
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['李淑珺'])
  await confirmAction(page, '受理')
  await simpleAction(page, '开始调解')
  await openTab(page, '调解记录')
  await page.getByRole('button', { name: '＋ 新建调解记录' }).click()
  return page.getByLabel('调解记录', { exact: true })
}
