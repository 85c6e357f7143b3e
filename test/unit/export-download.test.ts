import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FileBytes, FileResult } from '../../main/contract/app-api'
import { contentDisposition, exportDownloadPath, fileNameOfDisposition } from '../../main/contract/http-transport'
import type { Report } from '../../main/contract/reports.contract'
import { FILE_CHANNELS, registerFilesIpc } from '../../main/ipc/register-files-ipc'
import { isAppUrl } from '../../main/main-window'
import { EXPORT_TTL_MS, ExportStore } from '../../main/services/export-store'
import { reportWorkbook, XLSX_MIME } from '../../main/services/report-xlsx'
import { FakeIpcMain } from '../support/fake-ipc'
import { openFileServer, type FileServer } from '../support/file-server'
import { rawRequest } from '../support/http-client'
import { CJK, failure, openTestCore, type Session, type TestCore } from '../support/test-core'

const BRIDGE_TOKEN = 'bridge-token-for-export-downloads-0123'
const APP_URL = 'file:///opt/RenoDesk/resources/app.asar/out/renderer/index.html'
const FILE_NAME = '客服月报表_2026年11月 (安居装饰).xlsx'
const NOT_FOUND = { code: 'NOT_FOUND', message: '导出文件不存在或已过期' }

const REPORT: Report = {
  kind: 'serviceMonthly',
  title: '客服月报表',
  companyName: '安居装饰工程有限公司',
  from: '2026-11-01',
  to: '2026-11-30',
  periodLabel: '2026年11月',
  generatedAt: '2026-12-01T01:00:00.000Z',
  sections: [{ key: 'calls', title: '来电', columns: [{ key: 'n', label: '来电量', format: 'int' }], rows: [{ n: 321 }] }],
}

let t: TestCore
let server: FileServer
let port: number
let xlsx: Uint8Array
let agent: Session
let manager: Session

beforeAll(async () => {
  t = await openTestCore({ now: '2026-12-01T01:00:00.000Z' })
  server = await openFileServer(t, BRIDGE_TOKEN)
  port = server.port
  xlsx = await reportWorkbook(REPORT)
  agent = await t.as('agent')
  manager = await t.as('manager')
})
afterAll(async () => {
  await server.close()
  await t.close()
})

/** A built export as the reports service leaves it: in the core's store, for `owner`. */
const stored = (owner: Session, bytes = xlsx): number => t.core.exportStore.put(owner.user.id, { name: FILE_NAME, mime: XLSX_MIME, bytes }).exportId
const direct = (session: Session | string | null, exportId: number): Promise<FileResult> =>
  t.core.files.downloadExport({ exportId, session: typeof session === 'string' || session === null ? session : session.token })
const get = (exportId: number | string, headers: Record<string, string>, method = 'GET') => rawRequest({ port, method, path: `/files/exports/${exportId}`, headers })
const asUser = (session: Session): Record<string, string> => ({ 'X-Bridge-Token': BRIDGE_TOKEN, Authorization: `Bearer ${session.token}` })

function refusal(result: FileResult): { code: string; message: string } {
  if (result.ok) throw new Error('expected a refusal, the download succeeded')
  expect(result.error.message).toMatch(CJK)
  return result.error
}

describe('export downloads, through the direct transport', () => {
  it('hands the file once to whoever built it, then answers NOT_FOUND', async () => {
    const id = stored(agent)
    expect(await agent.client.files.downloadExport(id)).toEqual({ name: FILE_NAME, mime: XLSX_MIME, bytes: xlsx })
    expect(await failure(agent.client.files.downloadExport(id))).toEqual(NOT_FOUND)
  })

  it('answers someone else exactly as for a missing file, and leaves the file for its owner', async () => {
    const id = stored(agent)
    expect(refusal(await direct(manager, id))).toEqual(NOT_FOUND)
    expect(refusal(await direct(manager, id + 1))).toEqual(NOT_FOUND)
    expect(await direct(agent, id)).toEqual({ ok: true, value: { name: FILE_NAME, mime: XLSX_MIME, bytes: xlsx } })
  })

  it('refuses without a live session, before looking the file up (it stays for its owner)', async () => {
    const id = stored(agent)
    expect(refusal(await direct(null, id)).code).toBe('UNAUTHENTICATED')
    expect(refusal(await direct('forged-session', id)).code).toBe('UNAUTHENTICATED')
    expect((await direct(agent, id)).ok).toBe(true)
  })

  it('keeps a file ten minutes, then forgets it', async () => {
    const kept = stored(agent)
    const dropped = stored(agent)
    t.clock.advance({ minutes: 9, seconds: 59 })
    expect((await direct(await t.as('agent'), kept)).ok).toBe(true)
    t.clock.advance({ seconds: 1 })
    expect(refusal(await direct(await t.as('agent'), dropped))).toEqual(NOT_FOUND)
    agent = await t.as('agent')
    manager = await t.as('manager')
  })

  it('goes through the IPC channel the preload uses, payload checked first', async () => {
    const ipc = new FakeIpcMain()
    registerFilesIpc(ipc, t.core.files, (url) => isAppUrl(url, APP_URL))
    const id = stored(agent)
    for (const payload of [undefined, { exportId: String(id) }, { exportId: 0 }, { exportId: 2 ** 31 }, { photoId: id }]) {
      expect(await ipc.invoke(FILE_CHANNELS.downloadExport, APP_URL, { ...payload, session: agent.token }), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    }
    expect(await ipc.invoke(FILE_CHANNELS.downloadExport, 'https://evil.example/', { exportId: id, session: agent.token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await ipc.invoke(FILE_CHANNELS.downloadExport, APP_URL, { exportId: id, session: manager.token })).toEqual({ ok: false, error: NOT_FOUND })
    const answer = (await ipc.invoke(FILE_CHANNELS.downloadExport, APP_URL, { exportId: id, session: agent.token })) as FileResult
    expect(answer).toEqual({ ok: true, value: { name: FILE_NAME, mime: XLSX_MIME, bytes: xlsx } })
    expect(Object.getPrototypeOf((answer as { value: FileBytes }).value.bytes)).toBe(Uint8Array.prototype)
    expect(await ipc.invoke(FILE_CHANNELS.downloadExport, APP_URL, { exportId: id, session: agent.token })).toEqual({ ok: false, error: NOT_FOUND })
  })
})

describe('export downloads, through browser mode', () => {
  it('serves the workbook with its type, its Chinese name (RFC 5987), nosniff and no caching, once', async () => {
    const id = stored(agent)
    const res = await get(id, asUser(agent))
    expect(res.status).toBe(200)
    expect(res.headers).toMatchObject({
      'content-type': XLSX_MIME,
      'content-length': String(xlsx.length),
      'content-disposition': contentDisposition(FILE_NAME),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    })
    expect(res.headers['content-disposition']).toBe("inline; filename*=UTF-8''%E5%AE%A2%E6%9C%8D%E6%9C%88%E6%8A%A5%E8%A1%A8_2026%E5%B9%B411%E6%9C%88%20%28%E5%AE%89%E5%B1%85%E8%A3%85%E9%A5%B0%29.xlsx")
    expect(fileNameOfDisposition(String(res.headers['content-disposition']))).toBe(FILE_NAME)

    const again = await get(id, asUser(agent))
    expect(again.status).toBe(404)
    expect(again.json()).toEqual({ ok: false, error: NOT_FOUND })
  })

  it('round-trips through createHttpTransport into a workbook Excel opens', async () => {
    const id = stored(agent)
    const client = server.clientFor(agent)
    const file = await client.files.downloadExport(id)
    expect(file).toEqual({ name: FILE_NAME, mime: XLSX_MIME, bytes: xlsx })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['报表信息', '来电'])
    expect(workbook.worksheets[1].getCell('A2').value).toBe(321)
    expect(await failure(client.files.downloadExport(id))).toEqual(NOT_FOUND)
  })

  it('refuses like the other file routes: no token or session 401, someone else or expired 404, wrong method 400', async () => {
    const id = stored(agent)
    const expired = stored(agent)
    const cases: [Promise<Awaited<ReturnType<typeof rawRequest>>>, number, string][] = [
      [get(id, {}), 401, 'UNAUTHENTICATED'],
      [get(id, { 'X-Bridge-Token': 'wrong', Authorization: `Bearer ${agent.token}` }), 401, 'UNAUTHENTICATED'],
      [get(id, { 'X-Bridge-Token': BRIDGE_TOKEN }), 401, 'UNAUTHENTICATED'],
      [get(id, { 'X-Bridge-Token': BRIDGE_TOKEN, Authorization: 'Bearer forged' }), 401, 'UNAUTHENTICATED'],
      [get(id, asUser(manager)), 404, 'NOT_FOUND'],
      [get(999_999, asUser(agent)), 404, 'NOT_FOUND'],
      [get('abc', asUser(agent)), 404, 'NOT_FOUND'],
      [get('0', asUser(agent)), 404, 'NOT_FOUND'],
      [get('99999999999', asUser(agent)), 404, 'NOT_FOUND'],
      [get(`${id}/x`, asUser(agent)), 404, 'NOT_FOUND'],
      [rawRequest({ port, method: 'POST', path: exportDownloadPath(id), headers: asUser(agent), body: '' }), 400, 'BAD_REQUEST'],
    ]
    for (const [pending, status, code] of cases) {
      const res = await pending
      expect(res.status, `${code} ${res.text}`).toBe(status)
      expect(res.json()).toMatchObject({ ok: false, error: { code } })
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(CJK)
    }
    // none of the refusals used the file up
    expect((await get(id, asUser(agent))).status).toBe(200)

    t.clock.advance({ minutes: 10 })
    agent = await t.as('agent')
    const late = await get(expired, asUser(agent))
    expect(late.status).toBe(404)
    expect(late.json()).toEqual({ ok: false, error: NOT_FOUND })
  })
})

describe('ExportStore', () => {
  it('answers a fresh id and the size, and hands each file over once to its owner only', () => {
    const store = new ExportStore()
    const file: FileBytes = { name: 'a.xlsx', mime: XLSX_MIME, bytes: new Uint8Array([1, 2, 3]) }
    const a = store.put(7, file)
    const b = store.put(7, file)
    expect(a.size).toBe(3)
    expect(a.exportId).not.toBe(b.exportId)
    for (const { exportId } of [a, b]) expect(Number.isSafeInteger(exportId) && exportId >= 1 && exportId <= 2_147_483_647).toBe(true)
    expect(store.take(a.exportId, 8)).toBeNull()
    expect(store.take(a.exportId, 7)).toBe(file)
    expect(store.take(a.exportId, 7)).toBeNull()
    expect(store.size).toBe(1)
  })

  it('drops what waited ten minutes, on its injected clock', () => {
    let now = Date.parse('2026-12-01T00:00:00.000Z')
    const store = new ExportStore(() => new Date(now))
    const file: FileBytes = { name: 'a.xlsx', mime: XLSX_MIME, bytes: new Uint8Array(10) }
    const first = store.put(1, file)
    now += EXPORT_TTL_MS - 1
    const second = store.put(1, file)
    expect(store.size).toBe(2)
    now += 1
    // the first one's ten minutes are up: gone from memory even though nobody asked for it
    expect(store.size).toBe(1)
    expect(store.take(first.exportId, 1)).toBeNull()
    expect(store.take(second.exportId, 1)).toBe(file)
  })
})
