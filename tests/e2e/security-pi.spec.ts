import { expect, test, type Page } from '@playwright/test'
import { findUnmaskedPersonalNumbers } from '../../src/domain/masking'
import { registerSimpleCase } from './helpers/cases'
import { idNumber } from './helpers/people'
import { completeSetup } from './helpers/setup'

/** Real-format numbers for two cases; none of them may show in full on the list, search or case page. */
const PEOPLE = [
  { name: '周建华', idNumber: idNumber('110105', '19780512', '031'), phone: '13911112222' },
  { name: '吴丽萍', idNumber: idNumber('310104', '19860923', '042'), phone: '15822223333' },
  { name: '郑国强', idNumber: idNumber('440305', '19690101', '053'), phone: '18633334444' },
  { name: '孙美玲', idNumber: idNumber('510107', '19920714', '064'), phone: '17744445555' },
]
const NUMBERS = PEOPLE.flatMap((p) => [p.idNumber, p.phone])

/** What a person sees: the page's rendered text, scanned for the generated numbers and for the general pattern. */
async function expectNoPersonalNumbers(page: Page, where: string) {
  const text = await page.locator('body').innerText()
  expect(
    NUMBERS.filter((n) => text.includes(n)),
    `${where}: a generated number is shown in full`,
  ).toEqual([])
  expect(findUnmaskedPersonalNumbers(text), `${where}: text matches the ID/mobile pattern`).toEqual([])
}

test('the case list, search results and case page show ID and phone numbers masked', async ({ page }) => {
  await completeSetup(page)
  const titles = ['邻里漏水纠纷', '借款纠纷']
  for (const [i, title] of titles.entries()) {
    const [applicant, respondent] = [PEOPLE[2 * i], PEOPLE[2 * i + 1]]
    if (!applicant || !respondent) throw new Error('fixture')
    await registerSimpleCase(page, { title, category: '邻里', applicant, respondent })
    await expectNoPersonalNumbers(page, `case page of ${title}`)
  }

  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  const table = page.getByLabel('案件列表')
  for (const title of titles) await expect(table.getByText(title, { exact: true })).toBeVisible()
  await expectNoPersonalNumbers(page, 'case list')

  // Search by a phone's last four digits and by a full ID number: found, and still masked.
  await page.getByLabel('搜索案件').fill(PEOPLE[1]?.phone.slice(-4) ?? '')
  await expect(page.getByText('共 1 件')).toBeVisible()
  await expectNoPersonalNumbers(page, 'search by phone suffix')
  await page.getByLabel('搜索案件').fill(PEOPLE[2]?.idNumber ?? '')
  await expect(table.getByText(titles[1] ?? '', { exact: true })).toBeVisible()
  // The search box itself holds what the user typed; the scan covers the rest of the page.
  await page.getByLabel('搜索案件').fill('')
  await expectNoPersonalNumbers(page, 'case list after searching')
})
