// @vitest-environment happy-dom
/** The reason a deadline was extended stays visible on the case page, and the session editor does not ask for names twice. */
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import CaseHeader from '../../../../src/components/cases/CaseHeader.vue'
import SessionEditor from '../../../../src/components/cases/SessionEditor.vue'
import type { CaseRecord, SessionRecord } from '../../../../src/domain/types'
import { mountInApp, type Mounted } from '../mountInApp'

const record: CaseRecord = {
  id: 'case-1',
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
  committeeId: 'committee-1',
  roomId: 'room-1',
  status: 'mediating',
  source: '当事人申请',
  category: '邻里',
  title: '相邻通行纠纷',
  facts: '',
  requests: [],
  amountFen: 0,
  peopleCount: 2,
  flags: [],
  mediatorIds: [],
  receivedOn: '2026-06-01',
  dueOn: '2026-07-11',
  extension: { days: 10, reason: '当事人外出务工，下月初返乡', partiesConsent: true, at: '2026-06-10T00:00:00.000Z' },
  performance: [],
  partySummary: '王𠮷 与 赵堃',
}

const session: SessionRecord = {
  id: 'session-1',
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
  caseId: 'case-1',
  kind: 'mediation',
  startedAt: '2026-06-02T01:00:00.000Z',
  place: '调解室',
  mediatorIds: [],
  present: '',
  statements: [{ speaker: '张桂兰', text: '' }],
  factsChecked: '',
  riskWarning: '',
  outcome: '',
  notes: '',
}

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
})

describe('the case page', () => {
  it('shows why the deadline was extended', async () => {
    mounted = await mountInApp(() => h(CaseHeader, { record, today: '2026-06-15' }))
    const text = (mounted.wrapper.element as HTMLElement).textContent ?? ''
    expect(text).toContain('已延期10天')
    expect(text).toContain('当事人外出务工，下月初返乡')
  })
})

describe('the statement input of a session record', () => {
  it('does not invite typing the speaker’s name and 称 again', async () => {
    mounted = await mountInApp(() => h(SessionEditor, { session, readOnly: false }))
    const input = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="第1段陈述内容"]')
    expect(input).not.toBeNull()
    const placeholder = input?.getAttribute('placeholder') ?? ''
    expect(placeholder).not.toMatch(/称[：:]$/)
    expect(placeholder).not.toMatch(/^张桂兰/)
  })
})
