import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'

vi.mock('electron', () => ({}))

const { createPrintFolder, PRINT_LIMITS } = await import('../../../electron/main/print-folder')
const { createFilesHandlers } = await import('../../../electron/main/handlers/files')
type HandlerContext = import('../../../electron/main/ipc').HandlerContext
type FilesHost = import('../../../electron/main/handlers/files').FilesHost

const MB = 1024 * 1024
const context = { sender: {} } as HandlerContext

/** A PDF of the given size: the magic bytes, then padding. */
function pdfOf(bytes: number): Uint8Array {
  const data = new Uint8Array(bytes)
  data.set(new TextEncoder().encode('%PDF-1.7\n'))
  return data
}

/** statfs answering with this much free space. */
function freeSpace(bytes: number) {
  return vi.fn(async () => ({ bavail: Math.floor(bytes / 4096), bsize: 4096 }))
}

let parent: string
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'mr-print-'))
})
afterEach(async () => {
  await rm(parent, { recursive: true, force: true })
})

/** files:print-pdf over a real print folder in `parent`, with a fake statfs and viewer. */
function printer(options: Parameters<typeof createPrintFolder>[1] = {}) {
  const folder = createPrintFolder(parent, { statfs: freeSpace(10_000 * MB), ...options })
  const openPath = vi.fn(async (_path: string) => '')
  const host: FilesHost = {
    showSaveDialog: vi.fn(),
    writeFileDurably: vi.fn(),
    openPath,
    documentsDir: () => parent,
    preparePrintFolder: (bytes) => folder.prepare(bytes),
  }
  const print = (data: Uint8Array, title = '调解协议书') =>
    createFilesHandlers(host)['files:print-pdf']({ data, title }, context)
  return { folder, openPath, print }
}

/** Every PDF under the print folder, oldest first by the order they were opened. */
async function pdfsOnDisk(root: string): Promise<string[]> {
  const found: string[] = []
  for (const sub of await readdir(root))
    for (const file of await readdir(join(root, sub))) found.push(join(root, sub, file))
  return found
}

describe('the limits (written out)', () => {
  it('are 50 MB per PDF, 10 PDFs and 200 MB in all', () => {
    expect(PRINT_LIMITS).toEqual({ maxFileBytes: 50 * MB, maxFiles: 10, maxTotalBytes: 200 * MB })
  })
})

describe('files:print-pdf bounds the temporary PDFs', () => {
  it('refuses a PDF over 50 MB in Chinese, writing and opening nothing', async () => {
    const { folder, openPath, print } = printer()
    await expect(print(pdfOf(50 * MB + 1))).rejects.toMatchObject({
      name: 'IpcRefusal',
      code: 'failed',
      message: expect.stringContaining('超过打印上限 50 MB'),
    })
    expect(openPath).not.toHaveBeenCalled()
    expect(await pdfsOnDisk(await folder.path())).toEqual([])
  })

  it('accepts a PDF of exactly 50 MB', async () => {
    const { print } = printer()
    expect(await print(pdfOf(50 * MB))).toEqual({ opened: true })
  })

  it('keeps at most 10 PDFs, deleting the oldest first', async () => {
    const { folder, openPath, print } = printer()
    for (let index = 1; index <= 13; index += 1) await print(pdfOf(1000), `第${index}份`)
    const onDisk = await pdfsOnDisk(await folder.path())
    expect(onDisk.map((path) => basename(path)).sort()).toEqual(
      [4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((index) => `第${index}份.pdf`).sort(),
    )
    // The one just opened is always kept.
    const last = openPath.mock.calls.at(-1)?.[0] ?? ''
    expect(new Uint8Array(await readFile(last))).toEqual(pdfOf(1000))
  })

  it('keeps the PDFs within 200 MB in all, deleting the oldest first', async () => {
    const { folder, print } = printer()
    for (let index = 1; index <= 5; index += 1) await print(pdfOf(45 * MB), `第${index}份`)
    const onDisk = await pdfsOnDisk(await folder.path())
    expect(onDisk.map((path) => basename(path)).sort()).toEqual(['第2份.pdf', '第3份.pdf', '第4份.pdf', '第5份.pdf'])
    let total = 0
    for (const path of onDisk) total += (await stat(path)).size
    expect(total).toBeLessThanOrEqual(200 * MB)
  })

  it('refuses in Chinese when the disk is nearly full, writing and opening nothing', async () => {
    const { folder, openPath, print } = printer({ statfs: freeSpace(150 * MB) })
    await expect(print(pdfOf(1000))).rejects.toMatchObject({
      name: 'IpcRefusal',
      code: 'failed',
      message: expect.stringMatching(/^磁盘空间不足：剩余 150 MB，打印至少需要 200 MB。/),
    })
    expect(openPath).not.toHaveBeenCalled()
    expect(await pdfsOnDisk(await folder.path())).toEqual([])
  })

  it('prints when 200 MB are free', async () => {
    expect(await printer({ statfs: freeSpace(200 * MB) }).print(pdfOf(49 * MB))).toEqual({ opened: true })
  })

  it('reports a failed write in Chinese', async () => {
    const openPath = vi.fn(async () => '')
    const host: FilesHost = {
      showSaveDialog: vi.fn(),
      writeFileDurably: vi.fn(),
      openPath,
      documentsDir: () => parent,
      preparePrintFolder: async () => join(parent, 'gone'),
    }
    await expect(
      createFilesHandlers(host)['files:print-pdf']({ data: pdfOf(1000), title: 'a' }, context),
    ).rejects.toThrow('无法写入打印文件：文件夹不存在')
    expect(openPath).not.toHaveBeenCalled()
  })
})

describe('the print folder', () => {
  it('still prints after the temp cleaner removed the folder', async () => {
    const { folder, print } = printer()
    await print(pdfOf(1000))
    await rm(await folder.path(), { recursive: true, force: true })
    expect(await print(pdfOf(1000))).toEqual({ opened: true })
    if (process.platform !== 'win32') expect((await stat(await folder.path())).mode & 0o777).toBe(0o700)
  })

  it('is removed on quit with every PDF in it', async () => {
    const { folder, print } = printer()
    await print(pdfOf(1000))
    const root = await folder.path()
    await folder.remove()
    await expect(stat(root)).rejects.toThrow()
  })

  it("clears print folders a previous run left behind a day ago, not a newer one's", async () => {
    const stale = join(parent, 'mediation-room-print-stale')
    const recent = join(parent, 'mediation-room-print-recent')
    const unrelated = join(parent, 'someone-else-old')
    for (const dir of [stale, recent, unrelated]) await mkdir(join(dir, 'print-1'), { recursive: true })
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000)
    await utimes(stale, twoDaysAgo, twoDaysAgo)
    await utimes(unrelated, twoDaysAgo, twoDaysAgo)
    const { folder } = printer()
    const root = await folder.path()
    expect(dirname(root)).toBe(parent)
    expect((await readdir(parent)).sort()).toEqual(
      [basename(root), 'mediation-room-print-recent', 'someone-else-old'].sort(),
    )
  })
})

describe('the print folder at start and at quit', () => {
  it('at start, removes at once the folder of a run that is gone, keeps a running one’s, and makes none', async () => {
    const gone = join(parent, 'mediation-room-print-999001-abcdef')
    const running = join(parent, 'mediation-room-print-4242-abcdef')
    for (const dir of [gone, running]) await mkdir(join(dir, 'print-1'), { recursive: true })
    const isRunning = vi.fn((pid: number) => pid === 4242)
    const folder = createPrintFolder(parent, { statfs: freeSpace(10_000 * MB), isRunning })
    await folder.sweep()
    expect(await readdir(parent)).toEqual(['mediation-room-print-4242-abcdef'])
    expect(isRunning).toHaveBeenCalledWith(999001)
  })

  it('names its folder after this process, so the next start can tell it was left behind', async () => {
    const { folder, print } = printer()
    await print(pdfOf(1000))
    expect(basename(await folder.path())).toMatch(new RegExp(`^mediation-room-print-${process.pid}-`))
    // This run's own folder survives a sweep while the app runs.
    await folder.sweep()
    expect(await pdfsOnDisk(await folder.path())).toHaveLength(1)
  })

  it('is removed at quit synchronously, every PDF with it', async () => {
    const { folder, print } = printer()
    await print(pdfOf(1000))
    const root = await folder.path()
    folder.removeNow()
    expect(await readdir(parent)).toEqual([])
    await expect(stat(root)).rejects.toThrow()
  })
})

describe('the free-space rule, the same for prints and backups', () => {
  it('refuses a print exactly when a backup of the same size is refused', async () => {
    const { assertFreeSpace } = await import('../../../electron/main/backup/diskSpace')
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 * MB }),
        fc.integer({ min: 0, max: 400 * MB }),
        async (bytes, free) => {
          const statfs = freeSpace(free)
          const backupRefused = await assertFreeSpace(parent, bytes, statfs).then(
            () => false,
            () => true,
          )
          const printRefused = await createPrintFolder(parent, { statfs })
            .prepare(bytes)
            .then(
              () => false,
              () => true,
            )
          // Written out: at least 200 MB, and at least three times the file (free counted in whole 4 KB blocks).
          const blocks = Math.floor(free / 4096) * 4096
          expect(printRefused).toBe(blocks < Math.max(200 * MB, 3 * bytes))
          expect(backupRefused).toBe(printRefused)
        },
      ),
      { numRuns: 40 },
    )
  })
})
