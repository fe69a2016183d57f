/**
 * The server address typed in 设置 → 同步, and when to try again after a failure. A committee's cases
 * travel only over HTTPS; plain http is accepted only to this computer itself (a server on the same PC,
 * and the tests' loopback server), where nothing crosses a network.
 */

export type AddressCheck = { ok: true; origin: string; url: string } | { ok: false; message: string }

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The address as the app will use it (no trailing slash, no credentials, no query), with its origin (what
 * the page's CSP opens), or why it is refused, in Chinese.
 */
export function checkServerAddress(text: string): AddressCheck {
  const typed = text.trim()
  if (!typed) return { ok: false, message: '请填写同步服务器地址' }
  let url: URL
  try {
    url = new URL(typed)
  } catch {
    return { ok: false, message: '服务器地址格式不正确，例如 https://tiaojie.example.cn:6984' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: '服务器地址须以 https:// 开头' }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    return { ok: false, message: '为保护当事人信息，服务器地址须以 https:// 开头（仅本机服务器可用 http://）' }
  if (url.username || url.password)
    return { ok: false, message: '请不要把用户名或密码写在地址里，请填在下面的“用户名”“密码”中' }
  if (url.search || url.hash) return { ok: false, message: '服务器地址不应包含“?”或“#”之后的内容' }
  const path = url.pathname.replace(/\/+$/, '')
  return { ok: true, origin: url.origin, url: url.origin + path }
}

/** Retry delays after consecutive failures: 2 s doubling to at most 5 minutes, with ±20 % jitter. */
export const RETRY_FIRST_MS = 2_000
export const RETRY_MAX_MS = 5 * 60_000

/** `random` in [0, 1): the jitter keeps the PCs of one office from retrying in step after an outage. */
export function retryDelayMs(failures: number, random: number): number {
  if (failures <= 0) return 0
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(failures - 1, 30))
  return Math.round(base * (0.8 + 0.4 * random))
}
