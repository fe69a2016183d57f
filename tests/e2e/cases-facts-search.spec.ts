import { expect, test } from '@playwright/test'
import { completeSetup, shot } from './helpers/setup'
import { seedCases } from './helpers/seed'
import { fillDispute, fillPerson } from './helpers/cases'
import { todayInChina } from '../../src/domain/dates'

const FACTS = '申请人家中化粪池渗漏，污水流入被申请人院内，双方多次协商未果。'

test('a mediator finds a case by a phrase of its facts, asked for under the search results, and opens it', async ({
  page,
}) => {
  await completeSetup(page)
  await seedCases(page, 400, todayInChina())

  // one case whose facts alone mention 化粪池: not its title, not its parties
  await page.goto('/#/cases/new')
  await expect(page.getByRole('heading', { name: '登记新案件' })).toBeVisible()
  await fillPerson(page, 1, { name: '周桂兰' })
  await fillPerson(page, 2, { name: '吴志强' })
  await fillDispute(page, { category: '邻里', title: '相邻排水纠纷', facts: FACTS })
  await page.getByRole('button', { name: '保存登记' }).click()
  await expect(page.getByRole('heading', { name: '相邻排水纠纷' })).toBeVisible()

  await page.getByRole('navigation', { name: '主导航' }).getByText('案件', { exact: true }).click()
  await expect(page.getByText('共 401 件')).toBeVisible()

  // the search box finds no case by number, name or title
  await page.getByLabel('搜索案件').fill('化粪池')
  await expect(page.getByLabel('案件列表').getByText('没有找到与“化粪池”相符的案件')).toBeVisible()
  const factsButton = page.getByRole('button', { name: '在案情中查找“化粪池”' })
  await expect(factsButton).toBeVisible()
  await shot(page, 'case-list-facts-offered', 900)

  // asked for, the facts are searched and the case is listed apart
  await factsButton.click()
  await expect(page.getByRole('heading', { name: '案情中提到“化粪池”的案件（1 件）' })).toBeVisible()
  const found = page.getByLabel('案情中提到“化粪池”的案件', { exact: true })
  await expect(found.getByText('相邻排水纠纷', { exact: true })).toBeVisible()
  await expect(found.getByText('周桂兰 与 吴志强')).toBeVisible()
  await shot(page, 'case-list-facts-found', 900)

  // a new search drops the old answer and offers the button again
  await page.getByLabel('搜索案件').fill('化粪池塌陷')
  await expect(page.getByRole('heading', { name: /案情中提到/ })).toBeHidden()
  await page.getByRole('button', { name: '在案情中查找“化粪池塌陷”' }).click()
  await expect(page.getByText('案情中也没有找到“化粪池塌陷”')).toBeVisible()
  await shot(page, 'case-list-facts-nothing', 900)

  // no button for what is not a Chinese phrase (a name's pinyin initials, one character)
  await page.getByLabel('搜索案件').fill('zgl')
  await expect(page.getByLabel('案件列表').getByText('相邻排水纠纷', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: /在案情中查找/ })).toBeHidden()

  // back to the phrase, the found row opens the case
  await page.getByLabel('搜索案件').fill('污水流入')
  await page.getByRole('button', { name: '在案情中查找“污水流入”' }).click()
  await page
    .getByLabel('案情中提到“污水流入”的案件', { exact: true })
    .getByText('相邻排水纠纷', { exact: true })
    .click()
  await expect(page.getByRole('heading', { name: '相邻排水纠纷' })).toBeVisible()
  await expect(page.getByLabel('纠纷事实')).toHaveValue(FACTS)
})
