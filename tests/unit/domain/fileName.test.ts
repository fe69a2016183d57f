import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { documentFileName, isSafeFileName, safeFileName } from '../../../src/domain/fileName'
import { fileNameSchema } from '../../../src/shared/ipc/files'

// An independent statement of the rule, written from the Windows and POSIX documentation.
const RESERVED_STEM = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i
const FORBIDDEN = /[<>:"/\\|?*]/
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
const INVISIBLE_OR_BIDI =
  // eslint-disable-next-line no-misleading-character-class -- the class lists lone invisible marks on purpose
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/
const UNUSUAL_SPACE = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}

describe('safeFileName: a written-out table', () => {
  it.each([
    // Ordinary names pass unchanged.
    ['调解协议书.pdf', '调解协议书.pdf'],
    ['（2026）城关镇调字第001号-人民调解协议书.pdf', '（2026）城关镇调字第001号-人民调解协议书.pdf'],
    ['调解室导出-全部案件-脱敏-20261203-0930.加密.json', '调解室导出-全部案件-脱敏-20261203-0930.加密.json'],
    ['Report 2026.tar.gz', 'Report 2026.tar.gz'],
    // Windows device names, with any extension and in any case.
    ['CON', '_CON'],
    ['con', '_con'],
    ['NUL.pdf', '_NUL.pdf'],
    ['nul.PDF', '_nul.PDF'],
    ['com1.json', '_com1.json'],
    ['COM9.pdf', '_COM9.pdf'],
    ['COM0.pdf', '_COM0.pdf'],
    ['Lpt1', '_Lpt1'],
    ['LPT9.tar.gz', '_LPT9.tar.gz'],
    ['Aux.PDF', '_Aux.PDF'],
    ['prn.txt', '_prn.txt'],
    ['prn .txt', '_prn .txt'],
    ['COM¹.pdf', '_COM¹.pdf'],
    ['CONIN$', '_CONIN$'],
    ['conout$.log', '_conout$.log'],
    // Only the device name itself is reserved.
    ['CONSOLE.pdf', 'CONSOLE.pdf'],
    ['COM10.pdf', 'COM10.pdf'],
    ['LPT.pdf', 'LPT.pdf'],
    ['nul-报告.pdf', 'nul-报告.pdf'],
    ['报告.con', '报告.con'],
    // Trailing dots and spaces (Windows drops them), leading ones (hidden files).
    ['报告.', '报告'],
    ['报告. . ', '报告'],
    ['报告 ', '报告'],
    [' 报告', '报告'],
    ['.bashrc', 'bashrc'],
    ['CON.', '_CON'],
    ['...', '未命名'],
    ['', '未命名'],
    ['   ', '未命名'],
    // Path separators and the characters Windows forbids.
    ['a/b\\c.pdf', 'a_b_c.pdf'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['a:b*c?"<>|.pdf', 'a_b_c_____.pdf'],
    ['C:\\Windows\\win.ini', 'C__Windows_win.ini'],
    // Bidi overrides, zero-width and other invisible characters are removed.
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['协议\u200B书.pdf', '协议书.pdf'],
    ['\uFEFF协议书.pdf', '协议书.pdf'],
    ['协议\u200C\u200D\u2060书.pdf', '协议书.pdf'],
    ['\u2066abc\u2069.pdf', 'abc.pdf'],
    ['\u200E\u200Fabc\u061C.pdf', 'abc.pdf'],
    ['a\u00ADb\u034Fc\u3164.pdf', 'abc.pdf'],
    ['\u202E', '未命名'],
    ['\u200B.pdf', 'pdf'],
    ['CO\u200BN.pdf', '_CON.pdf'],
    // Control characters are removed; line breaks, tabs and unusual spaces become one plain space.
    ['a\u0000b\u001Fc\u007F.pdf', 'abc.pdf'],
    ['a\tb\nc.pdf', 'a b c.pdf'],
    ['a\u3000b.pdf', 'a b.pdf'],
    ['a\u00A0\u2003 b.pdf', 'a b.pdf'],
    ['报告\u2028.pdf', '报告 .pdf'],
    // Composed to NFC, so the same name is the same file everywhere.
    ['Cafe\u0301.pdf', 'Café.pdf'],
    // Length: at most 120 UTF-16 units and 240 UTF-8 bytes, keeping a short extension.
    [`${'x'.repeat(200)}.pdf`, `${'x'.repeat(116)}.pdf`],
    [`${'案'.repeat(100)}.pdf`, `${'案'.repeat(78)}.pdf`],
    [`${'😀'.repeat(70)}.pdf`, `${'😀'.repeat(58)}.pdf`],
    [`a.${'x'.repeat(200)}`, `a.${'x'.repeat(118)}`],
    [`CON.${'x'.repeat(200)}`, `_CON.${'x'.repeat(115)}`],
    [`${'x'.repeat(115)}    .....y.pdf`, `${'x'.repeat(115)}.pdf`],
    [`${'x'.repeat(118)} ...${'y'.repeat(30)}`, 'x'.repeat(118)],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected)
    expect(isSafeFileName(expected)).toBe(true)
    expect(isSafeFileName(input)).toBe(input === expected)
  })
})

const tricky = fc.constantFrom(
  'CON',
  'con',
  'NUL',
  'Com1',
  'lpt9',
  'AUX',
  'prn',
  'COM¹',
  'CONIN$',
  '.',
  '..',
  ' ',
  '  ',
  '/',
  '\\',
  ':',
  '*',
  '?',
  '"',
  '<',
  '>',
  '|',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0085',
  '\t',
  '\n',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u3000',
  '\u00a0',
  '\u2028',
  '\u3164',
  '\ufe0f',
  '\ud800',
  '\udc00',
  '😀',
  '案',
  'x',
  '.pdf',
  '.json',
)
const nameArb = fc.oneof(
  fc.array(tricky, { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .tuple(fc.constantFrom('CON', 'nul', 'Com3', 'LPT1', 'aux', 'PRN'), fc.string({ maxLength: 10 }))
    .map(([stem, rest]) => `${stem}.${rest}`),
)

describe('safeFileName: properties', () => {
  it('always gives a name every file system takes and no one can misread', () => {
    fc.assert(
      fc.property(nameArb, (input) => {
        const name = safeFileName(input)
        expect(name.length).toBeGreaterThan(0)
        expect(name.length).toBeLessThanOrEqual(120)
        expect(utf8Bytes(name)).toBeLessThanOrEqual(240)
        expect(name).not.toMatch(FORBIDDEN)
        expect(name).not.toMatch(CONTROL)
        expect(name).not.toMatch(INVISIBLE_OR_BIDI)
        expect(name).not.toMatch(UNUSUAL_SPACE)
        // No lone surrogate: the name survives a UTF-8 round trip.
        expect(new TextDecoder().decode(new TextEncoder().encode(name))).toBe(name)
        expect(name).not.toMatch(/^[ .]|[ .]$/)
        expect(name).not.toMatch(/ {2}/)
        expect(RESERVED_STEM.test(name.split('.')[0]?.trimEnd() ?? '')).toBe(false)
      }),
      { numRuns: 3000 },
    )
  })

  it('is idempotent, and a name is safe exactly when cleaning leaves it unchanged', () => {
    fc.assert(
      fc.property(nameArb, (input) => {
        const name = safeFileName(input)
        expect(safeFileName(name)).toBe(name)
        expect(isSafeFileName(name)).toBe(true)
        expect(isSafeFileName(input)).toBe(input === name)
      }),
      { numRuns: 3000 },
    )
  })

  it('leaves ordinary names alone', () => {
    const plain = fc.string({
      unit: fc.constantFrom(...'调解协议书案件城关镇第号（）〔〕-_abcXYZ0123456789'.split('')),
      minLength: 1,
      maxLength: 60,
    })
    fc.assert(
      fc.property(plain, fc.constantFrom('.pdf', '.json', '.mrbak', ''), (stem, extension) => {
        fc.pre(!RESERVED_STEM.test(stem))
        expect(safeFileName(`${stem}${extension}`)).toBe(`${stem}${extension}`)
      }),
    )
  })
})

describe('documentFileName (the name a case document is saved under)', () => {
  it.each([
    ['（2026）城关镇调字第001号', '人民调解协议书', '（2026）城关镇调字第001号-人民调解协议书.pdf'],
    [undefined, '调解笔录', '未受理案件-调解笔录.pdf'],
    ['城关/镇:调字*第?1号', '人民调解协议书', '城关_镇_调字_第_1号-人民调解协议书.pdf'],
    ['（2026）城关\u202E镇调字第\u200B001号 ', '调解笔录', '（2026）城关镇调字第001号 -调解笔录.pdf'],
    ['NUL', '', 'NUL-.pdf'],
  ])('case %j, document %j → %j, which the IPC schema accepts', (caseNo, title, expected) => {
    const name = documentFileName(caseNo, title)
    expect(name).toBe(expected)
    expect(fileNameSchema.safeParse(name).success).toBe(true)
  })
})
