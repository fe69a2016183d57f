/**
 * The native question main asks before the sentinel's case count drops. It comes from main, not from
 * the page, so a compromised page cannot answer it; only the 确认 button counts as a yes (closing the
 * dialog, Esc or 取消 is a no).
 */
import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron'
import type { CaseDrop, ConfirmCaseDrop } from './sentinel'

export const CONFIRM_BUTTON = 0
export const CANCEL_BUTTON = 1

export function caseDropQuestion(drop: CaseDrop): MessageBoxOptions {
  const fewer = drop.previous - drop.cases
  const message =
    drop.kind === 'backup'
      ? `新的备份只有 ${drop.cases} 件案件，比上次少 ${fewer} 件。是否确认？`
      : `要恢复的备份只有 ${drop.cases} 件案件，比上次备份少 ${fewer} 件。是否确认？`
  const detail =
    drop.kind === 'backup'
      ? `只有刚恢复了较早的备份或文件时，案件才会变少。如果不是这样，请点“取消”：有 ${drop.previous} 件案件的备份会一直保留，启动时也仍按 ${drop.previous} 件检查数据是否丢失。`
      : `点“确认”后，程序以这份备份的 ${drop.cases} 件案件为准，案件较多的旧备份以后会按平常的规则清理。点“取消”则不恢复，现有数据和备份都不变。`
  return {
    type: 'warning',
    title: '案件数量减少',
    message,
    detail,
    buttons: ['确认', '取消'],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  }
}

export type ShowMessageBox = (
  window: BrowserWindow | null,
  options: MessageBoxOptions,
) => Promise<MessageBoxReturnValue>

/** Asks with the given message box (Electron's dialog.showMessageBox, attached to the window when there is one). */
export function createCaseDropConfirm(
  showMessageBox: ShowMessageBox,
  window: () => BrowserWindow | null,
): ConfirmCaseDrop {
  return async (drop) => (await showMessageBox(window(), caseDropQuestion(drop))).response === CONFIRM_BUTTON
}
