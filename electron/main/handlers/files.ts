import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SaveDialogOptions, WebContents } from 'electron'
import { safeFileName } from '../../../src/domain/fileName'
import type { FileKind, filesChannels } from '../../../src/shared/ipc/files'
import { IpcRefusal, type GroupHandlers } from '../ipc'
import { PrintRefused } from '../print-folder'

const SAVE_FILTERS = {
  pdf: [{ name: 'PDF 文件', extensions: ['pdf'] }],
  json: [{ name: 'JSON 文件', extensions: ['json'] }],
  backup: [{ name: '调解室备份文件', extensions: ['mrbak', 'json'] }],
  image: [{ name: '图片', extensions: ['jpg', 'jpeg', 'png'] }],
  xlsx: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
} as const satisfies Record<FileKind, SaveDialogOptions['filters']>

export interface FilesHost {
  /** The native save dialog, attached to the sender's window. */
  showSaveDialog(sender: WebContents, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>
  /** Writes the whole file or leaves the previous one untouched. */
  writeFileDurably(filePath: string, data: Uint8Array): Promise<void>
  /** Opens a file with the system's default application; resolves to an error text, '' on success. */
  openPath(filePath: string): Promise<string>
  /** Where the save dialog starts. */
  documentsDir(): string
  /**
   * A fresh private folder (mode 0700) for one PDF of this many bytes, handed to the system viewer and
   * removed when the app quits; throws PrintRefused when the PDF is too large or the disk nearly full.
   */
  preparePrintFolder(bytes: number): Promise<string>
}

/** The title as a safe file name ending in .pdf (cleaned again: the extension may push it over the length). */
function printFileName(title: string): string {
  const name = safeFileName(title)
  return safeFileName(name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`)
}

/**
 * files:print-pdf writes the PDF into a private temporary folder and opens it in the system's PDF viewer,
 * where the user prints it with the printer dialog they know. Printing a PDF from a hidden Chromium window
 * is unreliable (blank pages), and a temp file opened with shell.openPath can only ever be a .pdf we wrote.
 */
export function createFilesHandlers(host: FilesHost): GroupHandlers<typeof filesChannels> {
  return {
    'files:save': async ({ suggestedName, data, kind }, { sender }) => {
      const choice = await host.showSaveDialog(sender, {
        title: '保存文件',
        // The IPC schema refuses unsafe names already; cleaned again so this handler is safe on its own.
        defaultPath: join(host.documentsDir(), safeFileName(suggestedName)),
        filters: [...SAVE_FILTERS[kind]],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      })
      if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { saved: false }
      try {
        await host.writeFileDurably(choice.filePath, data)
      } catch (error) {
        throw new IpcRefusal('failed', `文件未能保存：${describeFileError(error)}`)
      }
      return { saved: true, path: choice.filePath }
    },
    'files:print-pdf': async ({ data, title }) => {
      const folder = await host.preparePrintFolder(data.byteLength).catch((error: unknown) => {
        throw error instanceof PrintRefused ? new IpcRefusal('failed', error.message) : error
      })
      const filePath = join(folder, printFileName(title))
      try {
        await writeFile(filePath, data, { mode: 0o600 })
      } catch (error) {
        throw new IpcRefusal('failed', `无法写入打印文件：${describeFileError(error)}`)
      }
      const failure = await host.openPath(filePath)
      if (failure !== '') throw new IpcRefusal('failed', `无法打开系统的PDF阅读器：${failure}`)
      return { opened: true }
    },
  }
}

/** A short Chinese reason for the usual file-system errors. */
export function describeFileError(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : ''
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return '没有写入该位置的权限'
    case 'ENOSPC':
      return '磁盘空间不足'
    case 'EROFS':
      return '该位置是只读的'
    case 'ENOENT':
      return '文件夹不存在'
    case 'EBUSY':
      return '文件正被其他程序占用'
    default:
      return '写入失败'
  }
}
