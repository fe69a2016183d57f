import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { testBackupKeys } from './backup/testBackupKeys'
import { testVault } from './vault/fakeKeyStore'
import { handlerDependencies, tempFolders } from './userDataHost'

vi.mock('electron', () => ({}))

const { createFilesHandlers } = await import('../../../electron/main/handlers/files')
const { createShellHandlers } = await import('../../../electron/main/handlers/shell')
const { createAppHandlers } = await import('../../../electron/main/handlers/app')
const { createChannelHandlers } = await import('../../../electron/main/handlers')
const { atomicWrite } = await import('../../../electron/main/backup/atomicWrite')
const writeFileDurably = (filePath: string, data: Uint8Array) => atomicWrite(filePath, data)
const { createPrintFolder } = await import('../../../electron/main/print-folder')
const { IpcRefusal } = await import('../../../electron/main/ipc')
const { ipcChannels } = await import('../../../src/shared/ipc')
type FilesHost = import('../../../electron/main/handlers/files').FilesHost
type HandlerContext = import('../../../electron/main/ipc').HandlerContext

const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n')
// The handlers pass `sender` to the dialog only; the fakes below ignore it.
const context = { sender: {} } as HandlerContext

const tempFolder = tempFolders()
let workDir: string
beforeEach(async () => {
  workDir = await tempFolder('handlers')
})

function host(overrides: Partial<FilesHost> = {}): FilesHost {
  return {
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: join(workDir, 'saved.pdf') })),
    writeFileDurably,
    openPath: vi.fn(async () => ''),
    documentsDir: () => workDir,
    preparePrintFolder: async () => mkdtemp(join(workDir, 'print-')),
    ...overrides,
  }
}

describe('files:save', () => {
  it('writes the bytes where the user chose and says where', async () => {
    const files = host()
    const handlers = createFilesHandlers(files)
    const result = await handlers['files:save'](
      { suggestedName: '协议书.pdf', mime: 'application/pdf', data: PDF, kind: 'pdf' },
      context,
    )
    expect(result).toEqual({ saved: true, path: join(workDir, 'saved.pdf') })
    expect(new Uint8Array(await readFile(join(workDir, 'saved.pdf')))).toEqual(PDF)
    expect(files.showSaveDialog).toHaveBeenCalledWith(
      context.sender,
      expect.objectContaining({
        defaultPath: join(workDir, '协议书.pdf'),
        filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      }),
    )
  })

  it.each([
    ['CON', '_CON'],
    ['NUL.pdf', '_NUL.pdf'],
    ['com1.json', '_com1.json'],
    ['协议书. ', '协议书'],
    ['invoice\u202Efdp.pdf', 'invoicefdp.pdf'],
    ['协议\u200B书.pdf', '协议书.pdf'],
  ])('offers %j in the dialog as %j, whatever the page sent', async (suggestedName, offered) => {
    const files = host()
    await createFilesHandlers(files)['files:save'](
      { suggestedName, mime: 'application/pdf', data: PDF, kind: 'pdf' },
      context,
    )
    expect(files.showSaveDialog).toHaveBeenCalledWith(
      context.sender,
      expect.objectContaining({ defaultPath: join(workDir, offered) }),
    )
  })

  it('writes nothing when the user cancels', async () => {
    const handlers = createFilesHandlers(host({ showSaveDialog: async () => ({ canceled: true }) }))
    const result = await handlers['files:save'](
      { suggestedName: 'a.json', mime: 'application/json', data: PDF, kind: 'json' },
      context,
    )
    expect(result).toEqual({ saved: false })
    expect(await readdir(workDir)).toEqual([])
  })

  it('explains a failed write in Chinese and leaves no temporary file', async () => {
    const target = join(workDir, 'missing-folder', 'a.pdf')
    const handlers = createFilesHandlers(host({ showSaveDialog: async () => ({ canceled: false, filePath: target }) }))
    const attempt = handlers['files:save'](
      { suggestedName: 'a.pdf', mime: 'application/pdf', data: PDF, kind: 'pdf' },
      context,
    )
    await expect(attempt).rejects.toBeInstanceOf(IpcRefusal)
    await expect(attempt).rejects.toThrow('文件未能保存：文件夹不存在')
    expect(await readdir(workDir)).toEqual([])
  })
})

describe('files:save writes through atomicWrite', () => {
  it('replaces an existing file completely and leaves no temporary file behind', async () => {
    const target = join(workDir, 'a.pdf')
    const handlers = createFilesHandlers(host({ showSaveDialog: async () => ({ canceled: false, filePath: target }) }))
    const request = { suggestedName: 'a.pdf', mime: 'application/pdf', data: PDF, kind: 'pdf' as const }
    await handlers['files:save'](
      { ...request, data: new TextEncoder().encode('%PDF-old content that is longer') },
      context,
    )
    await handlers['files:save'](request, context)
    expect(new Uint8Array(await readFile(target))).toEqual(PDF)
    expect(await readdir(workDir)).toEqual(['a.pdf'])
  })
})

describe('files:print-pdf', () => {
  it('writes the PDF privately and opens it in the system viewer', async () => {
    const files = host()
    const result = await createFilesHandlers(files)['files:print-pdf']({ data: PDF, title: '调解协议书' }, context)
    expect(result).toEqual({ opened: true })
    const opened = vi.mocked(files.openPath).mock.calls[0]?.[0] ?? ''
    expect(opened.startsWith(workDir)).toBe(true)
    expect(opened.endsWith('调解协议书.pdf')).toBe(true)
    expect(new Uint8Array(await readFile(opened))).toEqual(PDF)
    if (process.platform !== 'win32') expect((await stat(opened)).mode & 0o777).toBe(0o600)
  })

  it.each([
    ['CON', '_CON.pdf'],
    ['nul', '_nul.pdf'],
    ['Lpt1.PDF', '_Lpt1.PDF'],
    ['协议书\u202Efdp.exe', '协议书fdp.exe.pdf'],
    ['报告..', '报告.pdf'],
  ])('writes the title %j as the file %j', async (title, fileName) => {
    const files = host()
    await createFilesHandlers(files)['files:print-pdf']({ data: PDF, title }, context)
    const opened = vi.mocked(files.openPath).mock.calls[0]?.[0] ?? ''
    expect(opened.slice(opened.lastIndexOf(sep) + 1)).toBe(fileName)
  })

  it('reports a viewer that cannot be opened', async () => {
    const handlers = createFilesHandlers(host({ openPath: async () => 'No application is associated' }))
    await expect(handlers['files:print-pdf']({ data: PDF, title: 'a.pdf' }, context)).rejects.toThrow(
      '无法打开系统的PDF阅读器',
    )
  })

  it('keeps print files in a private folder that is removed on quit', async () => {
    const folder = createPrintFolder(workDir)
    const path = await folder.path()
    expect(await folder.path()).toBe(path)
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o700)
    await folder.remove()
    await expect(stat(path)).rejects.toThrow()
  })
})

describe('shell:open-external', () => {
  it('opens an allow-listed URL and refuses anything else without opening it', async () => {
    const openExternal = vi.fn(async () => undefined)
    const handlers = createShellHandlers(openExternal)
    expect(await handlers['shell:open-external']({ url: 'https://flk.npc.gov.cn/' }, context)).toEqual({ opened: true })
    await expect(handlers['shell:open-external']({ url: 'file:///etc/passwd' }, context)).rejects.toMatchObject({
      code: 'not-allowed',
    })
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://flk.npc.gov.cn/')
  })
})

describe('app:info', () => {
  it('reports the app, Electron and Chrome versions and the userData folder', async () => {
    const handlers = createAppHandlers(
      { getName: () => '调解室', getVersion: () => '0.1.0', getPath: () => '/home/u/.config/mediation-room' },
      { electron: '45.4.1', chrome: '142.0.0.0' },
      'linux',
    )
    expect(await handlers['app:info'](undefined, context)).toEqual({
      name: '调解室',
      version: '0.1.0',
      electron: '45.4.1',
      chrome: '142.0.0.0',
      platform: 'linux',
      userDataPath: '/home/u/.config/mediation-room',
    })
  })
})

describe('createChannelHandlers', () => {
  it('answers every channel of the contract', () => {
    const handlers = createChannelHandlers(
      handlerDependencies(workDir, {
        files: host(),
        backup: { userDataDir: workDir, chooseFolder: async () => null, backupKeys: testBackupKeys() },
        vault: testVault(workDir),
      }),
    )
    expect(Object.keys(handlers).sort()).toEqual([...ipcChannels].sort())
  })
})

describe('backup and signing channels', () => {
  it("pass the backup module's Chinese messages on to the page", async () => {
    const { createBackupChannelHandlers } = await import('../../../electron/main/handlers/backup')
    const handlers = createBackupChannelHandlers({
      userDataDir: workDir,
      chooseFolder: async () => null,
      backupKeys: testBackupKeys(),
    })
    await expect(
      handlers['backup:read']({ name: 'backup-20261122-083000-manual.mrbak' }, context),
    ).rejects.toMatchObject({
      name: 'IpcRefusal',
      code: 'failed',
      message: '找不到该备份文件',
    })
    expect(await handlers['backup:list'](undefined, context)).toEqual([])
  })

  it("answer the highest version from the main process's own signer and ledger, which still refuses a held version other content", async () => {
    const { createSigningHandlers } = await import('../../../electron/main/handlers/signing')
    const { createNodeSigner } = await import('../../../electron/main/signing')
    const { agreementContent } = await import('../signing/agreementContent')
    const handlers = createSigningHandlers(createNodeSigner(workDir))
    const caseNo = String(agreementContent().caseNo)
    expect(await handlers['signing:highest-version']({ caseNo }, context)).toEqual({ version: 0 })
    await handlers['signing:sign']({ content: { ...agreementContent(), caseNo } }, context)
    await handlers['signing:sign']({ content: { ...agreementContent({ version: 2 }), caseNo } }, context)
    expect(await handlers['signing:highest-version']({ caseNo }, context)).toEqual({ version: 2 })
    expect(await handlers['signing:highest-version']({ caseNo: '（2026）朝调字第99号' }, context)).toEqual({
      version: 0,
    })
    await expect(
      handlers['signing:sign'](
        { content: { ...agreementContent({ version: 2, facts: '改过的事实' }), caseNo } },
        context,
      ),
    ).rejects.toMatchObject({
      name: 'IpcRefusal',
      code: 'failed',
      message: '该协议此版本已签发，不能再次签发不同内容',
      refusal: 'version-holds-other-content',
    })
  })

  it('answer signing requests from the signer, passing its refusals on in Chinese', async () => {
    const { createSigningHandlers } = await import('../../../electron/main/handlers/signing')
    const { SigningRefusal } = await import('../../../electron/main/signing')
    const hashHex = 'ab'.repeat(32)
    const signer = {
      sign: vi.fn(async () => ({ signature: 'sig', keyId: 'k', contentHash: hashHex })),
      verify: vi.fn(async () => ({ valid: true })),
      highestSignedVersion: vi.fn(async () => 3),
      publicKey: vi.fn(async () => ({ keyId: 'k', publicKeyBase64: 'p' })),
      signTransfer: vi.fn(async () => {
        throw new SigningRefusal('transfer-header-refused', '签名内容不是调解室交换文件的文件头，已拒绝签名')
      }),
    }
    const handlers = createSigningHandlers(signer)
    const content = { schema: 'mediation-room/agreement@1', caseNo: '（2026）朝调字第1号' }
    expect(await handlers['signing:sign']({ content }, context)).toEqual({
      signature: 'sig',
      keyId: 'k',
      contentHash: hashHex,
    })
    expect(signer.sign).toHaveBeenCalledWith(content)
    const request = { caseNo: '（2026）朝调字第1号', version: 1, hashHex, signature: 's', keyId: 'k' }
    expect(await handlers['signing:verify'](request, context)).toEqual({ valid: true })
    // a key that does not open: the 核验 screen says so, not 操作未能完成
    signer.verify.mockRejectedValueOnce(
      new SigningRefusal(
        'key-refused',
        '本机的委员会签章密钥无法解开（文件已损坏，或不是本机数据文件夹中的密钥），暂停签发和核验。请联系技术支持。',
      ),
    )
    await expect(handlers['signing:verify'](request, context)).rejects.toMatchObject({
      name: 'IpcRefusal',
      code: 'failed',
      message:
        '本机的委员会签章密钥无法解开（文件已损坏，或不是本机数据文件夹中的密钥），暂停签发和核验。请联系技术支持。',
      refusal: 'key-refused',
    })
    expect(await handlers['signing:highest-version']({ caseNo: '（2026）朝调字第1号' }, context)).toEqual({
      version: 3,
    })
    expect(signer.highestSignedVersion).toHaveBeenCalledWith('（2026）朝调字第1号')
    signer.highestSignedVersion.mockRejectedValueOnce(
      new SigningRefusal('ledger-damaged', '签发登记簿已损坏或被改动，暂停签发。请联系技术支持检查本机数据。'),
    )
    await expect(handlers['signing:highest-version']({ caseNo: '（2026）朝调字第1号' }, context)).rejects.toMatchObject(
      {
        name: 'IpcRefusal',
        code: 'failed',
        message: '签发登记簿已损坏或被改动，暂停签发。请联系技术支持检查本机数据。',
        refusal: 'ledger-damaged',
      },
    )
    expect(await handlers['signing:public-key'](undefined, context)).toEqual({ keyId: 'k', publicKeyBase64: 'p' })
    await expect(handlers['signing:sign-transfer']({ headerText: '{}' }, context)).rejects.toMatchObject({
      name: 'IpcRefusal',
      code: 'failed',
      message: '签名内容不是调解室交换文件的文件头，已拒绝签名',
      refusal: 'transfer-header-refused',
    })
  })
})
