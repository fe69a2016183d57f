// @vitest-environment happy-dom
/**
 * A clause's 履行期限 on a PC set to any time zone: the field shows the stored date, a date typed into it
 * is stored as typed, and the sentence the agreement prints has the same date. The dates are written out
 * here; the zones are TIME_ZONES (China, Urumqi, UTC, either side of the date line, …).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { h, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import ClauseEditor from '../../../../src/components/agreement/ClauseEditor.vue'
import type { Clause, Party } from '../../../../src/domain/types'
import { mountInApp, type Mounted } from '../mountInApp'
import { inTimeZone, TIME_ZONES } from '../../setup/timeZones'

const STAMP = '2026-06-01T00:00:00.000Z'

function party(id: string, role: Party['role'], name: string, order: number): Party {
  return { id, createdAt: STAMP, updatedAt: STAMP, caseId: 'case-1', role, kind: 'person', name, order, agents: [] }
}
const PARTIES = [party('p1', '申请人', '王𠮷', 0), party('p2', '被申请人', '赵堃', 1)]

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
})

async function editClause(clause: Clause) {
  const model = ref(clause)
  mounted = await mountInApp(() =>
    h(ClauseEditor, {
      index: 0,
      parties: PARTIES,
      disabled: false,
      flagged: false,
      clause: model.value,
      'onUpdate:clause': (c: Clause) => (model.value = c),
    }),
  )
  return model
}

function dateInput(label: string): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>(`[data-label="${label}"] input`)
  if (!input) throw new Error(`no date field ${label}`)
  return input
}

/** Types a date and presses Enter, as a mediator does. */
async function typeDate(label: string, date: string) {
  const input = dateInput(label)
  input.focus()
  input.dispatchEvent(new FocusEvent('focus'))
  await flushPromises()
  input.value = date
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await flushPromises()
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }))
  input.blur()
  input.dispatchEvent(new FocusEvent('blur'))
  await flushPromises()
}

const printed = () => document.querySelector('.reads')?.textContent ?? ''

describe.each(TIME_ZONES)('履行期限 on a PC set to %s', (zone) => {
  it('shows the stored date and prints it', async () => {
    await inTimeZone(zone, async () => {
      await editClause({
        id: 'c1',
        kind: 'action',
        obligorIds: ['p2'],
        obligeeIds: ['p1'],
        action: '拆除院墙',
        dueOn: '2027-01-10',
      })
      expect(dateInput('第一条履行期限').value).toBe('2027-01-10')
      expect(printed()).toContain('赵堃于2027年1月10日前拆除院墙')
    })
  })

  it('stores a typed date as typed; the field and the clause say the same day', async () => {
    await inTimeZone(zone, async () => {
      const model = await editClause({
        id: 'c1',
        kind: 'action',
        obligorIds: ['p2'],
        obligeeIds: ['p1'],
        action: '拆除院墙',
      })
      await typeDate('第一条履行期限', '2027-01-10')
      expect(model.value.dueOn).toBe('2027-01-10')
      expect(dateInput('第一条履行期限').value).toBe('2027-01-10')
      expect(printed()).toContain('赵堃于2027年1月10日前拆除院墙')
    })
  })

  it('an instalment date typed is the one printed', async () => {
    await inTimeZone(zone, async () => {
      const model = await editClause({
        id: 'c1',
        kind: 'payment',
        obligorIds: ['p2'],
        obligeeIds: ['p1'],
        action: '支付劳务报酬',
        amountFen: 200_000,
        method: '分期',
        installments: [
          { dueOn: '2026-12-31', amountFen: 100_000 },
          { dueOn: '', amountFen: 100_000 },
        ],
      })
      expect(dateInput('第一条第1期日期').value).toBe('2026-12-31')
      await typeDate('第一条第2期日期', '2027-01-31')
      expect(model.value.installments?.[1]?.dueOn).toBe('2027-01-31')
      expect(dateInput('第一条第2期日期').value).toBe('2027-01-31')
      expect(printed()).toContain('第1期于2026年12月31日前支付')
      expect(printed()).toContain('第2期于2027年1月31日前支付')
    })
  })
})
