// @vitest-environment happy-dom
/**
 * Restoring from an encrypted file: the flow asks for the passphrase (the restore store tells it the
 * file needs one; the component never sees the database's error type), then previews the restore.
 */
import '../appData'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, toRaw } from 'vue'
import { getDatabase } from '../../../../src/db/connection'
import { exportAll, serializeTransferFile } from '../../../../src/db/transfer/export'
import { encryptText } from '../../../../src/db/transfer/encryption'
import { useRestoreFlow } from '../../../../src/components/backup/useRestoreFlow'
import { officeReady } from '../appData'
import { freshPinia, mountInApp, type Mounted } from '../mountInApp'

const PASSPHRASE = '城关镇-Tiao-2026!'

async function encryptedBackupFile(): Promise<File> {
  const { db } = await getDatabase()
  const text = serializeTransferFile(await exportAll(db))
  const envelope = await encryptText(text, PASSPHRASE)
  return new File([JSON.stringify(envelope)], '全部数据.json', { type: 'application/json' })
}

describe('restoring from an encrypted file', () => {
  let mounted: Mounted | undefined
  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    document.body.innerHTML = ''
  })

  it('asks for the passphrase, then previews the restore without writing anything', async () => {
    const pinia = freshPinia()
    await officeReady()
    let flow: ReturnType<typeof useRestoreFlow> | undefined
    const Host = defineComponent({
      setup() {
        flow = useRestoreFlow()
        return () => h('div')
      },
    })
    mounted = await mountInApp(() => h(Host), { pinia })
    const file = await encryptedBackupFile()

    await flow!.fromFile(file)
    expect(toRaw(flow!.lockedFile.value)).toBe(file)
    expect(flow!.error.value).toBe('此文件已加密，请输入密码')
    expect(flow!.restorePlan.value).toBeUndefined()

    flow!.passphrase.value = 'wrong-passphrase'
    await flow!.unlockFile()
    expect(flow!.error.value).toBe('密码不正确，或文件已损坏')
    expect(toRaw(flow!.lockedFile.value)).toBe(file)

    flow!.passphrase.value = PASSPHRASE
    await flow!.unlockFile()
    expect(flow!.error.value).toBe('')
    expect(flow!.lockedFile.value).toBeUndefined()
    expect(flow!.restorePlan.value?.source).toBe('文件“全部数据.json”')
    expect(flow!.restorePlan.value?.rows.map((r) => r.label)).toContain('案件')
  })
})
