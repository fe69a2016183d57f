import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { eventFrom } from './ipcFixtures'
import { tempFolders } from './userDataHost'

vi.mock('electron', () => ({}))

const { createInvokeListener } = await import('../../../electron/main/ipc')
const { createSigningHandlers } = await import('../../../electron/main/handlers/signing')
const { createNodeSigner } = await import('../../../electron/main/signing')
const { LEDGER_FILE } = await import('../../../electron/main/signingLedger')
const { agreementContent } = await import('../signing/agreementContent')

const APP = 'app://mediation-room'
const fromTheApp = eventFrom(`${APP}/index.html#/cases`)

const tempFolder = tempFolders()
let userData: string
beforeEach(async () => {
  userData = await tempFolder('signing-ipc')
})

/** The real signing:* handlers over a node signer in `userData`, each behind the real IPC wrapper. */
function signingOverIpc() {
  const log = vi.fn()
  const handlers = createSigningHandlers(createNodeSigner(userData))
  const options = { trustedOrigins: [APP], log }
  return {
    sign: createInvokeListener('signing:sign', handlers['signing:sign'], options),
    highestVersion: createInvokeListener('signing:highest-version', handlers['signing:highest-version'], options),
  }
}

describe('a signer refusal crossing IPC', () => {
  it('carries its code beside its message, as plain data that survives the structured clone', async () => {
    const ipc = signingOverIpc()
    expect(await ipc.sign(fromTheApp, { content: agreementContent() })).toMatchObject({ ok: true })
    const answer = await ipc.sign(fromTheApp, { content: agreementContent({ facts: '改过的事实' }) })
    // written out: what the page receives for a version the ledger holds with other content
    const expected = {
      ok: false,
      error: {
        code: 'failed',
        message: '该协议此版本已签发，不能再次签发不同内容',
        refusal: 'version-holds-other-content',
      },
    }
    expect(answer).toEqual(expected)
    expect(structuredClone(answer)).toEqual(expected)
  })

  it('names a damaged ledger as such, for the highest version too', async () => {
    const ipc = signingOverIpc()
    await writeFile(join(userData, LEDGER_FILE), 'not a ledger line\n')
    expect(await ipc.highestVersion(fromTheApp, { caseNo: '（2026）朝调字第1号' })).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: '签发登记簿已损坏或被改动，暂停签发。请联系技术支持检查本机数据。',
        refusal: 'ledger-damaged',
      },
    })
    expect(await ipc.sign(fromTheApp, { content: agreementContent() })).toMatchObject({
      ok: false,
      error: { refusal: 'ledger-damaged' },
    })
  })

  it('content that is not a finalised agreement is refused with its own code', async () => {
    const ipc = signingOverIpc()
    // its case number passes the request's check; the signer reads the rest
    const content = { schema: 'mediation-room/agreement@1', caseNo: '（2026）朝调字第1号' }
    expect(await ipc.sign(fromTheApp, { content })).toMatchObject({
      ok: false,
      error: { code: 'failed', refusal: 'content-not-signable' },
    })
  })
})

/** A request with no case number at all. */
const MISSING = Symbol('no case number')

/** Each signing verb that names a case number: its request around one, and the signer method it must not reach. */
const verbsNamingACaseNo = {
  'signing:highest-version': {
    request: (caseNo: unknown) => (caseNo === MISSING ? {} : { caseNo }),
    method: 'highestSignedVersion',
  },
  'signing:verify': {
    request: (caseNo: unknown) => {
      const { caseNo: _, ...rest } = {
        caseNo: '',
        version: 1,
        hashHex: 'a'.repeat(64),
        signature: `${'A'.repeat(86)}==`,
        keyId: '0123456789abcdef',
      }
      return caseNo === MISSING ? rest : { caseNo, ...rest }
    },
    method: 'verify',
  },
  'signing:sign': {
    request: (caseNo: unknown) => {
      const { caseNo: _, ...rest } = agreementContent()
      return { content: caseNo === MISSING ? rest : { ...rest, caseNo } }
    },
    method: 'sign',
  },
} as const

// written out: what the page is told for each bad case number, behind 请求内容无效：
const badCaseNumbers: [label: string, caseNo: unknown, message: string][] = [
  ['a 1 MB case number', '号'.repeat(1_000_000), '案号过长（最多 80 个字符）'],
  ['81 characters', 'x'.repeat(81), '案号过长（最多 80 个字符）'],
  ['a number', 1, '案号必须是文字'],
  ['an object', { toString: '（2026）朝调字第1号' }, '案号必须是文字'],
  ['null', null, '案号必须是文字'],
  ['an array', ['（2026）朝调字第1号'], '案号必须是文字'],
  ['no case number', MISSING, '缺少案号'],
  ['an empty string', '', '案号不能为空'],
  ['blanks only', ' \u3000 ', '案号不能为空'],
  ['a NUL (the ledger joins case number and version with one)', '（2026）朝调字第1号\u0000', '案号不能含控制字符'],
  ['a line feed', '（2026）朝调字第1号\n2', '案号不能含控制字符'],
  ['an escape sequence', '\u001b[2J（2026）朝调字第1号', '案号不能含控制字符'],
  ['DEL', '（2026）朝调字第1号\u007f', '案号不能含控制字符'],
  ['a C1 control (NEL)', '（2026）朝调字\u0085第1号', '案号不能含控制字符'],
  ['a zero-width space U+200B', '（2026）朝调字第1\u200B2号', '案号不能含不可见字符'],
  ['a left-to-right mark U+200E', '\u200E（2026）朝调字第1号', '案号不能含不可见字符'],
  ['a right-to-left mark U+200F', '（2026）朝调字第1号\u200F', '案号不能含不可见字符'],
  ['an LRE U+202A', '（2026）\u202A朝调字第1号', '案号不能含不可见字符'],
  ['an RLO U+202E (reverses what follows)', '（2026）朝调字第\u202E21号', '案号不能含不可见字符'],
  ['an LRI U+2066', '（2026）朝调字第\u20661号', '案号不能含不可见字符'],
  ['a PDI U+2069', '（2026）朝调字第1号\u2069', '案号不能含不可见字符'],
  ['a BOM U+FEFF before it', '\uFEFF（2026）朝调字第1号', '案号不能含不可见字符'],
  ['a soft hyphen U+00AD', '（2026）朝调字第1\u00AD号', '案号不能含不可见字符'],
  ['a word joiner U+2060', '（2026）朝调字\u2060第1号', '案号不能含不可见字符'],
]

describe.each(Object.entries(verbsNamingACaseNo))(
  '%s refuses a bad case number before the signer is asked',
  (channel, verb) => {
    it.each(badCaseNumbers)(
      '%s: refused in Chinese, the signer not asked, the ledger unchanged',
      async (_label, caseNo, message) => {
        const signer = createNodeSigner(userData)
        await signer.sign(agreementContent())
        const ledgerBefore = await readFile(join(userData, LEDGER_FILE))
        const asked = vi.spyOn(signer, verb.method)
        const name = channel as keyof typeof verbsNamingACaseNo
        const listener = createInvokeListener(name, createSigningHandlers(signer)[name], {
          trustedOrigins: [APP],
          log: vi.fn(),
        })
        expect(await listener(fromTheApp, verb.request(caseNo))).toEqual({
          ok: false,
          error: { code: 'invalid-request', message: `请求内容无效：${message}` },
        })
        expect(asked).not.toHaveBeenCalled()
        expect(await readFile(join(userData, LEDGER_FILE))).toEqual(ledgerBefore)
      },
    )
  },
)

describe('a case number the requests accept', () => {
  it('a well-formed case number is still answered, as the ledger holds it', async () => {
    const signer = createNodeSigner(userData)
    await signer.sign(agreementContent())
    const listener = createInvokeListener(
      'signing:highest-version',
      createSigningHandlers(signer)['signing:highest-version'],
      { trustedOrigins: [APP], log: vi.fn() },
    )
    const caseNo = String(agreementContent().caseNo)
    expect(await listener(fromTheApp, { caseNo })).toEqual({ ok: true, value: { version: 1 } })
    expect(await listener(fromTheApp, { caseNo: 'x'.repeat(80) })).toEqual({ ok: true, value: { version: 0 } })
  })

  it('signs and vouches for an 80-character case number', async () => {
    const ipc = signingOverIpc()
    const handlers = createSigningHandlers(createNodeSigner(userData))
    const verify = createInvokeListener('signing:verify', handlers['signing:verify'], {
      trustedOrigins: [APP],
      log: vi.fn(),
    })
    const caseNo = 'x'.repeat(80)
    const signed = await ipc.sign(fromTheApp, { content: agreementContent({ caseNo }) })
    if (!signed.ok) throw new Error(signed.error.message)
    const { signature, keyId, contentHash: hashHex } = signed.value
    expect(await verify(fromTheApp, { caseNo, version: 1, hashHex, signature, keyId })).toEqual({
      ok: true,
      value: { valid: true },
    })
  })
})
