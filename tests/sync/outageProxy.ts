/**
 * A TCP relay in front of the loopback server, on a port of its own, that can be cut and restored: to a
 * PC behind it, a cut is the server gone (connections refused, the ones open reset) and a restore is the
 * server back at the same address, with everything it stored. The in-memory test server itself cannot be
 * restarted without losing its documents.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'

export interface OutageProxy {
  /** 'http://127.0.0.1:<port>' */
  url: string
  /** refuses new connections and resets the open ones */
  cut(): Promise<void>
  /** listens again on the same port */
  restore(): Promise<void>
  close(): Promise<void>
}

export async function startOutageProxy(target: string): Promise<OutageProxy> {
  const { hostname, port: targetPort } = new URL(target)
  const open = new Set<Socket>()
  let server: Server | undefined
  let port = 0

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(Number(targetPort), hostname)
        for (const socket of [client, upstream]) {
          open.add(socket)
          socket.on('close', () => open.delete(socket))
          socket.on('error', () => {
            client.destroy()
            upstream.destroy()
          })
        }
        client.pipe(upstream).pipe(client)
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        const address = s.address()
        if (typeof address === 'object' && address) port = address.port
        server = s
        resolve()
      })
    })

  const cut = async (): Promise<void> => {
    const s = server
    server = undefined
    for (const socket of open) socket.destroy()
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }

  await listen()
  return { url: `http://127.0.0.1:${port}`, cut, restore: listen, close: cut }
}
