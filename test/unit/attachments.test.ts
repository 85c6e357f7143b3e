import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallResult, FileBytes, FileResult } from '../../main/contract/app-api'
import type { AppErrorShape } from '../../main/contract/errors'
import type { AppEvent } from '../../main/contract/events'
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type TicketAttachment, type TicketDetail } from '../../main/contract/tickets.contract'
import { AttachmentsService } from '../../main/services/attachments.service'
import { contentHash } from '../../main/services/file-store'
import type { Store } from '../../database/store'
import { filesUnder, isStored, openFilesFixture, sampleFile, storedPath, type FilesFixture } from '../support/file-samples'
import { CJK, type Session, type TestCore } from '../support/test-core'
import { act, openComplaint, snapshot, TICKET_NOW, type TicketOrg } from '../support/tickets'

let fixture: FilesFixture
let t: TestCore
let org: TicketOrg
let filesDir: string

beforeAll(async () => {
  fixture = await openFilesFixture()
  ;({ t, org, filesDir } = fixture)
})
afterAll(() => fixture.close())

const upload = (session: Session | string | null, ticketId: number, file: FileBytes): Promise<CallResult> =>
  t.core.files.upload({ ticketId, file, session: typeof session === 'string' || session === null ? session : session.token })
const download = (session: Session | string | null, attachmentId: number): Promise<FileResult> =>
  t.core.files.download({ attachmentId, session: typeof session === 'string' || session === null ? session : session.token })

function attached(result: CallResult): TicketAttachment {
  if (!result.ok) throw new Error(`upload refused: ${JSON.stringify(result.error)}`)
  return result.value as TicketAttachment
}
function refused(result: CallResult | FileResult): AppErrorShape {
  if (result.ok) throw new Error('expected a refusal, the call succeeded')
  expect(result.error.message).toMatch(CJK)
  return result.error
}

describe('uploading a ticket attachment', () => {
  it('stores the bytes under their hash, adds the row and an attach log line, and gives them back', async () => {
    const agent = await org.as('agent')
    const ticket = await openComplaint(org)
    const bytes = sampleFile.png('round-trip')
    const seen: AppEvent[] = []
    const stop = t.core.events.subscribe((e) => seen.push(e))
    const value = attached(await upload(agent, ticket.id, { name: '现场照片.png', mime: 'image/png', bytes }))
    stop()

    expect(value).toEqual({
      id: expect.any(Number),
      name: '现场照片.png',
      mime: 'image/png',
      size: bytes.length,
      hash: contentHash(bytes),
      uploadedAt: TICKET_NOW,
      uploadedBy: { id: agent.user.id, name: agent.user.displayName },
    })
    expect(seen).toEqual([{ type: 'dataChanged', area: 'tickets', id: ticket.id }])
    expect(new Uint8Array(await readFile(storedPath(filesDir, bytes)))).toEqual(bytes)
    expect(await readdir(dirname(storedPath(filesDir, bytes)))).toEqual([value.hash])

    const after = await agent.api.tickets.get({ id: ticket.id })
    expect(after.attachments).toEqual([value])
    expect(after.version).toBe(ticket.version)
    expect(after.log.at(-1)).toMatchObject({ action: 'attach', from: ticket.state, to: ticket.state, by: { id: agent.user.id }, data: { name: '现场照片.png', size: bytes.length } })

    const back = await download(agent, value.id)
    expect(back).toEqual({ ok: true, value: { name: '现场照片.png', mime: 'image/png', bytes } })

    await t.core.audit.flush()
    const audit = await (await org.as('admin')).api.audit.list({ page: 1, pageSize: 50 })
    const mine = audit.items.filter((a) => a.method.startsWith('files.'))
    expect(mine.find((a) => a.method === 'files.upload' && a.entityId === ticket.id)).toMatchObject({ action: 'change', actorId: agent.user.id })
    expect(JSON.parse(mine.find((a) => a.method === 'files.upload' && a.entityId === ticket.id)!.detail!)).toEqual({ attachmentId: value.id, name: '现场照片.png', mime: 'image/png', size: bytes.length })
    expect(mine.find((a) => a.method === 'files.download' && a.entityId === value.id)).toMatchObject({ action: 'view', actorId: agent.user.id })
  })

  it('decides the type from the bytes, never from the declared mime or the name, and keeps only the base name', async () => {
    const agent = await org.as('agent')
    const ticket = await openComplaint(org)
    const cases: [Uint8Array, string][] = [
      [sampleFile.jpeg('type'), 'image/jpeg'],
      [sampleFile.png('type'), 'image/png'],
      [sampleFile.webp('type'), 'image/webp'],
      [sampleFile.pdf('type'), 'application/pdf'],
    ]
    for (const [bytes, mime] of cases) {
      const value = attached(await upload(agent, ticket.id, { name: 'C:\\fakepath\\报修单.exe', mime: 'text/html', bytes }))
      expect(value, mime).toMatchObject({ name: '报修单.exe', mime })
    }
    expect(attached(await upload(agent, ticket.id, { name: 'scans/2025/发票.pdf', mime: '', bytes: sampleFile.pdf('path') })).name).toBe('发票.pdf')
    expect(attached(await upload(agent, ticket.id, { name: `${'长'.repeat(196)}.pdf`, mime: 'application/pdf', bytes: sampleFile.pdf('200') })).name).toHaveLength(200)
  })

  it('keeps one file for the same bytes uploaded twice, with a row for each', async () => {
    const agent = await org.as('agent')
    const first = await openComplaint(org)
    const second = await openComplaint(org)
    const bytes = sampleFile.jpeg('twice')
    const a = attached(await upload(agent, first.id, { name: 'a.jpg', mime: 'image/jpeg', bytes }))
    const b = attached(await upload(agent, second.id, { name: 'b.jpg', mime: 'image/jpeg', bytes }))
    expect(a.hash).toBe(b.hash)
    expect(a.id).not.toBe(b.id)
    expect((await filesUnder(filesDir)).filter((f) => f.endsWith(a.hash))).toHaveLength(1)
    expect((await download(agent, b.id)).ok).toBe(true)
  })

  describe('refuses, with a clear message and nothing written', () => {
    let ticket: TicketDetail
    beforeAll(async () => {
      ticket = await openComplaint(org)
    })

    const expectNothingChanged = async (bytes: Uint8Array, call: () => Promise<CallResult>): Promise<AppErrorShape> => {
      const before = await snapshot(t)
      const files = await filesUnder(filesDir)
      const error = refused(await call())
      expect(await snapshot(t)).toEqual(before)
      expect(await filesUnder(filesDir)).toEqual(files)
      expect(isStored(filesDir, bytes)).toBe(false)
      return error
    }

    it('a file that is none of the allowed types, naming the types allowed', async () => {
      const agent = await org.as('agent')
      for (const [name, bytes] of [
        ['x.jpg', Buffer.from('<html><script>alert(1)</script></html>')],
        ['riff.webp', Buffer.from('RIFF\x24\0\0\0WAVEfmt ', 'latin1')],
        ['short.jpg', Uint8Array.from([0xff, 0xd8])],
        ['pdf.pdf', Buffer.from('%PDF without its dash')],
      ] as const) {
        const error = await expectNothingChanged(bytes, () => upload(agent, ticket.id, { name, mime: 'image/jpeg', bytes }))
        expect(error.code, name).toBe('VALIDATION')
        for (const label of Object.values(ATTACHMENT_TYPES)) expect(error.fields?.file).toContain(label)
      }
    })

    it('an empty file and one past the limit', async () => {
      const agent = await org.as('agent')
      const empty = await expectNothingChanged(new Uint8Array(), () => upload(agent, ticket.id, { name: 'a.png', mime: 'image/png', bytes: new Uint8Array() }))
      expect(empty).toMatchObject({ code: 'VALIDATION', fields: { file: expect.stringContaining('空') } })
      const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1)
      big.set(sampleFile.png())
      const tooBig = await expectNothingChanged(big, () => upload(agent, ticket.id, { name: 'big.png', mime: 'image/png', bytes: big }))
      expect(tooBig).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', fields: { file: expect.stringContaining('10 MB') } })
    })

    it('a name that is empty, too long, or carries control or direction characters', async () => {
      const agent = await org.as('agent')
      const bytes = sampleFile.png('bad-name')
      for (const name of ['', '   ', '..', 'dir/', 'a\u0000.png', '两行\n名字.png', `${'x'.repeat(197)}.png`, 'photo\u202Egnp.exe']) {
        const error = await expectNothingChanged(bytes, () => upload(agent, ticket.id, { name, mime: 'image/png', bytes }))
        expect(error.code, JSON.stringify(name)).toBe('VALIDATION')
        expect(error.fields?.name, JSON.stringify(name)).toMatch(/文件名/)
      }
    })

    it('a cancelled or missing ticket', async () => {
      const agent = await org.as('agent')
      const cancelled = await act(org, await openComplaint(org), 'cancel')
      const bytes = sampleFile.png('cancelled')
      const error = await expectNothingChanged(bytes, () => upload(agent, cancelled.id, { name: 'a.png', mime: 'image/png', bytes }))
      expect(error.code).toBe('VALIDATION')
      expect(error.message).toContain(cancelled.no)
      expect(error.message).toContain('已撤销')
      expect((await expectNothingChanged(bytes, () => upload(agent, 999_999, { name: 'a.png', mime: 'image/png', bytes }))).code).toBe('NOT_FOUND')
    })

    it('callers without tickets.write, and stale or missing sessions', async () => {
      const bytes = sampleFile.png('who')
      const file = { name: 'a.png', mime: 'image/png', bytes }
      for (const role of ['receptionist', 'admin'] as const) {
        const session = await org.as(role)
        expect((await expectNothingChanged(bytes, () => upload(session, ticket.id, file))).code, role).toBe('FORBIDDEN')
      }
      expect((await expectNothingChanged(bytes, () => upload('forged-token', ticket.id, file))).code).toBe('UNAUTHENTICATED')
      expect((await expectNothingChanged(bytes, () => upload(null, ticket.id, file))).code).toBe('UNAUTHENTICATED')
      const agent = await org.as('agent')
      t.clock.advance({ hours: 13 }) // past the 720-minute idle timeout
      expect((await expectNothingChanged(bytes, () => upload(agent, ticket.id, file))).code).toBe('UNAUTHENTICATED')
    })
  })

  it('writes no row when the ticket is cancelled while the file is being stored (the file may stay: it is content-addressed)', async () => {
    const ticket = await openComplaint(org)
    const agent = await org.as('agent')
    const store: Store = {
      ...t.core.store,
      write: async (work) => {
        await t.core.store.write((em) => em.query(`UPDATE ticket SET state = 'cancelled' WHERE id = ?`, [ticket.id]))
        return t.core.store.write(work)
      },
    }
    const errors: unknown[] = []
    const service = new AttachmentsService({ store, filesDir, now: t.clock.now, events: t.core.events, audit: t.core.audit, authorize: () => agent.user, logError: (e) => errors.push(e) })
    const bytes = sampleFile.png('raced')
    const error = refused(await service.upload({ ticketId: ticket.id, file: { name: 'a.png', mime: 'image/png', bytes }, session: agent.token }))
    expect(error.code).toBe('VALIDATION')
    expect(errors).toEqual([])
    expect(await t.core.store.read.query('SELECT COUNT(*) AS n FROM ticket_attachment WHERE ticket_id = ?', [ticket.id])).toEqual([{ n: 0 }])
  })

  it('answers INTERNAL and logs the fault when the database write fails, with no row', async () => {
    const ticket = await openComplaint(org)
    const agent = await org.as('agent')
    const store: Store = { ...t.core.store, write: () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error')) }
    const errors: unknown[] = []
    const service = new AttachmentsService({ store, filesDir, now: t.clock.now, events: t.core.events, audit: t.core.audit, authorize: () => agent.user, logError: (e) => errors.push(e) })
    const error = refused(await service.upload({ ticketId: ticket.id, file: { name: 'a.png', mime: 'image/png', bytes: sampleFile.png('db-down') }, session: agent.token }))
    expect(error.code).toBe('INTERNAL')
    expect(error.message).not.toContain('SQLITE')
    expect(errors).toHaveLength(1)
    expect(await t.core.store.read.query('SELECT COUNT(*) AS n FROM ticket_attachment WHERE ticket_id = ?', [ticket.id])).toEqual([{ n: 0 }])
  })
})

describe('downloading a ticket attachment', () => {
  it('lets a receptionist fetch files of the tickets they opened, and only those', async () => {
    const reception = await org.as('receptionist')
    const agent = await org.as('agent')
    const own = await openComplaint(org, {}, reception)
    const other = await openComplaint(org)
    const onOwn = attached(await upload(agent, own.id, { name: '前台.jpg', mime: 'image/jpeg', bytes: sampleFile.jpeg('reception-own') }))
    const onOther = attached(await upload(agent, other.id, { name: '客服.jpg', mime: 'image/jpeg', bytes: sampleFile.jpeg('reception-other') }))

    const admin = await org.as('admin')
    expect((await download(reception, onOwn.id)).ok).toBe(true)
    const before = await snapshot(t)
    expect(refused(await download(reception, onOther.id)).code).toBe('FORBIDDEN')
    expect(refused(await download(admin, onOther.id)).code).toBe('FORBIDDEN')
    expect(refused(await download(null, onOther.id)).code).toBe('UNAUTHENTICATED')
    expect(refused(await download(agent, 999_999)).code).toBe('NOT_FOUND')
    // refusals are not audited as views
    expect(await snapshot(t)).toEqual(before)
  })

  it('says so clearly when the file is gone from the store folder, and a damaged copy is written again', async () => {
    const agent = await org.as('agent')
    const ticket = await openComplaint(org)
    const bytes = sampleFile.pdf('vanished')
    const value = attached(await upload(agent, ticket.id, { name: '合同.pdf', mime: 'application/pdf', bytes }))
    await rm(storedPath(filesDir, bytes))
    const error = refused(await download(agent, value.id))
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toContain('合同.pdf')

    await writeFile(storedPath(filesDir, bytes), bytes.subarray(0, 5))
    attached(await upload(agent, ticket.id, { name: '合同.pdf', mime: 'application/pdf', bytes }))
    expect(new Uint8Array(await readFile(storedPath(filesDir, bytes)))).toEqual(bytes)
  })
})
