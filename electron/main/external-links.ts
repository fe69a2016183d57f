/**
 * The only sites the app may open in the system browser: official sources of law a mediator consults.
 * Exact hosts over https; anything else (javascript:, file:, smb:, look-alike or sub-domains,
 * credentials, ports) is refused, because shell.openExternal hands the URL to the operating system.
 */
export const EXTERNAL_HOST_ALLOW_LIST: readonly string[] = [
  'flk.npc.gov.cn', // 国家法律法规数据库
  'www.npc.gov.cn', // 全国人大
  'www.moj.gov.cn', // 司法部
]

/** The normalised URL to open, or null when it is not on the allow-list. */
export function allowedExternalUrl(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:') return null
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null
  if (!EXTERNAL_HOST_ALLOW_LIST.includes(parsed.hostname)) return null
  return parsed.href
}

export function isAllowedExternalUrl(url: string): boolean {
  return allowedExternalUrl(url) !== null
}
