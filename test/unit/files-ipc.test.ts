import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CallResult, FileBytes, FileResult, FileTransport } from '../../main/contract/app-api'
import { AppError } from '../../main/contract/errors'
import type { TicketAttachment } from '../../main/contract/tickets.contract'
import {
  FILE_CHANNELS,
  FILES_DOWNLOAD_CHANNEL,
  FILES_UPLOAD_CHANNEL,
  PRINT_PDF_CHANNEL,
  PRINT_SESSION_CHANNEL,
  RENDERER_SESSION_KEY,
  registerFilesIpc,
  registerPrintIpc,
  registerPrintSessionIpc,
  type PrintRequest,
} from '../../main/ipc/register-files-ipc'
import { isAppUrl } from '../../main/main-window'
import { PrintSessions } from '../../main/print-pdf'
import { FakeIpcMain } from '../support/fake-ipc'
import { sampleFile } from '../support/file-samples'
import { openTestCore, type TestCore } from '../support/test-core'
import { buildTicketOrg, openComplaint, TICKET_NOW } from '../support/tickets'

const APP_URL = 'file:///opt/RenoDesk/resources/app.asar/out/renderer/index.html'
const trusted = (url: string): boolean => isAppUrl(url, APP_URL)
const UNTRUSTED = ['https://evil.example/', 'file:///tmp/evil.html', 'devtools://devtools/bundled/inspector.html', null]

/** A FileTransport that records what reached it. */
function recordingFiles() {
  const seen: Record<keyof FileTransport, unknown[]> = { upload: [], download: [], uploadInspectionPhoto: [], downloadInspectionPhoto: [], downloadExport: [] }
  const uploaded = (method: keyof FileTransport) => async (request: unknown): Promise<CallResult> => {
    seen[method].push(request)
    return { ok: true, value: 'uploaded' }
  }
  const downloaded = (method: keyof FileTransport) => async (request: unknown): Promise<FileResult> => {
    seen[method].push(request)
    return { ok: true, value: { name: 'a.png', mime: 'image/png', bytes: Buffer.from([1, 2, 3]) } }
  }
  const files: FileTransport = {
    upload: uploaded('upload'),
    download: downloaded('download'),
    uploadInspectionPhoto: uploaded('uploadInspectionPhoto'),
    downloadInspectionPhoto: downloaded('downloadInspectionPhoto'),
    downloadExport: downloaded('downloadExport'),
  }
  return { files, seen }
}
const nothingSeen = { upload: [], download: [], uploadInspectionPhoto: [], downloadInspectionPhoto: [], downloadExport: [] }

describe('file IPC channels', () => {
  it('registers the upload and download channels of tickets, inspections and exports, and removes them again', () => {
    const ipc = new FakeIpcMain()
    const unregister = registerFilesIpc(ipc, recordingFiles().files, trusted)
    expect([...ipc.handlers.keys()].sort()).toEqual(['files:download', 'files:downloadExport', 'files:downloadInspectionPhoto', 'files:upload', 'files:uploadInspectionPhoto'])
    expect([FILES_UPLOAD_CHANNEL, FILES_DOWNLOAD_CHANNEL]).toEqual([FILE_CHANNELS.upload, FILE_CHANNELS.download])
    unregister()
    expect(ipc.handlers.size).toBe(0)
  })

  it('refuses frames other than the app page before the core sees anything', async () => {
    const ipc = new FakeIpcMain()
    const { files, seen } = recordingFiles()
    registerFilesIpc(ipc, files, trusted)
    const file: FileBytes = { name: 'a.png', mime: 'image/png', bytes: sampleFile.png() }
    for (const url of UNTRUSTED) {
      expect(await ipc.invoke(FILES_UPLOAD_CHANNEL, url, { ticketId: 1, file, session: 's' }), String(url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await ipc.invoke(FILES_DOWNLOAD_CHANNEL, url, { attachmentId: 1, session: 's' }), String(url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await ipc.invoke(FILE_CHANNELS.uploadInspectionPhoto, url, { inspectionId: 1, file, session: 's' }), String(url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await ipc.invoke(FILE_CHANNELS.downloadInspectionPhoto, url, { photoId: 1, session: 's' }), String(url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await ipc.invoke(FILE_CHANNELS.downloadExport, url, { exportId: 1, session: 's' }), String(url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(seen).toEqual(nothingSeen)
  })

  it('checks the payload: a ticket number, a name and mime as strings, the bytes as a Uint8Array', async () => {
    const ipc = new FakeIpcMain()
    const { files, seen } = recordingFiles()
    registerFilesIpc(ipc, files, trusted)
    const bytes = sampleFile.png()
    const good = { name: '照片.png', mime: 'image/png', bytes }
    const badUploads: unknown[] = [
      undefined,
      'ticket',
      { file: good },
      { ticketId: '7', file: good },
      { ticketId: 0, file: good },
      { ticketId: 1.5, file: good },
      { ticketId: 2 ** 31, file: good },
      { ticketId: 7 },
      { ticketId: 7, file: { ...good, name: 42 } },
      { ticketId: 7, file: { ...good, name: 'x'.repeat(1001) } },
      { ticketId: 7, file: { ...good, mime: null } },
      { ticketId: 7, file: { ...good, bytes: [...bytes] } },
      { ticketId: 7, file: { ...good, bytes: Buffer.from(bytes).toString('base64') } },
      { ticketId: 7, file: { ...good, bytes: bytes.buffer } },
    ]
    for (const payload of badUploads) {
      const answer = (await ipc.invoke(FILES_UPLOAD_CHANNEL, APP_URL, payload)) as CallResult
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
      expect((answer as { error: { message: string } }).error.message).toMatch(/上传参数无效/)
    }
    for (const payload of [undefined, { attachmentId: '3' }, { attachmentId: -1 }, { id: 3 }, { photoId: 3 }]) {
      expect(await ipc.invoke(FILES_DOWNLOAD_CHANNEL, APP_URL, payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    }
    expect(seen).toEqual(nothingSeen)

    await ipc.invoke(FILES_UPLOAD_CHANNEL, APP_URL, { ticketId: 7, file: { ...good, extra: 'dropped' }, session: 'tok' })
    await ipc.invoke(FILES_DOWNLOAD_CHANNEL, APP_URL, { attachmentId: 3, session: 42 })
    expect(seen).toEqual({ ...nothingSeen, upload: [{ ticketId: 7, file: good, session: 'tok' }], download: [{ attachmentId: 3, session: null }] })
  })

  it('checks an inspection photo payload the same way: an inspection number and the file, or a photo number', async () => {
    const ipc = new FakeIpcMain()
    const { files, seen } = recordingFiles()
    registerFilesIpc(ipc, files, trusted)
    const good = { name: '巡检.jpg', mime: 'image/jpeg', bytes: sampleFile.jpeg() }
    const badUploads: unknown[] = [
      undefined,
      { file: good },
      { ticketId: 7, file: good },
      { inspectionId: '7', file: good },
      { inspectionId: 0, file: good },
      { inspectionId: 7 },
      { inspectionId: 7, file: { ...good, name: 42 } },
      { inspectionId: 7, file: { ...good, bytes: [...good.bytes] } },
    ]
    for (const payload of badUploads) {
      const answer = (await ipc.invoke(FILE_CHANNELS.uploadInspectionPhoto, APP_URL, payload)) as CallResult
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
      expect((answer as { error: { message: string } }).error.message).toMatch(/上传参数无效/)
    }
    expect(await ipc.invoke(FILE_CHANNELS.uploadInspectionPhoto, APP_URL, { file: good })).toMatchObject({ error: { message: expect.stringContaining('巡检记录') } })
    for (const payload of [undefined, { photoId: '3' }, { photoId: 2 ** 31 }, { attachmentId: 3 }]) {
      expect(await ipc.invoke(FILE_CHANNELS.downloadInspectionPhoto, APP_URL, payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    }
    expect(seen).toEqual(nothingSeen)

    await ipc.invoke(FILE_CHANNELS.uploadInspectionPhoto, APP_URL, { inspectionId: 7, file: good, session: 'tok' })
    const answer = (await ipc.invoke(FILE_CHANNELS.downloadInspectionPhoto, APP_URL, { photoId: 3, session: null })) as FileResult
    expect(seen).toEqual({ ...nothingSeen, uploadInspectionPhoto: [{ inspectionId: 7, file: good, session: 'tok' }], downloadInspectionPhoto: [{ photoId: 3, session: null }] })
    if (!answer.ok) throw new Error('download refused')
    expect(Object.getPrototypeOf(answer.value.bytes)).toBe(Uint8Array.prototype)
  })

  it('hands downloaded bytes over as a plain Uint8Array', async () => {
    const ipc = new FakeIpcMain()
    registerFilesIpc(ipc, recordingFiles().files, trusted)
    const answer = (await ipc.invoke(FILES_DOWNLOAD_CHANNEL, APP_URL, { attachmentId: 3, session: 's' })) as FileResult
    if (!answer.ok) throw new Error('download refused')
    expect(Object.getPrototypeOf(answer.value.bytes)).toBe(Uint8Array.prototype)
    expect([...answer.value.bytes]).toEqual([1, 2, 3])
  })
})

describe('file IPC into a real core', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await openTestCore({ now: TICKET_NOW })
  })
  afterEach(() => t.close())

  it('uploads and downloads with the session, exactly as the preload does', async () => {
    const org = await buildTicketOrg(t)
    const agent = await org.as('agent')
    const ticket = await openComplaint(org)
    const ipc = new FakeIpcMain()
    registerFilesIpc(ipc, t.core.files, trusted)
    const bytes = sampleFile.jpeg('ipc')
    const uploaded = (await ipc.invoke(FILES_UPLOAD_CHANNEL, APP_URL, { ticketId: ticket.id, file: { name: '门框.jpg', mime: 'image/jpeg', bytes }, session: agent.token })) as CallResult
    expect(uploaded).toMatchObject({ ok: true, value: { name: '门框.jpg', mime: 'image/jpeg', size: bytes.length } })
    const id = (uploaded as { value: TicketAttachment }).value.id
    expect(await ipc.invoke(FILES_DOWNLOAD_CHANNEL, APP_URL, { attachmentId: id, session: agent.token })).toEqual({ ok: true, value: { name: '门框.jpg', mime: 'image/jpeg', bytes } })
    expect(await ipc.invoke(FILES_DOWNLOAD_CHANNEL, APP_URL, { attachmentId: id, session: 'forged' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await ipc.invoke(FILES_UPLOAD_CHANNEL, APP_URL, { ticketId: ticket.id, file: { name: 'a.txt', mime: 'image/jpeg', bytes: Buffer.from('hello') }, session: agent.token })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { file: expect.stringContaining('PDF') } },
    })
  })
})

describe('printToPdf over IPC', () => {
  function setUp(print: (request: PrintRequest) => Promise<boolean>) {
    const ipc = new FakeIpcMain()
    registerPrintIpc(ipc, print, trusted)
    return ipc
  }

  it('passes a print route, the file name and the session on, and answers whether it was saved', async () => {
    const seen: PrintRequest[] = []
    const ipc = setUp(async (request) => {
      seen.push(request)
      return request.fileName !== 'cancel.pdf'
    })
    expect(await ipc.invoke(PRINT_PDF_CHANNEL, APP_URL, { route: '/print/tickets/7', fileName: 'TS20250602-001.pdf', session: 'tok' })).toEqual({ ok: true, value: true })
    expect(await ipc.invoke(PRINT_PDF_CHANNEL, APP_URL, { route: '/print/tickets/7', fileName: 'cancel.pdf', session: null })).toEqual({ ok: true, value: false })
    expect(seen).toEqual([
      { route: '/print/tickets/7', fileName: 'TS20250602-001.pdf', session: 'tok' },
      { route: '/print/tickets/7', fileName: 'cancel.pdf', session: null },
    ])
  })

  it('refuses other routes, missing names and untrusted frames', async () => {
    const seen: PrintRequest[] = []
    const ipc = setUp(async (request) => {
      seen.push(request)
      return true
    })
    for (const route of ['/customers', '/print', '/print/', '/print/../settings', '/print/tickets/7?x=1', 'https://evil.example/print/x', '/print/tickets/7#x', 7]) {
      expect(await ipc.invoke(PRINT_PDF_CHANNEL, APP_URL, { route, fileName: 'a.pdf' }), String(route)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    }
    expect(await ipc.invoke(PRINT_PDF_CHANNEL, APP_URL, { route: '/print/tickets/7' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    for (const url of UNTRUSTED) {
      expect(await ipc.invoke(PRINT_PDF_CHANNEL, url, { route: '/print/tickets/7', fileName: 'a.pdf' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(seen).toEqual([])
  })

  it('answers failures in the API shape: AppErrors as they are, anything else as INTERNAL', async () => {
    const known = setUp(async () => {
      throw new AppError('NOT_FOUND', '打印页面未能加载工单')
    })
    expect(await known.invoke(PRINT_PDF_CHANNEL, APP_URL, { route: '/print/tickets/7', fileName: 'a.pdf' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '打印页面未能加载工单' } })
    const broken = setUp(async () => {
      throw new Error('EACCES: permission denied, open /root/a.pdf')
    })
    const answer = (await broken.invoke(PRINT_PDF_CHANNEL, APP_URL, { route: '/print/tickets/7', fileName: 'a.pdf' })) as CallResult
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(answer)).not.toContain('EACCES')
  })

  it('gives a print window the session handed to it, once, and every other window nothing', () => {
    const ipc = new FakeIpcMain()
    const sessions = new PrintSessions()
    registerPrintSessionIpc(ipc, (id) => sessions.take(id))
    sessions.hand(12, 'tok-12')
    sessions.hand(13, null)
    expect(ipc.sendSync(PRINT_SESSION_CHANNEL, 1)).toBeNull()
    expect(ipc.sendSync(PRINT_SESSION_CHANNEL, 13)).toBeNull()
    expect(ipc.sendSync(PRINT_SESSION_CHANNEL, 12)).toBe('tok-12')
    expect(ipc.sendSync(PRINT_SESSION_CHANNEL, 12)).toBeNull()
  })

  it('puts the session where the renderer keeps it', () => {
    const authStore = readFileSync(resolve(__dirname, '../../renderer/src/stores/auth.store.ts'), 'utf8')
    expect(authStore).toContain(`export const SESSION_STORAGE_KEY = '${RENDERER_SESSION_KEY}'`)
  })
})
