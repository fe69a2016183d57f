// @vitest-environment happy-dom
/**
 * The agreement editor's 当事人 lines show ID and phone numbers masked, as the case page does, and
 * 显示 writes a reveal to the log (which party, which field, never the number) before the number shows.
 * Masked forms are written out here.
 */
import 'fake-indexeddb/auto'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { h, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import AgreementEditor from '../../../../src/components/agreement/AgreementEditor.vue'
import { getDatabase } from '../../../../src/db/connection'
import { useAgreementStore } from '../../../../src/stores/agreement'
import type { AgreementDraftInput } from '../../../../src/stores/agreement'
import { person } from '../../db/caseFixtures'
import { registeredCase } from '../appData'
import { freshPinia, mountInApp, type Mounted } from '../mountInApp'

const ID = '11010519491231002X'
const PHONE = '13900001111'
const AGENT_PHONE = '13700002222'

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
})
afterAll(async () => (await getDatabase()).db.close())

async function openEditor() {
  const pinia = freshPinia()
  const record = await registeredCase({
    parties: [
      person('王𠮷', '申请人', {
        idNumber: ID,
        phone: PHONE,
        agents: [{ name: '王小明', kind: '委托代理人', phone: AGENT_PHONE }],
      }),
      person('赵堃', '被申请人'),
    ],
  })
  const agreement = useAgreementStore()
  await agreement.load(record.id)
  const model = ref<AgreementDraftInput>({ facts: '', disputes: '', clauses: [], performanceTerms: '', copies: 3 })
  mounted = await mountInApp(
    () =>
      h(AgreementEditor, {
        modelValue: model.value,
        'onUpdate:modelValue': (v: AgreementDraftInput) => (model.value = v),
        parties: agreement.parties,
        templates: [],
        disabled: false,
        flagged: [],
        caseId: record.id,
      }),
    { pinia },
  )
  const applicant = agreement.parties.find((p) => p.name === '王𠮷')
  if (!applicant) throw new Error('no applicant')
  return { caseId: record.id, applicantId: applicant.id }
}

/** The lines as read, without the 显示 buttons' words. */
const partiesText = () =>
  (document.querySelector('section[aria-label="当事人"]')?.textContent ?? '').replaceAll('显示', '')

async function reveals(caseId: string) {
  const { db } = await getDatabase()
  return (await db.audit.toArray())
    .filter((e) => e.caseId === caseId && e.action === 'reveal')
    .map((e) => ({ entity: e.entity, entityId: e.entityId, fields: e.fields }))
}

async function clickShow(label: string) {
  const button = document.querySelector<HTMLButtonElement>(`section[aria-label="当事人"] button[aria-label="${label}"]`)
  if (!button) throw new Error(`no button ${label}`)
  button.click()
  await flushPromises()
}

describe('当事人 in the agreement editor', () => {
  it('shows ID and phone numbers masked, the agent’s too', async () => {
    const { caseId } = await openEditor()
    const text = partiesText()
    for (const full of [ID, PHONE, AGENT_PHONE]) expect(text).not.toContain(full)
    expect(text).toContain('公民身份号码110105********002X')
    expect(text).toContain('电话139****1111')
    expect(text).toContain('委托代理人：王小明，电话137****2222。')
    expect(await reveals(caseId)).toEqual([])
  })

  it('显示 logs the reveal, then shows that number only', async () => {
    const { caseId, applicantId } = await openEditor()
    await clickShow('显示身份证号')
    await expect.poll(() => partiesText()).toContain(`公民身份号码${ID}`)
    expect(partiesText()).not.toContain(PHONE)
    expect(await reveals(caseId)).toEqual([{ entity: 'party', entityId: applicantId, fields: ['idNumber'] }])
    const { db } = await getDatabase()
    expect(JSON.stringify(await db.audit.toArray())).not.toContain(ID)
  })
})
