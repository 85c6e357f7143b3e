import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallResult, FileBytes, FileResult } from '../../main/contract/app-api'
import type { AppErrorShape } from '../../main/contract/errors'
import type { AppEvent } from '../../main/contract/events'
import { inspectionPhotoDownloadPath, inspectionPhotoUploadPath } from '../../main/contract/http-transport'
import type { InspectionPhoto } from '../../main/contract/inspections.contract'
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type TicketAttachment } from '../../main/contract/tickets.contract'
import { FILE_CHANNELS, registerFilesIpc } from '../../main/ipc/register-files-ipc'
import { insertRows } from '../../database/insert-rows'
import { countRows } from '../support/db-snapshot'
import { FakeIpcMain } from '../support/fake-ipc'
import { filesUnder, isStored, openFilesFixture, sampleFile, storedPath, type FilesFixture } from '../support/file-samples'
import { openFileServer, type FileServer } from '../support/file-server'
import { rawRequest } from '../support/http-client'
import { CJK, failure, type Session, type TestCore } from '../support/test-core'
import { openComplaint, snapshot, TICKET_NOW, type TicketOrg } from '../support/tickets'

const BRIDGE_TOKEN = 'bridge-token-for-inspection-photos-0123'
const APP_URL = 'file:///opt/RenoDesk/resources/app.asar/out/renderer/index.html'

let fixture: FilesFixture
let t: TestCore
let org: TicketOrg
let filesDir: string
let server: FileServer
let port: number

beforeAll(async () => {
  fixture = await openFilesFixture()
  ;({ t, org, filesDir } = fixture)
  server = await openFileServer(t, BRIDGE_TOKEN)
  port = server.port
})
afterAll(async () => {
  await server.close()
  await fixture.close()
})

let contracts = 0
/**
 * A site under construction and one inspection of it, written straight into the tables (the
 * inspections service records them through the API; these tests need only the rows to exist).
 */
async function insertInspection(): Promise<number> {
  const agent = await org.as('agent')
  return t.core.store.write(async (em) => {
    const projectId = await insertRows(em, 'project', {
      contractNo: `HT20250520-${String(++contracts).padStart(3, '0')}`,
      customerId: org.customers.zhang.id,
      address: '阳光花园 3-1-502',
      designerId: org.people.designer.id,
      supervisorId: org.people.floating.id,
      amountFen: 18_000_000,
      firstFen: 0,
      midtermFen: 0,
      finalFen: 0,
      signedOn: '2025-05-20',
      startOn: '2025-05-26',
      status: 'building',
      createdBy: agent.user.id,
      version: 1,
    })
    return insertRows(em, 'inspection', { projectId, inspectedOn: '2025-06-02', inspectorId: org.people.floating.id, recordedBy: agent.user.id, result: 'ok', findings: '水电开槽规范，现场整洁' })
  })
}

const upload = (session: Session | string | null, inspectionId: number, file: FileBytes): Promise<CallResult> =>
  t.core.files.uploadInspectionPhoto({ inspectionId, file, session: typeof session === 'string' || session === null ? session : session.token })
const download = (session: Session | null, photoId: number): Promise<FileResult> => t.core.files.downloadInspectionPhoto({ photoId, session: session?.token ?? null })

function refused(result: CallResult | FileResult): AppErrorShape {
  if (result.ok) throw new Error('expected a refusal, the call succeeded')
  expect(result.error.message).toMatch(CJK)
  return result.error
}

/** What `inspection_photo` holds for one photo, as stored. */
async function photoRow(id: number): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown>[] = await t.core.store.read.query(
    'SELECT inspection_id AS "inspectionId", hash, name, mime, size, uploaded_by AS "uploadedBy" FROM inspection_photo WHERE id = ?',
    [id],
  )
  return rows[0]
}

describe('inspection photos, through the direct transport', () => {
  it('stores the photo beside ticket attachments, writes its row, announces it, audits it and gives it back', async () => {
    const agent = await org.as('agent')
    const inspectionId = await insertInspection()
    const bytes = sampleFile.jpeg('inspection round trip')
    const seen: AppEvent[] = []
    const stop = t.core.events.subscribe((e) => seen.push(e))
    const photo = await agent.client.files.uploadInspectionPhoto(inspectionId, { name: 'C:\\fakepath\\卫生间防水.jpg', mime: 'application/octet-stream', bytes })
    stop()

    expect(photo).toEqual({ id: expect.any(Number), name: '卫生间防水.jpg', mime: 'image/jpeg', size: bytes.length, uploadedAt: TICKET_NOW } satisfies InspectionPhoto)
    expect(seen).toEqual([{ type: 'dataChanged', area: 'inspections', id: inspectionId }])
    expect(await photoRow(photo.id)).toEqual({ inspectionId, hash: storedPath(filesDir, bytes).slice(-64), name: '卫生间防水.jpg', mime: 'image/jpeg', size: bytes.length, uploadedBy: agent.user.id })
    expect(new Uint8Array(await readFile(storedPath(filesDir, bytes)))).toEqual(bytes)
    expect(await agent.client.files.downloadInspectionPhoto(photo.id)).toEqual({ name: '卫生间防水.jpg', mime: 'image/jpeg', bytes })
    // the inspection, read through the API, lists the photo exactly as the upload answered it
    expect((await agent.api.inspections.get({ id: inspectionId })).photos).toEqual([photo])

    await t.core.audit.flush()
    const audit = (await (await org.as('admin')).api.audit.list({ page: 1, pageSize: 50 })).items
    const uploaded = audit.find((a) => a.method === 'files.uploadInspectionPhoto' && a.entityId === inspectionId)
    expect(uploaded).toMatchObject({ action: 'change', actorId: agent.user.id })
    expect(JSON.parse(uploaded!.detail!)).toEqual({ photoId: photo.id, name: '卫生间防水.jpg', mime: 'image/jpeg', size: bytes.length })
    const viewed = audit.find((a) => a.method === 'files.downloadInspectionPhoto' && a.entityId === photo.id)
    expect(viewed).toMatchObject({ action: 'view', actorId: agent.user.id })
    expect(JSON.parse(viewed!.detail!)).toEqual({ inspectionId })
  })

  it('keeps one file for the same bytes on a ticket and on an inspection: one content store', async () => {
    const agent = await org.as('agent')
    const inspectionId = await insertInspection()
    const ticket = await openComplaint(org)
    const bytes = sampleFile.png('shared with a ticket')
    const onTicket = (await t.core.files.upload({ ticketId: ticket.id, file: { name: '报修.png', mime: 'image/png', bytes }, session: agent.token })) as { ok: true; value: TicketAttachment }
    const photo = await agent.client.files.uploadInspectionPhoto(inspectionId, { name: '巡检.png', mime: 'image/png', bytes })
    expect((await filesUnder(filesDir)).filter((f) => f.endsWith(onTicket.value.hash))).toHaveLength(1)
    expect(await photoRow(photo.id)).toMatchObject({ hash: onTicket.value.hash })
    // a ticket's attachment and an inspection's photo are numbered apart: each download reads its own table
    expect(await agent.client.files.download(onTicket.value.id)).toMatchObject({ name: '报修.png', bytes })
    expect(await agent.client.files.downloadInspectionPhoto(photo.id)).toMatchObject({ name: '巡检.png', bytes })
  })

  it('lets shift leads and managers upload and view, receptionists and admins neither', async () => {
    const inspectionId = await insertInspection()
    for (const role of ['shiftLead', 'manager'] as const) {
      const session = await org.as(role)
      const photo = await session.client.files.uploadInspectionPhoto(inspectionId, { name: `${role}.webp`, mime: 'image/webp', bytes: sampleFile.webp(role) })
      expect((await download(session, photo.id)).ok, role).toBe(true)
    }
    const agent = await org.as('agent')
    const photo = await agent.client.files.uploadInspectionPhoto(inspectionId, { name: '验收.pdf', mime: 'application/pdf', bytes: sampleFile.pdf('viewers') })
    const before = await snapshot(t)
    for (const role of ['receptionist', 'admin'] as const) expect(refused(await download(await org.as(role), photo.id)).code, role).toBe('FORBIDDEN')
    expect(refused(await download(null, photo.id)).code).toBe('UNAUTHENTICATED')
    const missing = refused(await download(agent, 999_999))
    expect(missing.code).toBe('NOT_FOUND')
    expect(missing.message).toContain('巡检照片')
    // refusals are not audited as views
    expect(await snapshot(t)).toEqual(before)
  })

  describe('refuses, with a clear message and nothing written', () => {
    let inspectionId: number
    beforeAll(async () => {
      inspectionId = await insertInspection()
    })

    const expectNothingWritten = async (bytes: Uint8Array, call: () => Promise<CallResult>): Promise<AppErrorShape> => {
      const before = await snapshot(t)
      const photos = await countRows(t.core.store, 'inspection_photo')
      const files = await filesUnder(filesDir)
      const error = refused(await call())
      expect(await snapshot(t)).toEqual(before)
      expect(await countRows(t.core.store, 'inspection_photo')).toBe(photos)
      expect(await filesUnder(filesDir)).toEqual(files)
      expect(isStored(filesDir, bytes)).toBe(false)
      return error
    }

    it('a file of another type, naming the types allowed', async () => {
      const agent = await org.as('agent')
      for (const [name, bytes] of [
        ['现场.jpg', Buffer.from('<html><script>alert(1)</script></html>')],
        ['现场.heic', Buffer.from('\0\0\0\x18ftypheic', 'latin1')],
      ] as const) {
        const error = await expectNothingWritten(bytes, () => upload(agent, inspectionId, { name, mime: 'image/jpeg', bytes }))
        expect(error.code, name).toBe('VALIDATION')
        for (const label of Object.values(ATTACHMENT_TYPES)) expect(error.fields?.file).toContain(label)
      }
    })

    it('an empty file and one past 10 MB', async () => {
      const agent = await org.as('agent')
      expect(await expectNothingWritten(new Uint8Array(), () => upload(agent, inspectionId, { name: 'a.jpg', mime: 'image/jpeg', bytes: new Uint8Array() }))).toMatchObject({ code: 'VALIDATION' })
      const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1)
      big.set(sampleFile.jpeg())
      const tooBig = await expectNothingWritten(big, () => upload(agent, inspectionId, { name: 'big.jpg', mime: 'image/jpeg', bytes: big }))
      expect(tooBig).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', fields: { file: expect.stringContaining('10 MB') } })
    })

    it('a name that is empty, too long, or carries control or direction characters', async () => {
      const agent = await org.as('agent')
      const bytes = sampleFile.jpeg('bad inspection name')
      for (const name of ['', '..', 'dir/', '两行\n名字.jpg', `${'x'.repeat(197)}.jpg`, 'photo\u202Egpj.exe']) {
        const error = await expectNothingWritten(bytes, () => upload(agent, inspectionId, { name, mime: 'image/jpeg', bytes }))
        expect(error.code, JSON.stringify(name)).toBe('VALIDATION')
        expect(error.fields?.name, JSON.stringify(name)).toMatch(/文件名/)
      }
    })

    it('an inspection that does not exist, naming it', async () => {
      const agent = await org.as('agent')
      const bytes = sampleFile.jpeg('no such inspection')
      const error = await expectNothingWritten(bytes, () => upload(agent, 987_654, { name: 'a.jpg', mime: 'image/jpeg', bytes }))
      expect(error.code).toBe('NOT_FOUND')
      expect(error.message).toContain('巡检记录')
      expect(error.message).toContain('987654')
    })

    it('callers without projects.write, and missing or forged sessions', async () => {
      const bytes = sampleFile.jpeg('who uploads')
      const file = { name: 'a.jpg', mime: 'image/jpeg', bytes }
      const receptionist = await org.as('receptionist')
      const admin = await org.as('admin')
      expect((await expectNothingWritten(bytes, () => upload(receptionist, inspectionId, file))).code).toBe('FORBIDDEN')
      expect((await expectNothingWritten(bytes, () => upload(admin, inspectionId, file))).code).toBe('FORBIDDEN')
      expect((await expectNothingWritten(bytes, () => upload(null, inspectionId, file))).code).toBe('UNAUTHENTICATED')
      expect((await expectNothingWritten(bytes, () => upload('forged-token', inspectionId, file))).code).toBe('UNAUTHENTICATED')
      // the permission is checked before the inspection is looked up: nothing tells a receptionist which inspections exist
      expect((await expectNothingWritten(bytes, () => upload(receptionist, 987_654, file))).code).toBe('FORBIDDEN')
    })
  })
})

describe('inspection photos in browser mode', () => {
  it('round-trips through createHttpTransport: POST /files/inspections/<id>, GET /files/inspection-photos/<id>', async () => {
    const agent = await org.as('agent')
    const inspectionId = await insertInspection()
    const client = server.clientFor(agent)
    const bytes = sampleFile.webp('http inspection')
    const photo = await client.files.uploadInspectionPhoto(inspectionId, { name: '吊顶 (返工后).webp', mime: 'image/jpeg', bytes })
    expect(photo).toEqual({ id: expect.any(Number), name: '吊顶 (返工后).webp', mime: 'image/webp', size: bytes.length, uploadedAt: TICKET_NOW })
    expect(await client.files.downloadInspectionPhoto(photo.id)).toEqual({ name: '吊顶 (返工后).webp', mime: 'image/webp', bytes })

    const res = await rawRequest({ port, path: inspectionPhotoDownloadPath(photo.id), headers: { 'X-Bridge-Token': BRIDGE_TOKEN, Authorization: `Bearer ${agent.token}` } })
    expect(res.status).toBe(200)
    expect(res.headers).toMatchObject({ 'content-type': 'image/webp', 'content-length': String(bytes.length), 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-cache' })
  })

  it('answers refusals with the status that fits, and writes nothing', async () => {
    const agent = await org.as('agent')
    const inspectionId = await insertInspection()
    const bytes = sampleFile.jpeg('http refusals')
    const post = (id: number | string, body: Buffer | Uint8Array, headers: Record<string, string> = {}) =>
      rawRequest({
        port,
        method: 'POST',
        path: `/files/inspections/${id}`,
        headers: { 'X-Bridge-Token': BRIDGE_TOKEN, Authorization: `Bearer ${agent.token}`, 'Content-Type': 'image/jpeg', 'X-File-Name': encodeURIComponent('巡检.jpg'), ...headers },
        body: Buffer.from(body),
      })
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1)
    big.set(sampleFile.jpeg())
    const receptionist = await org.as('receptionist')
    const before = await snapshot(t)
    const files = await filesUnder(filesDir)
    const cases: [Promise<Awaited<ReturnType<typeof rawRequest>>>, number, string][] = [
      [post(inspectionId, Buffer.from('GIF89a not allowed')), 400, 'VALIDATION'],
      [post(inspectionId, big), 413, 'PAYLOAD_TOO_LARGE'],
      [post(inspectionId, bytes, { 'X-File-Name': encodeURIComponent('a\u0000.jpg') }), 400, 'VALIDATION'],
      [post(987_654, bytes), 404, 'NOT_FOUND'],
      [post(inspectionId, bytes, { Authorization: `Bearer ${receptionist.token}` }), 403, 'FORBIDDEN'],
      [post(inspectionId, bytes, { Authorization: '' }), 401, 'UNAUTHENTICATED'],
      [post('0', bytes), 404, 'NOT_FOUND'],
      [rawRequest({ port, method: 'GET', path: inspectionPhotoUploadPath(inspectionId), headers: { 'X-Bridge-Token': BRIDGE_TOKEN } }), 400, 'BAD_REQUEST'],
      [rawRequest({ port, path: inspectionPhotoDownloadPath(999_999), headers: { 'X-Bridge-Token': BRIDGE_TOKEN, Authorization: `Bearer ${agent.token}` } }), 404, 'NOT_FOUND'],
      [rawRequest({ port, path: inspectionPhotoDownloadPath(1), headers: { 'X-Bridge-Token': BRIDGE_TOKEN, Authorization: `Bearer ${receptionist.token}` } }), 403, 'FORBIDDEN'],
    ]
    for (const [pending, status, code] of cases) {
      const res = await pending
      expect(res.status, `${code} ${res.text}`).toBe(status)
      expect(res.json()).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(CJK) } })
    }
    expect(await snapshot(t)).toEqual(before)
    expect(await filesUnder(filesDir)).toEqual(files)
    expect(isStored(filesDir, bytes)).toBe(false)

    expect(await failure(server.clientFor(null).files.uploadInspectionPhoto(inspectionId, { name: 'a.jpg', mime: 'image/jpeg', bytes }))).toMatchObject({ code: 'UNAUTHENTICATED' })
  })
})

describe('inspection photos over Electron IPC', () => {
  it('uploads and downloads on their own channels with the session, as the preload sends them', async () => {
    const agent = await org.as('agent')
    const inspectionId = await insertInspection()
    const ipc = new FakeIpcMain()
    registerFilesIpc(ipc, t.core.files, (url) => url === APP_URL)
    const bytes = sampleFile.png('ipc inspection')
    const uploaded = (await ipc.invoke(FILE_CHANNELS.uploadInspectionPhoto, APP_URL, { inspectionId, file: { name: '墙面.png', mime: 'image/png', bytes }, session: agent.token })) as CallResult
    expect(uploaded).toEqual({ ok: true, value: { id: expect.any(Number), name: '墙面.png', mime: 'image/png', size: bytes.length, uploadedAt: TICKET_NOW } })
    const photoId = (uploaded as { value: InspectionPhoto }).value.id
    expect(await ipc.invoke(FILE_CHANNELS.downloadInspectionPhoto, APP_URL, { photoId, session: agent.token })).toEqual({ ok: true, value: { name: '墙面.png', mime: 'image/png', bytes } })
    expect(await ipc.invoke(FILE_CHANNELS.downloadInspectionPhoto, APP_URL, { photoId, session: (await org.as('receptionist')).token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await ipc.invoke(FILE_CHANNELS.uploadInspectionPhoto, APP_URL, { inspectionId: 987_654, file: { name: 'a.png', mime: 'image/png', bytes }, session: agent.token })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('987654') },
    })
  })
})
