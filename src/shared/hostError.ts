import type { IpcRefusalCode } from './ipc'

/**
 * A host request that failed; the message is Chinese and ready to show. Thrown by the renderer's platform
 * (src/platform) and known here, below it, so that db and stores can tell the host's refusal from a storage
 * failure by class and code, never by name or words.
 */
export class PlatformError extends Error {
  constructor(
    message: string,
    /**
     * the host's refusal code, when its signer refused (src/domain/signingRefusal.ts) or a backup needs the
     * 恢复密钥 (src/domain/backupRefusal.ts)
     */
    readonly refusal?: IpcRefusalCode,
  ) {
    super(message)
    this.name = 'PlatformError'
  }
}
