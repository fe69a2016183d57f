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
/**
 * The pause after each round of MAX_ATTEMPTS failures in a row, growing so that guessing takes days
 * (the last step repeats); a mediator who mistypes waits only the first.
 */
export const PAUSE_STEPS_SECONDS = [30, 60, 5 * 60, 15 * 60, 60 * 60] as const
/** The shortest PIN a new secret may be: a million guesses, five an hour once the pauses are long, is beyond reach. */
export const MIN_PIN_DIGITS = 6
export const MAX_PIN_DIGITS = 12
/** PBKDF2-SHA256 work factor for PINs: slow enough to resist guessing a stolen hash, fast enough to unlock. */
export const PIN_ITERATIONS = 200_000

export interface LockConfig {
  enabled: boolean
  idleMinutes: number
}

/** A new secret is 6–12 digits (PIN) or a password of 6–64 characters. */
export function secretProblem(secret: string, confirmation: string): string | undefined {
  if (secret === '') return '请输入密码或数字密码（PIN）'
  if (/^\d+$/.test(secret)) {
    if (secret.length < MIN_PIN_DIGITS || secret.length > MAX_PIN_DIGITS)
      return `数字密码应为${MIN_PIN_DIGITS}至${MAX_PIN_DIGITS}位数字`
    if (
      /^(\d)\1+$/.test(secret) ||
      '01234567890123456789'.includes(secret) ||
      '98765432109876543210'.includes(secret)
    ) {
      return '数字密码过于简单（如111111、123456），请换一个'
    }
  } else if ([...secret].length < 6 || [...secret].length > 64) {
    return '密码应为6至64个字符'
  }
  if (secret !== confirmation) return '两次输入的密码不一致'
  return undefined
}

/**
 * Whether a secret that still unlocks would be refused as a new one (e.g. a 4-digit PIN set under the
 * old rule): it keeps working, so nobody is locked out, but 设置 asks its owner to change it.
 */
export function secretNeedsChange(secret: string): boolean {
  return secretProblem(secret, secret) !== undefined
}

export function idleMinutesProblem(minutes: number): string | undefined {
  if (!Number.isInteger(minutes) || minutes < MIN_IDLE_MINUTES || minutes > MAX_IDLE_MINUTES) {
    return `自动锁定时间应为${MIN_IDLE_MINUTES}至${MAX_IDLE_MINUTES}分钟`
  }
  return undefined
}

/** Wrong-attempt throttling, per person: after each MAX_ATTEMPTS failures in a row, a longer pause. */
export interface AttemptState {
  /** wrong attempts in a row since the last success */
  failures: number
  /** epoch ms until which attempts are refused */
  pausedUntil: number
}

export const NO_ATTEMPTS: AttemptState = { failures: 0, pausedUntil: 0 }

/** The pause (seconds) that the n-th failure in a row starts, 0 for none. */
export function pauseAfterFailures(failures: number): number {
  if (failures <= 0 || failures % MAX_ATTEMPTS !== 0) return 0
  const round = failures / MAX_ATTEMPTS
  return PAUSE_STEPS_SECONDS[Math.min(round, PAUSE_STEPS_SECONDS.length) - 1]!
}

/**
 * A pause longer than the longest step can only come from a clock that was wrong or set back when it was
 * written: it then counts from now, so nobody is locked out for years (and setting the clock back gains
 * a guesser nothing).
 */
export function boundedPause(state: AttemptState, now: number): AttemptState {
  const longest = PAUSE_STEPS_SECONDS[PAUSE_STEPS_SECONDS.length - 1]! * 1000
  return state.pausedUntil - now > longest ? { ...state, pausedUntil: now + longest } : state
}

export function attemptRefusal(state: AttemptState, now: number): string | undefined {
  if (now >= state.pausedUntil) return undefined
  const seconds = Math.ceil((state.pausedUntil - now) / 1000)
  return seconds <= 60
    ? `错误次数过多，请 ${seconds} 秒后再试`
    : `错误次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`
}

export function afterAttempt(state: AttemptState, success: boolean, now: number): AttemptState {
  if (success) return NO_ATTEMPTS
  const failures = state.failures + 1
  const pause = pauseAfterFailures(failures)
  return { failures, pausedUntil: pause > 0 ? now + pause * 1000 : 0 }
}

/** An attempt state read back from storage, whatever it holds (a damaged row counts as none). */
export function attemptStateOf(value: unknown): AttemptState {
  const v = value as Partial<AttemptState> | null | undefined
  const failures = typeof v?.failures === 'number' && Number.isInteger(v.failures) && v.failures >= 0 ? v.failures : 0
  const pausedUntil = typeof v?.pausedUntil === 'number' && Number.isFinite(v.pausedUntil) ? v.pausedUntil : 0
  return { failures, pausedUntil }
}
