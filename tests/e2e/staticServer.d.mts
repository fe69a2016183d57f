/** Types of staticServer.mjs (plain JavaScript, so that node runs it without a loader). */

export interface StaticServer {
  /** http://127.0.0.1:<port> */
  origin: string
  close(): Promise<void>
}

/** Maps a request path to a file under one of the roots (longest prefix first), or undefined. */
export function resolveFile(roots: Record<string, string>, urlPath: string): string | undefined

/**
 * Serves the roots (URL prefix → absolute folder) on 127.0.0.1; port 0 picks a free one. Nothing is
 * cached unless `cacheAssets`: then files under an `assets/` folder may be kept for good.
 */
export function startServer(
  roots: Record<string, string>,
  port?: number,
  options?: { cacheAssets?: boolean },
): Promise<StaticServer>
