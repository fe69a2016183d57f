/**
 * The one rule for names of files the app writes (saved documents, exports, PDFs handed to the viewer):
 * a name every file system accepts, that opens the file it says, and that no one can misread.
 * - Windows device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$, CONOUT$), with any extension and in
 *   any case, open the device instead of a file: they get a leading "_".
 * - Trailing dots and spaces are dropped by Windows (the file would not be the one named); leading ones
 *   hide the file on Linux. Both are trimmed.
 * - Control, format (bidi overrides such as U+202E that turn "fdp.exe" into "exe.pdf", zero-width
 *   characters) and other invisible characters are removed; line breaks, tabs and unusual spaces become
 *   one plain space.
 * - Path separators and the characters Windows forbids (<>:"/\|?*) become "_".
 * - At most 120 UTF-16 units (Windows counts those) and 240 UTF-8 bytes (Linux allows 255), cut from the
 *   end of the name so that a short extension survives.
 */

import { withoutHiddenCharacters } from './text'

export const MAX_FILE_NAME_LENGTH = 120
export const MAX_FILE_NAME_BYTES = 240
/** What an empty name becomes. */
export const UNNAMED_FILE = '未命名'

/** An extension longer than this is treated as part of the name when cutting to length. */
const MAX_EXTENSION_LENGTH = 16

const SPACE_LIKE = /[\t\n\v\f\r\u0085\u2028\u2029\p{Zs}]/gu
// Beyond the hidden characters every text refuses (./text.ts): private-use and unassigned code points, which each
// PC's fonts draw differently or not at all, so the name on the screen would not be the one on the disk.
const UNDRAWABLE = /[\p{Co}\p{Cn}]/gu
const FORBIDDEN = /[<>:"/\\|?*]/g
const RESERVED_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1
  if (codePoint < 0x800) return 2
  if (codePoint < 0x10000) return 3
  return 4
}

/** The longest start of `text` within both budgets, never splitting a character. */
function cut(text: string, maxLength: number, maxBytes: number): string {
  let length = 0
  let bytes = 0
  let end = 0
  for (const character of text) {
    length += character.length
    bytes += utf8Length(character.codePointAt(0) ?? 0)
    if (length > maxLength || bytes > maxBytes) break
    end += character.length
  }
  return text.slice(0, end)
}

function trimDotsAndSpaces(text: string): string {
  return text.replace(/^[ .]+|[ .]+$/g, '')
}

function isReservedDeviceName(name: string): boolean {
  return RESERVED_DEVICE.test((name.split('.')[0] ?? '').trimEnd())
}

function byteLength(text: string): number {
  let bytes = 0
  for (const character of text) bytes += utf8Length(character.codePointAt(0) ?? 0)
  return bytes
}

function cutToLength(name: string): string {
  if (name.length <= MAX_FILE_NAME_LENGTH && byteLength(name) <= MAX_FILE_NAME_BYTES) return name
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH ? name.slice(dot) : ''
  const stem = name.slice(0, name.length - extension.length)
  const kept = cut(stem, MAX_FILE_NAME_LENGTH - extension.length, MAX_FILE_NAME_BYTES - byteLength(extension))
  return `${trimDotsAndSpaces(kept)}${extension}`
}

/** The name cleaned by the rule above; never empty. */
export function safeFileName(name: string): string {
  const cleaned = trimDotsAndSpaces(
    // line breaks and tabs become spaces before the hidden characters (controls among them) go
    withoutHiddenCharacters(name.normalize('NFC').replace(SPACE_LIKE, ' '))
      .replace(UNDRAWABLE, '')
      .replace(FORBIDDEN, '_')
      .replace(/ {2,}/g, ' '),
  )
  const unreserved = isReservedDeviceName(cleaned) ? `_${cleaned}` : cleaned
  const result = trimDotsAndSpaces(cutToLength(unreserved))
  return result === '' ? UNNAMED_FILE : result
}

/** True when the name already follows the rule (the IPC boundary refuses any other). */
export function isSafeFileName(name: string): boolean {
  return safeFileName(name) === name
}

/** What tells apart a case that has no number yet (never accepted, e.g. rejected). */
export interface UncasedCase {
  id: string
  /** 登记日期, YYYY-MM-DD */
  receivedOn: string
  /** the applicants' names in their order */
  applicantNames: readonly string[]
}

/** 张桂兰 → 张某, two or more applicants → 张某等: who it was, without a full name in a file name. */
function maskedApplicants(names: readonly string[]): string {
  const first = [...(names[0]?.trim() ?? '')][0]
  if (!first) return ''
  return `${first}某${names.length > 1 ? '等' : ''}`
}

/**
 * The name a case document is saved under: （2026）城关镇调字第001号-人民调解协议书.pdf. A case without a
 * number (e.g. rejected) is told apart by the masked applicant, the date of intake and the start of its id:
 * 未受理案件-张某-20261103-3f9a2c-不予受理通知书.pdf, so that two rejected cases never overwrite each other.
 */
export function documentFileName(caseNo: string | undefined, title: string, uncased?: UncasedCase): string {
  if (caseNo) return safeFileName(`${caseNo}-${title}.pdf`)
  if (!uncased) return safeFileName(`未受理案件-${title}.pdf`)
  const parts = [
    '未受理案件',
    maskedApplicants(uncased.applicantNames),
    uncased.receivedOn.replace(/-/g, ''),
    uncased.id
      .replace(/[^0-9a-z]/gi, '')
      .slice(0, 6)
      .toLowerCase(),
    title,
  ].filter((part) => part !== '')
  return safeFileName(`${parts.join('-')}.pdf`)
}
