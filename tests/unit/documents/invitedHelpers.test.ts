/** 调解记录 prints the session's 邀请参加人员 from the roster, and nothing when none were invited. */
import { describe, expect, it } from 'vitest'
import type { Collaborator } from '../../../src/domain/types'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'
import { extractText } from './pdf-tools'
import { render } from './render-fixture'

const at = '2026-12-01T00:00:00.000Z'
const helper = (id: string, name: string, role: Collaborator['role'], where: string): Collaborator => ({
  id,
  name,
  role,
  where,
  phone: '13600001111',
  active: true,
  createdAt: at,
  updatedAt: at,
})

describe('调解记录 with invited helpers', () => {
  it('prints each invited person with role and place; a person not on the roster is left out', async () => {
    const bundle = wageArrearsBundle()
    const session = bundle.sessions.find((s) => s.kind === 'mediation')
    if (!session) throw new Error('fixture has no mediation session')
    const lm = helper('11111111-1111-4111-8111-111111111111', '赵明理', '法律明白人', '云溪村')
    const xl = helper('22222222-2222-4222-8222-222222222222', '钱安心', '心理咨询师', '区心理服务站')
    session.invitedIds = [lm.id, xl.id, '33333333-3333-4333-8333-333333333333']
    bundle.collaborators = [lm, xl]
    const text = extractText(await render('mediation', bundle, { sessionId: session.id }))
    expect(text).toContain('邀请参加人员赵明理（法律明白人，云溪村）、钱安心（心理咨询师，区心理服务站）')
    expect(text).not.toContain('13600001111')
  }, 60_000)

  it('has no 邀请参加人员 row when nobody was invited', async () => {
    const bundle = wageArrearsBundle()
    const text = extractText(await render('mediation', bundle))
    expect(text).not.toContain('邀请参加人员')
  }, 60_000)
})
