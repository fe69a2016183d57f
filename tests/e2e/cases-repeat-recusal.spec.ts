import { expect, test, type Page } from '@playwright/test'
import { chooseMany, completeSetup, shot } from './helpers/setup'
import { openTab, registerSimpleCase, startAction, fillPerson } from './helpers/cases'
import { idNumber } from './helpers/people'

/** Audit entries of one action, read straight from IndexedDB. */
async function auditActions(page: Page, action: string): Promise<{ fields: string[] }[]> {
  return page.evaluate(
    (wanted) =>
      new Promise<{ fields: string[] }[]>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const all = req.result.transaction('audit', 'readonly').objectStore('audit').getAll()
          all.onsuccess = () =>
            resolve((all.result as { action: string; fields: string[] }[]).filter((e) => e.action === wanted))
          all.onerror = () => reject(all.error)
        }
        req.onerror = () => reject(req.error)
      }),
    action,
  )
}

test('a returning party is flagged at intake, a related mediator at acceptance, and each reveal of a number is logged', async ({
  page,
}) => {
  const id = idNumber('420106', '19720815', '241')
  await completeSetup(page)
  await registerSimpleCase(page, {
    title: '赵建国与孔繁华宅基地纠纷',
    category: '房屋宅基地',
    applicant: { name: '赵建国', idNumber: id, phone: '13800138000', address: '城关镇东街12号' },
    respondent: { name: '孔繁华', phone: '13900139000' },
  })

  // the parties tab shows masked numbers; 显示 logs before it reveals
  await openTab(page, '当事人')
  await expect(page.getByText(`${id.slice(0, 6)}********${id.slice(-4)}`)).toBeVisible()
  await expect(page.getByText('138****8000')).toBeVisible()
  await expect(page.getByText(id)).toHaveCount(0)
  expect(await auditActions(page, 'reveal')).toHaveLength(0)
  await page.getByRole('button', { name: '显示身份证号' }).click()
  await expect(page.getByText(id)).toBeVisible()
  const reveals = await auditActions(page, 'reveal')
  expect(reveals.map((r) => r.fields)).toEqual([['idNumber']])
  await shot(page, 'parties')

  // mediator 赵建国 shares the applicant's name: flagged for recusal (回避), not blocked
  await startAction(page, '受理')
  await chooseMany(page, '指派调解员', ['赵建国'])
  await expect(page.getByText('调解员赵建国与当事人赵建国姓名相同，请确认是否需要回避')).toBeVisible()
  await page.getByRole('button', { name: '取消' }).click()

  // a new intake with the same ID number warns and links to the earlier case
  await page.goto('/#/cases/new')
  await fillPerson(page, 1, { name: '赵建国', idNumber: id })
  const warning = page.locator('.repeat-warning')
  await expect(warning).toBeVisible()
  await expect(warning.getByText('赵建国（身份证号相同）')).toBeVisible()
  await expect(warning.getByRole('link', { name: /赵建国与孔繁华宅基地纠纷/ })).toBeVisible()
  // by name and phone too
  await fillPerson(page, 2, { name: '孔繁华', phone: '139 0013 9000' })
  await expect(warning.getByText('孔繁华（姓名和电话相同）')).toBeVisible()
  await shot(page, 'intake-repeat')
})
