/**
 * Slips a mediator found on paper (issue 15, "Documents without slips"): each document rendered for real
 * and read back, against sentences written out here by hand.
 */
import { describe, expect, it } from 'vitest'
import type { CaseBundle, Party } from '../../../src/domain/types'
import { readVerifyInput } from '../../../src/domain/verifyCode'
import { verifyAgreementRecord } from '../../../src/documents/verify'
import { decodeQr, extractText, pageCount } from './pdf-tools'
import { pageTexts } from './pdf-pages'
import { finalisedBundle, newSigner, render } from './render-fixture'

const COMPANY = '岳阳云溪恒泰化工有限公司'

function party(b: CaseBundle, name: string): Party {
  const p = b.parties.find((x) => x.name === name)
  if (!p) throw new Error(`fixture has no party ${name}`)
  return p
}

describe('司法确认申请书', () => {
  it('prints each clause as the agreement words it: who, by when, what', async () => {
    const b = await finalisedBundle()
    const text = extractText(await render('judicial-confirmation', b))
    // the agreement's clauses, written out by hand from the fixture
    expect(text).toContain(`二、${COMPANY}于2026年12月10日前向每位申请人出具2026年6月至9月的工资结算清单`)
    expect(text).toContain(
      `一、${COMPANY}分2期向王𠮷、张堃、李珺、陈喆、刘赟、赵䶮、孙建国、周秀英、吴志强、郑海燕、冯德明、何丽娟支付拖欠的2026年6月至9月工资，共计`,
    )
    expect(text).toContain('第1期于2026年12月15日前支付')
    expect(text).not.toMatch(/\d\.支付拖欠/)
  })

  it('names every signer 申请人: the parties apply together', async () => {
    const b = await finalisedBundle()
    const text = extractText(await render('judicial-confirmation', b))
    expect(text).toContain(`申请人：${COMPANY}（盖章）`)
    expect(text).not.toContain('被申请人：')
  })
})

describe('不予受理通知书', () => {
  it('does not double the punctuation the reason was typed with, and ends the routes with a full stop', async () => {
    const b = await finalisedBundle()
    b.case.caseNo = undefined
    b.case.rejection = {
      reason: '该纠纷属于劳动人事争议仲裁委员会的受理范围。',
      routes: '可以向岳阳市云溪区劳动人事争议仲裁委员会申请仲裁',
      at: '2026-11-03',
    }
    const text = extractText(await render('rejection', b))
    expect(text).toContain('经审查，该纠纷属于劳动人事争议仲裁委员会的受理范围，本委员会决定不予受理。')
    expect(text).toContain('可以向岳阳市云溪区劳动人事争议仲裁委员会申请仲裁。')
    expect(text).not.toMatch(/[。；，！？][，。]/)
  })
})

describe('人民调解受理登记表', () => {
  it('lists a 第三人 on a row of its own, not under 被申请人', async () => {
    const b = await finalisedBundle()
    const worker = party(b, '何丽娟')
    b.parties = b.parties.map((p) => (p.id === worker.id ? { ...p, role: '第三人' } : p))
    const text = extractText(await render('registration', b))
    expect(text).toContain(`被申请人${COMPANY}`)
    expect(text).toContain('第三人何丽娟')
    expect(text).not.toContain(`${COMPANY}、何丽娟`)
    expect(text).not.toContain(`与${COMPANY}、何丽娟之间`)
  })
})

describe('人民调解卷宗', () => {
  it('lists attachments in the contents by their kind and title, not by raw file names', async () => {
    const b = await finalisedBundle()
    const scan = b.attachments[0]
    if (!scan) throw new Error('fixture has no attachment')
    b.attachments.push({ ...scan, id: 'evidence-1', kind: 'evidence', name: 'evidence-photo.png' })
    const pages = await pageTexts(await render('casefile', b))
    const contents = pages[1] ?? ''
    expect(contents).toContain('卷内目录')
    expect(contents).toContain('证据（1）：evidence-photo')
    expect(contents).toContain('签字扫描件（1）：签字页扫描件1')
    expect(contents).toContain('签字扫描件（2）：签字页扫描件2')
    expect(contents).not.toMatch(/\.png/)
  }, 60_000)
})

describe('调解记录', () => {
  it('does not print the speaker twice when the statement was typed with the name', async () => {
    const b = await finalisedBundle()
    const s = b.sessions.find((x) => x.kind === 'mediation')
    if (!s) throw new Error('fixture has no mediation session')
    s.statements = [
      { speaker: '孙建国', text: '孙建国称：大家要求公司在年底前一次性付清全部工资。' },
      { speaker: '罗振华', text: '罗振华: 公司年底前可先支付20万元。' },
      { speaker: '王𠮷', text: '王𠮷说明了加班情况。' },
    ]
    b.sessions = [s]
    const text = extractText(await render('mediation', b))
    expect(text).toContain('孙建国：大家要求公司在年底前一次性付清全部工资。')
    expect(text).toContain('罗振华：公司年底前可先支付20万元。')
    expect(text).toContain('王𠮷：王𠮷说明了加班情况。')
    expect(text).not.toContain('孙建国称')
  })
})

describe('人民调解结案报告', () => {
  it('shows the extension: how many days, when, and why', async () => {
    const b = await finalisedBundle()
    b.case.closedAt = '2027-01-25T02:00:00.000Z'
    b.case.extension = {
      days: 30,
      reason: '第二期款项需待春节前支付，双方同意延长调解期限',
      partiesConsent: true,
      at: '2026-12-01T02:00:00.000Z',
    }
    const text = extractText(await render('closing-report', b))
    expect(text).toContain('延长期限')
    expect(text).toContain('2026年12月1日经双方当事人同意延长30日：第二期款项需待春节前支付，双方同意延长调解期限')
  })

  it('says nothing of an extension when there was none', async () => {
    const b = await finalisedBundle()
    const text = extractText(await render('closing-report', b))
    expect(text).not.toContain('延长期限')
  })
})

describe('人民调解协议书 verification, in plain words', () => {
  it('prints the 核验码 and how to check it, without hash or key jargon', async () => {
    const b = await finalisedBundle()
    const text = extractText(await render('agreement', b))
    expect(text).not.toMatch(/SHA-256|摘要|密钥/)
    expect(text).toContain(`核验码：${b.agreements[0]?.verifyCode}`)
    expect(text).toContain('核验方法：')
    expect(text).toContain('在册且未被改动')
  })

  it('puts readable text in the QR code that says what it is and how to verify, and the app verifies it', async () => {
    const signer = newSigner()
    const b = await finalisedBundle(signer)
    const agreement = b.agreements[0]
    if (!agreement) throw new Error('fixture has no agreement')
    const pdf = await render('agreement', b)
    const qrText = decodeQr(pdf, pageCount(pdf)) ?? ''
    const lines = qrText.split('\n')
    expect(lines[0]).toBe('人民调解协议书核验')
    expect(lines).toContain(`编号：${b.case.caseNo}`)
    expect(lines).toContain(`核验码：${agreement.verifyCode}`)
    expect(qrText).toMatch(/核验方法：.*「核验」/)
    for (const p of b.parties) expect(qrText).not.toContain(p.name)
    const read = readVerifyInput(qrText)
    if (!read.ok) throw new Error(read.outcome.message)
    expect(read.code).toBe(agreement.verifyCode)
    expect(read.payload).toEqual({
      v: 1,
      caseNo: b.case.caseNo,
      sha256: agreement.contentHash,
      sig: agreement.signature,
      keyId: agreement.keyId,
    })
    const ctx = { caseNo: b.case.caseNo ?? '', committeeName: b.committee.fullName }
    const result = await verifyAgreementRecord({
      agreement,
      parties: b.parties,
      ctx,
      payload: read.payload,
      verifier: signer,
    })
    expect(result.valid).toBe(true)
  })
})
