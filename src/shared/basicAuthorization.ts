/**
 * `Basic base64(user:password)`, the UTF-8 bytes as CouchDB reads them. Shared: the page builds it for
 * credentials typed into 测试连接 (and the browser build's saved ones), the desktop's main process for
 * the saved ones, which never reach the page.
 */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}
