import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentDisposition, fileNameOfDisposition } from '../../main/contract/http-transport'
import { ATTACHMENT_MAX_BYTES, type TicketAttachment } from '../../main/contract/tickets.contract'
import { createHttpServer } from '../../main/http/http-server'
import { filesUnder, isStored, openFilesFixture, sampleFile, type FilesFixture } from '../support/file-samples'
import { openFileServer, type FileServer } from '../support/file-server'
import { rawRequest } from '../support/http-client'
import { CJK, failure, type Session, type TestCore } from '../support/test-core'
import { openComplaint, snapshot, type TicketOrg } from '../support/tickets'

const TOKEN = 'bridge-token-for-tests-0123456789'

let fixture: FilesFixture
let filesDir: string
let t: TestCore
let org: TicketOrg
let agent: Session
let server: FileServer
let port: number

beforeAll(async () => {
  fixture = await openFilesFixture()
  ;({ t, org, filesDir } = fixture)
  agent = await org.as('agent')
  server = await openFileServer(t, TOKEN)
  port = server.port
})
afterAll(async () => {
  await server.close()
  await fixture.close()
})

const clientFor = (session: Session) => server.clientFor(session)

const postFile = (ticketId: number | string, body: Buffer | Uint8Array, headers: Record<string, string> = {}, chunked = false) =>
  rawRequest({
    port,
    method: 'POST',
    path: `/files/tickets/${ticketId}`,
    headers: { 'X-Bridge-Token': TOKEN, Authorization: `Bearer ${agent.token}`, 'Content-Type': 'image/png', 'X-File-Name': encodeURIComponent('照片.png'), ...headers },
    body: Buffer.from(body),
    chunked,
  })

describe('browser-mode file routes', () => {
  it('round-trips an upload and a download through createHttpTransport', async () => {
    const ticket = await openComplaint(org)
    const client = clientFor(agent)
    const bytes = sampleFile.pdf('http round trip')
    const uploaded = await client.files.upload(ticket.id, { name: '维修报价 (终版).pdf', mime: 'application/octet-stream', bytes })
    expect(uploaded).toMatchObject({ name: '维修报价 (终版).pdf', mime: 'application/pdf', size: bytes.length, uploadedBy: { id: agent.user.id } })
    expect((await client.api.tickets.get({ id: ticket.id })).attachments).toEqual([uploaded])
    expect(await client.files.download(uploaded.id)).toEqual({ name: '维修报价 (终版).pdf', mime: 'application/pdf', bytes })

    const refused = await failure(client.files.upload(ticket.id, { name: 'a.svg', mime: 'image/svg+xml', bytes: Buffer.from('<svg/>') }))
    expect(refused).toMatchObject({ code: 'VALIDATION', fields: { file: expect.stringContaining('PNG') } })
    client.setSession('forged')
    expect((await failure(client.files.download(uploaded.id))).code).toBe('UNAUTHENTICATED')
  })

  it('serves the bytes inline with their type, a UTF-8 file name, nosniff and no shared caching', async () => {
    const ticket = await openComplaint(org)
    const bytes = sampleFile.webp('headers')
    const upload = await postFile(ticket.id, bytes, { 'X-File-Name': encodeURIComponent('客厅 墙面\'裂缝\'.webp') })
    expect(upload.status).toBe(200)
    const attachment = upload.json<{ ok: true; value: TicketAttachment }>().value
    const res = await rawRequest({ port, path: `/files/attachments/${attachment.id}`, headers: { 'X-Bridge-Token': TOKEN, Authorization: `Bearer ${agent.token}` } })
    expect(res.status).toBe(200)
    expect(res.headers).toMatchObject({
      'content-type': 'image/webp',
      'content-length': String(bytes.length),
      'content-disposition': "inline; filename*=UTF-8''%E5%AE%A2%E5%8E%85%20%E5%A2%99%E9%9D%A2%27%E8%A3%82%E7%BC%9D%27.webp",
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    })
    expect(fileNameOfDisposition(String(res.headers['content-disposition']))).toBe("客厅 墙面'裂缝'.webp")
    const fetched = await fetch(`http://127.0.0.1:${port}/files/attachments/${attachment.id}`, { headers: { 'X-Bridge-Token': TOKEN, Authorization: `Bearer ${agent.token}` } })
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(bytes)
  })

  it('answers refusals like the API, with the status that fits, and writes nothing', async () => {
    const ticket = await openComplaint(org)
    const bytes = sampleFile.png('refusals')
    const before = await snapshot(t)
    const files = await filesUnder(filesDir)
    const cases: [Promise<Awaited<ReturnType<typeof rawRequest>>>, number, string][] = [
      [postFile(ticket.id, bytes, { 'X-Bridge-Token': 'wrong' }), 401, 'UNAUTHENTICATED'],
      [postFile(ticket.id, bytes, { Authorization: '' }), 401, 'UNAUTHENTICATED'],
      [postFile(ticket.id, bytes, { Authorization: 'Bearer forged' }), 401, 'UNAUTHENTICATED'],
      [postFile(ticket.id, bytes, { 'X-File-Name': '%E5%AE' }), 400, 'BAD_REQUEST'],
      [postFile(ticket.id, bytes, { 'X-File-Name': '' }), 400, 'VALIDATION'],
      [postFile(ticket.id, Buffer.from('#!/bin/sh\nrm -rf /')), 400, 'VALIDATION'],
      [postFile(ticket.id, Buffer.alloc(0)), 400, 'VALIDATION'],
      [postFile(999_999, bytes), 404, 'NOT_FOUND'],
      [postFile('abc', bytes), 404, 'NOT_FOUND'],
      [postFile('0', bytes), 404, 'NOT_FOUND'],
      [postFile('99999999999', bytes), 404, 'NOT_FOUND'],
      [rawRequest({ port, method: 'PUT', path: `/files/tickets/${ticket.id}`, headers: { 'X-Bridge-Token': TOKEN }, body: Buffer.from(bytes) }), 400, 'BAD_REQUEST'],
      [rawRequest({ port, method: 'POST', path: '/files/attachments/1', headers: { 'X-Bridge-Token': TOKEN }, body: '' }), 400, 'BAD_REQUEST'],
      [rawRequest({ port, path: '/files/attachments/999999', headers: { 'X-Bridge-Token': TOKEN, Authorization: `Bearer ${agent.token}` } }), 404, 'NOT_FOUND'],
      [rawRequest({ port, path: '/files/attachments/1' }), 401, 'UNAUTHENTICATED'],
      [rawRequest({ port, path: '/files/elsewhere', headers: { 'X-Bridge-Token': TOKEN } }), 404, 'NOT_FOUND'],
      // inspection photos share the routing: POST on the inspection, GET on the photo
      [rawRequest({ port, method: 'PUT', path: '/files/inspections/1', headers: { 'X-Bridge-Token': TOKEN }, body: Buffer.from(bytes) }), 400, 'BAD_REQUEST'],
      [rawRequest({ port, method: 'POST', path: '/files/inspection-photos/1', headers: { 'X-Bridge-Token': TOKEN }, body: '' }), 400, 'BAD_REQUEST'],
      [rawRequest({ port, method: 'POST', path: '/files/inspections/0', headers: { 'X-Bridge-Token': TOKEN }, body: '' }), 404, 'NOT_FOUND'],
      [rawRequest({ port, path: '/files/inspection-photos/abc', headers: { 'X-Bridge-Token': TOKEN } }), 404, 'NOT_FOUND'],
      [rawRequest({ port, path: '/files/inspection-photos/1/x', headers: { 'X-Bridge-Token': TOKEN } }), 404, 'NOT_FOUND'],
      [rawRequest({ port, path: '/files/inspection-photos/999999', headers: { 'X-Bridge-Token': TOKEN, Authorization: `Bearer ${agent.token}` } }), 404, 'NOT_FOUND'],
      [rawRequest({ port, path: '/files/inspection-photos/1', headers: { 'X-Bridge-Token': TOKEN } }), 401, 'UNAUTHENTICATED'],
      [rawRequest({ port, method: 'POST', path: '/files/inspections/999999', headers: { 'X-Bridge-Token': TOKEN, Authorization: `Bearer ${agent.token}`, 'X-File-Name': 'a.png' }, body: Buffer.from(bytes) }), 404, 'NOT_FOUND'],
    ]
    for (const [pending, status, code] of cases) {
      const res = await pending
      expect(res.status, `${code} ${res.text}`).toBe(status)
      expect(res.json()).toMatchObject({ ok: false, error: { code } })
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(CJK)
    }
    expect(await snapshot(t)).toEqual(before)
    expect(await filesUnder(filesDir)).toEqual(files)
  })

  it('refuses a body past the limit with 413, announced or chunked, without storing anything', async () => {
    const ticket = await openComplaint(org)
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1)
    big.set(sampleFile.png())
    const before = await snapshot(t)
    const announced = await postFile(ticket.id, big)
    expect(announced.status).toBe(413)
    expect(announced.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('10 MB') } })
    const chunked = await postFile(ticket.id, big, {}, true)
    expect(chunked.status).toBe(413)
    expect(chunked.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(isStored(filesDir, big)).toBe(false)
    expect(await snapshot(t)).toEqual(before)

    // exactly at the limit is allowed, sent in pieces
    const atLimit = big.subarray(0, ATTACHMENT_MAX_BYTES)
    const ok = await postFile(ticket.id, atLimit, {}, true)
    expect(ok.status, ok.text).toBe(200)
    expect(ok.json()).toMatchObject({ ok: true, value: { size: ATTACHMENT_MAX_BYTES } })
  })

  it('answers 404 for /files/ when the server has no file transport', async () => {
    const bare = createHttpServer({ dispatch: t.core.dispatch, events: t.core.events, bridgeToken: TOKEN })
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
    try {
      const res = await rawRequest({ port: (bare.address() as AddressInfo).port, path: '/files/attachments/1', headers: { 'X-Bridge-Token': TOKEN } })
      expect(res.status).toBe(404)
    } finally {
      bare.closeAllConnections()
      await new Promise((resolve) => bare.close(resolve))
    }
  })
})

describe('Content-Disposition', () => {
  it('encodes any name as RFC 5987 and reads it back', () => {
    for (const name of ['报修单.pdf', "it's (1)*.png", 'a;b=c".jpg', '😀.webp', 'plain.pdf']) {
      const header = contentDisposition(name)
      expect(header).toMatch(/^inline; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/)
      expect(fileNameOfDisposition(header)).toBe(name)
    }
    expect(fileNameOfDisposition(null)).toBeNull()
    expect(fileNameOfDisposition("inline; filename*=UTF-8''%E5%AE")).toBeNull()
  })
})
