/** The audit log names the fields a change touched in the forms' words, not as code keys. */
import { describe, expect, it } from 'vitest'
import { auditFieldLabel } from '../../../src/domain/auditFields'

describe('audit field labels', () => {
  it.each([
    ['case', 'acceptedOn', '受理日期'],
    ['case', 'dueOn', '办结期限'],
    ['case', 'mediatorIds', '调解员'],
    ['case', 'facts', '纠纷事实'],
    ['referral', 'dueOn', '办理期限'],
    ['party', 'idNumber', '身份证号'],
    ['party', 'phone', '电话'],
    ['session', 'mediatorIds', '主持调解员'],
    ['agreement', 'clauses', '协议条款'],
    ['mediator', 'name', '姓名'],
    ['case', 'somethingNew', 'somethingNew'],
  ])('%s.%s → %s', (entity, field, label) => {
    expect(auditFieldLabel(entity, field)).toBe(label)
  })
})
