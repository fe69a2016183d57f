/** Turning the bytes of a file the user chose into a validated TransferFile (decrypting when asked). */
import { TransferError } from '../../domain/transferError'
import { decryptEnvelope, looksEncrypted } from './encryption'
import { MAX_TRANSFER_CHARS, parseTransferText, validateTransferObject, type TransferFile } from './format'

export type TransferInput = string | Uint8Array | Blob

export interface ReadOptions {
  passphrase?: string
}

async function toText(input: TransferInput): Promise<string> {
  if (typeof input === 'string') return input
  const size = input instanceof Blob ? input.size : input.byteLength
  if (size > MAX_TRANSFER_CHARS) throw new TransferError('too-large', '文件过大，无法导入（超过512MB）')
  const bytes = input instanceof Blob ? new Uint8Array(await input.arrayBuffer()) : input
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new TransferError('not-json', '文件已损坏：不是有效的文本')
  }
}

function parseJson(text: string): unknown {
  if (text.length > MAX_TRANSFER_CHARS) throw new TransferError('too-large', '文件过大，无法导入（超过512MB）')
  try {
    return JSON.parse(text)
  } catch {
    throw new TransferError('not-json', '文件已损坏或不完整：不是有效的JSON数据')
  }
}

/** Reads, decrypts if needed, and validates every record. Throws TransferError (Chinese message). */
export async function readTransferFile(input: TransferInput, options: ReadOptions = {}): Promise<TransferFile> {
  const raw = parseJson(await toText(input))
  if (looksEncrypted(raw)) return parseTransferText(await decryptEnvelope(raw, options.passphrase))
  return validateTransferObject(raw)
}
