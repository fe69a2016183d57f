/**
 * The canonical content of an agreement: the legally relevant fields only, in a fixed shape with sorted
 * keys, so that the same agreement always hashes to the same SHA-256 whatever order fields were stored
 * in. Ids, timestamps, status and the signature itself are left out; the parties' details are in.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type { Agreement, Party } from './types'

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/** JSON with object keys sorted at every level and undefined fields dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value))
}

function normalise(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('规范化内容中出现非有限数字')
    return value
  }
  if (Array.isArray(value)) return value.map(normalise)
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {}
    for (const key of Object.keys(value).sort()) {
      const v: unknown = (value as Record<string, unknown>)[key]
      if (v !== undefined) out[key] = normalise(v)
    }
    return out
  }
  throw new Error(`规范化内容中出现无法表示的值：${typeof value}`)
}

export interface CanonicalContext {
  caseNo: string
  committeeName: string
}

/** The object that is hashed (and, as plain JSON, what the committee key is asked to sign). */
export type CanonicalAgreement = ReturnType<typeof canonicalAgreement>

/** The object that is hashed. Parties are referred to by their position, never by database id. */
export function canonicalAgreement(agreement: Agreement, parties: readonly Party[], ctx: CanonicalContext) {
  const ordered = [...parties].sort((a, b) => a.order - b.order)
  const position = (id: string): number => ordered.findIndex((p) => p.id === id)
  return {
    schema: 'mediation-room/agreement@1' as const,
    caseNo: ctx.caseNo,
    committee: ctx.committeeName,
    version: agreement.version,
    parties: ordered.map((p) => ({
      role: p.role,
      kind: p.kind,
      name: p.name,
      gender: p.gender,
      ethnicity: p.ethnicity,
      birthDate: p.birthDate,
      // absent for a 居民身份证, so agreements hashed before document types keep their hash
      idType: p.idType,
      idNumber: p.idNumber,
      occupation: p.occupation,
      address: p.address,
      phone: p.phone,
      creditCode: p.creditCode,
      legalRep: p.legalRep,
      agents: p.agents.map((a) => ({
        name: a.name,
        kind: a.kind,
        relationship: a.relationship,
        phone: a.phone,
        idType: a.idType,
        idNumber: a.idNumber,
      })),
    })),
    facts: agreement.facts,
    disputes: agreement.disputes,
    clauses: agreement.clauses.map((c) => ({
      kind: c.kind,
      obligors: c.obligorIds.map(position),
      obligees: c.obligeeIds.map(position),
      action: c.action,
      amountFen: c.amountFen,
      dueOn: c.dueOn,
      method: c.method,
      installments: c.installments?.map((i) => ({ dueOn: i.dueOn, amountFen: i.amountFen })),
      text: c.text,
    })),
    performanceTerms: agreement.performanceTerms,
    copies: agreement.copies,
  }
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)))
}

/** SHA-256 hex of the canonical content: what is signed and printed in the QR code. */
export function agreementHash(agreement: Agreement, parties: readonly Party[], ctx: CanonicalContext): string {
  return sha256Hex(canonicalJson(canonicalAgreement(agreement, parties, ctx)))
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** The short code printed under the QR code: 50 bits of the hash in Crockford base32, 'XXXXX-XXXXX'. */
export function verifyCodeOf(hashHex: string): string {
  if (!/^[0-9a-f]{64}$/.test(hashHex)) throw new Error('内容摘要格式不正确')
  let bits = BigInt('0x' + hashHex.slice(0, 13)) >> 2n // 52 bits -> 50
  let code = ''
  for (let i = 0; i < 10; i++) {
    code = CROCKFORD[Number(bits & 31n)] + code
    bits >>= 5n
  }
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

/** Normalises what a user types for a code (lower case, O for 0, I/L for 1, no dash). */
export function normaliseVerifyCode(input: string): string {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return cleaned.length === 10 ? `${cleaned.slice(0, 5)}-${cleaned.slice(5)}` : cleaned
}

/** What the QR code on a finalised agreement holds. No personal data: the hash stands for the content. */
export interface VerificationPayload {
  v: 1
  caseNo: string
  sha256: string
  sig: string
  keyId: string
}

/** The first line of the QR text: what a phone that scans it shows first. */
export const VERIFICATION_TEXT_TITLE = '人民调解协议书核验'
const CASE_NO_LABEL = '编号：'
const CODE_LABEL = '核验码：'
const DATA_LABEL = '核验数据：'
/** How to check, kept short: every character makes the printed code denser. */
const HOW_TO_VERIFY = '核验方法：在调解室软件「核验」页扫描或输入核验码'

/**
 * The QR text: readable lines saying what it is, the case number, the 核验码 and how to verify, then one
 * line of data for the software (the content hash, the committee's signature and key). Older agreements
 * held the payload as JSON; `decodeVerificationPayload` reads both.
 */
export function encodeVerificationPayload(p: VerificationPayload): string {
  return [
    VERIFICATION_TEXT_TITLE,
    `${CASE_NO_LABEL}${p.caseNo}`,
    `${CODE_LABEL}${verifyCodeOf(p.sha256)}`,
    HOW_TO_VERIFY,
    `${DATA_LABEL}v${p.v} ${p.sha256} ${p.sig} ${p.keyId}`,
  ].join('\n')
}

function payloadOf(r: Record<string, unknown>): VerificationPayload | undefined {
  if (
    r.v !== 1 ||
    typeof r.caseNo !== 'string' ||
    typeof r.sha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(r.sha256) ||
    typeof r.sig !== 'string' ||
    typeof r.keyId !== 'string'
  ) {
    return undefined
  }
  return { v: 1, caseNo: r.caseNo, sha256: r.sha256, sig: r.sig, keyId: r.keyId }
}

/** The JSON the QR codes of agreements finalised before the readable text held. */
function decodeJsonPayload(text: string): VerificationPayload | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof raw !== 'object' || raw === null) return undefined
  return payloadOf(raw as Record<string, unknown>)
}

/** The value of the line that starts with `label`, trimmed; undefined when there is none. */
export function verificationTextLine(text: string, label: string): string | undefined {
  const line = text.split(/\r?\n/).find((l) => l.trim().startsWith(label))
  return line?.trim().slice(label.length).trim()
}

/** Whether the text is (part of) the readable QR text: its title, its 核验码 line or its data line. */
export function isVerificationText(text: string): boolean {
  return (
    text.trim().startsWith(VERIFICATION_TEXT_TITLE) ||
    verificationTextLine(text, CODE_LABEL) !== undefined ||
    hasVerificationData(text)
  )
}

/** Whether the text carries the data line the software checks (a scan may have cut it off). */
export function hasVerificationData(text: string): boolean {
  return verificationTextLine(text, DATA_LABEL) !== undefined
}

/** The 核验码 printed in a QR text, when it has one (with or without its data line). */
export function verificationTextCode(text: string): string | undefined {
  return verificationTextLine(text, CODE_LABEL)
}

function decodeTextPayload(text: string): VerificationPayload | undefined {
  const data = verificationTextLine(text, DATA_LABEL)
  const caseNo = verificationTextLine(text, CASE_NO_LABEL)
  if (data === undefined || caseNo === undefined) return undefined
  const [version, sha256, sig, keyId, ...rest] = data.split(/\s+/)
  if (rest.length > 0) return undefined
  const payload = payloadOf({ v: version === 'v1' ? 1 : version, caseNo, sha256, sig, keyId })
  if (!payload) return undefined
  // the readable code must be the one the data makes: a mismatch means the text was altered
  const code = verificationTextCode(text)
  if (code !== undefined && normaliseVerifyCode(code) !== verifyCodeOf(payload.sha256)) return undefined
  return payload
}

/** Parses QR content, the readable text or the older JSON; returns undefined for anything that is not one of ours. */
export function decodeVerificationPayload(text: string): VerificationPayload | undefined {
  const trimmed = text.trim()
  return trimmed.startsWith('{') ? decodeJsonPayload(trimmed) : decodeTextPayload(trimmed)
}
