/**
 * The app lock: a shared office PC must not show case files to whoever sits down. Each mediator may
 * set a PIN or password; the app locks at start and after an idle time, and names the person who
 * unlocked it in the audit log. (A screen lock, not encryption: the brief's at-rest encryption is separate.)
 */

export const MIN_IDLE_MINUTES = 1
export const MAX_IDLE_MINUTES = 120
export const DEFAULT_IDLE_MINUTES = 10
/** Wrong attempts allowed before a pause. */
export const MAX_ATTEMPTS = 5
export const PAUSE_SECONDS = 30
/** PBKDF2-SHA256 work factor for PINs: slow enough to resist guessing a stolen hash, fast enough to unlock. */
export const PIN_ITERATIONS = 200_000

export interface LockConfig {
  enabled: boolean
  idleMinutes: number
}

/** A secret is 4–12 digits (PIN) or a password of 6–64 characters. */
export function secretProblem(secret: string, confirmation: string): string | undefined {
  if (secret === '') return '请输入密码或数字密码（PIN）'
  if (/^\d+$/.test(secret)) {
    if (secret.length < 4 || secret.length > 12) return '数字密码应为4至12位数字'
    if (/^(\d)\1+$/.test(secret) || '01234567890123456789'.includes(secret) || '98765432109876543210'.includes(secret)) {
      return '数字密码过于简单（如1111、1234），请换一个'
    }
  } else if ([...secret].length < 6 || [...secret].length > 64) {
    return '密码应为6至64个字符'
  }
  if (secret !== confirmation) return '两次输入的密码不一致'
  return undefined
}

export function idleMinutesProblem(minutes: number): string | undefined {
  if (!Number.isInteger(minutes) || minutes < MIN_IDLE_MINUTES || minutes > MAX_IDLE_MINUTES) {
    return `自动锁定时间应为${MIN_IDLE_MINUTES}至${MAX_IDLE_MINUTES}分钟`
  }
  return undefined
}

/** Wrong-attempt throttling, per person: after MAX_ATTEMPTS failures, a pause before the next try. */
export interface AttemptState {
  failures: number
  /** epoch ms until which attempts are refused */
  pausedUntil: number
}

export const NO_ATTEMPTS: AttemptState = { failures: 0, pausedUntil: 0 }

export function attemptRefusal(state: AttemptState, now: number): string | undefined {
  if (now < state.pausedUntil) return `错误次数过多，请 ${Math.ceil((state.pausedUntil - now) / 1000)} 秒后再试`
  return undefined
}

export function afterAttempt(state: AttemptState, success: boolean, now: number): AttemptState {
  if (success) return NO_ATTEMPTS
  const failures = state.failures + 1
  return failures >= MAX_ATTEMPTS ? { failures: 0, pausedUntil: now + PAUSE_SECONDS * 1000 } : { failures, pausedUntil: 0 }
}
