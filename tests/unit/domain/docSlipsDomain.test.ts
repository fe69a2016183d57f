/** The rules behind issue 15's document slips: file names of cases without a number, statements, the QR text. */
import { describe, expect, it } from 'vitest'
import { documentFileName } from '../../../src/domain/fileName'
import { statementWithoutSpeaker } from '../../../src/domain/statements'
import { decodeVerificationPayload, encodeVerificationPayload, verifyCodeOf } from '../../../src/domain/canonical'
import { readVerifyInput } from '../../../src/domain/verifyCode'
import { fileNameSchema } from '../../../src/shared/ipc/files'

describe('the file name of a document of a case that has no number yet', () => {
  const rejected = (id: string, receivedOn: string, applicantNames: string[]) => ({ id, receivedOn, applicantNames })

  it.each([
    [
      rejected('3f9a2c71-0000-4000-8000-000000000001', '2026-11-03', ['张桂兰']),
      '未受理案件-张某-20261103-3f9a2c-不予受理通知书.pdf',
    ],
    [
      rejected('a1b2c3d4-0000-4000-8000-000000000002', '2026-11-03', ['王𠮷', '李珺']),
      '未受理案件-王某等-20261103-a1b2c3-不予受理通知书.pdf',
    ],
    [
      rejected('0f0e0d0c-0000-4000-8000-000000000003', '2026-12-01', []),
      '未受理案件-20261201-0f0e0d-不予受理通知书.pdf',
    ],
  ])('%j → %j: no full name, a name every system accepts', (uncased, expected) => {
    const name = documentFileName(undefined, '不予受理通知书', uncased)
    expect(name).toBe(expected)
    expect(fileNameSchema.safeParse(name).success).toBe(true)
  })

  it('gives two rejected cases two names', () => {
    const a = documentFileName(undefined, '不予受理通知书', rejected('11111111-aaaa', '2026-11-03', ['张桂兰']))
    const b = documentFileName(undefined, '不予受理通知书', rejected('22222222-bbbb', '2026-11-03', ['张国强']))
    expect(a).not.toBe(b)
  })

  it('keeps the case number when there is one', () => {
    expect(
      documentFileName('（2026）城关镇调字第001号', '人民调解协议书', rejected('3f9a2c71', '2026-11-03', ['张桂兰'])),
    ).toBe('（2026）城关镇调字第001号-人民调解协议书.pdf')
  })
})

describe('a statement typed with its speaker’s name in front', () => {
  it.each([
    ['张桂兰', '张桂兰称：我家的排水沟被堵了。', '我家的排水沟被堵了。'],
    ['张桂兰', '张桂兰：我家的排水沟被堵了。', '我家的排水沟被堵了。'],
    ['张桂兰', '张桂兰称:我家的排水沟被堵了。', '我家的排水沟被堵了。'],
    ['张桂兰', '  张桂兰称， 我家的排水沟被堵了。', '我家的排水沟被堵了。'],
    ['张桂兰', '张桂兰说：我家的排水沟被堵了。', '我家的排水沟被堵了。'],
    ['张桂兰', '张桂兰认为排水沟是公用的。', '张桂兰认为排水沟是公用的。'],
    ['张桂兰', '我家的排水沟被堵了。', '我家的排水沟被堵了。'],
    ['张桂兰', '陈国强称：他没有堵。', '陈国强称：他没有堵。'],
    ['', '张桂兰称：我家的排水沟被堵了。', '张桂兰称：我家的排水沟被堵了。'],
    ['张桂兰', '张桂兰称：', ''],
  ])('speaker %j, typed %j → %j', (speaker, text, expected) => {
    expect(statementWithoutSpeaker(speaker, text)).toBe(expected)
  })
})

describe('what the QR code of an agreement holds', () => {
  const payload = {
    v: 1 as const,
    caseNo: '（2026）城关镇调字第001号',
    sha256: 'ab'.repeat(32),
    sig: 'c2lnbmF0dXJlK/8=',
    keyId: '0123456789abcdef',
  }

  it('is text a phone shows as it is: what it is, the number, the code and how to verify', () => {
    const text = encodeVerificationPayload(payload)
    const lines = text.split('\n')
    expect(lines[0]).toBe('人民调解协议书核验')
    expect(lines[1]).toBe('编号：（2026）城关镇调字第001号')
    expect(lines[2]).toBe(`核验码：${verifyCodeOf(payload.sha256)}`)
    expect(lines[3]).toMatch(/^核验方法：.*调解室软件.*「核验」页/)
    expect(text.startsWith('{')).toBe(false)
  })

  it('reads back to the same payload and the same code', () => {
    const text = encodeVerificationPayload(payload)
    expect(decodeVerificationPayload(text)).toEqual(payload)
    const read = readVerifyInput(text)
    expect(read).toEqual({ ok: true, code: verifyCodeOf(payload.sha256), payload })
    // pasted with Windows line ends and spaces around
    expect(readVerifyInput(`  ${text.replace(/\n/g, '\r\n')}  `)).toEqual(read)
  })

  it('still reads the JSON that agreements printed before, as it stands on paper', () => {
    // written out by hand: sorted keys, as the old QR codes hold it
    const old = `{"caseNo":"（2026）城关镇调字第001号","keyId":"0123456789abcdef","sha256":"${'ab'.repeat(32)}","sig":"c2lnbmF0dXJlK/8=","v":1}`
    expect(decodeVerificationPayload(old)).toEqual(payload)
    expect(readVerifyInput(old)).toEqual({ ok: true, code: verifyCodeOf(payload.sha256), payload })
  })

  it('refuses a text whose code does not match its data, or whose data is damaged', () => {
    const text = encodeVerificationPayload(payload)
    const otherCode = text.replace(/核验码：\S+/, '核验码：ZZZZZ-ZZZZZ')
    expect(decodeVerificationPayload(otherCode)).toBeUndefined()
    expect(readVerifyInput(otherCode).ok).toBe(false)
    const damaged = text.replace('ab'.repeat(32), 'ab'.repeat(31))
    expect(decodeVerificationPayload(damaged)).toBeUndefined()
    expect(readVerifyInput(damaged).ok).toBe(false)
  })

  it('accepts the code alone from a scan whose data line was cut off', () => {
    const text = encodeVerificationPayload(payload).split('\n').slice(0, 4).join('\n')
    expect(readVerifyInput(text)).toEqual({ ok: true, code: verifyCodeOf(payload.sha256) })
  })
})
