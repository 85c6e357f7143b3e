import type { CallResult, FileBytes, FileResult } from '../contract/app-api'
import type { SessionUser } from '../contract/auth.contract'
import { AppError, type AppErrorShape } from '../contract/errors'
import type { Permission } from '../contract/roles'
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, TICKET_STATE_LABELS, type TicketAttachment } from '../contract/tickets.contract'
import { repo } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import type { Store } from '../../database/store'
import type { AuditService } from './audit.service'
import type { EventBus } from './event-bus'
import { checkAttachmentName } from './file-name'
import { sniffMime } from './file-sniff'
import { ContentStore } from './file-store'
import { seesOnlyOwn } from './ticket-scope'
import { writeTicketLog } from './tickets.service'

export interface AttachmentsDeps {
  store: Store
  filesDir: string
  now: () => Date
  events: EventBus
  audit: AuditService
  /** the dispatcher's session and permission check; throws UNAUTHENTICATED / FORBIDDEN */
  authorize: (session: string | null, permission: Permission) => SessionUser
  /** faults that are not the caller's (a full disk, a broken database); default console.error */
  logError?: (error: unknown, method: string) => void
}

const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024
/** Also what browser mode answers when an upload's body runs past the limit before it reaches the service. */
export const FILE_TOO_LARGE: AppErrorShape = { code: 'PAYLOAD_TOO_LARGE', message: `文件过大：单个附件不能超过 ${MAX_MB} MB`, fields: { file: `文件不能超过 ${MAX_MB} MB` } }
const ALLOWED_TYPES = Object.values(ATTACHMENT_TYPES).join('、')

/**
 * Photos and files of tickets. They travel beside the JSON API as raw bytes, so this service makes
 * the checks the dispatcher makes for API methods itself: session, permission, audit.
 */
export class AttachmentsService {
  private readonly files: ContentStore

  constructor(private readonly deps: AttachmentsDeps) {
    this.files = new ContentStore(deps.filesDir)
  }

  upload(req: { ticketId: number; file: FileBytes; session: string | null }): Promise<CallResult> {
    return this.answer('files.upload', async () => {
      const user = this.deps.authorize(req.session, 'tickets.write')
      const { name, mime, bytes } = checkFile(req.file)
      await this.openTicket(req.ticketId)
      // Written before the row: a failed insert leaves an unreferenced file (harmless, content-addressed), never a row without its file.
      const hash = await this.files.put(bytes)
      const now = this.deps.now()
      const id = await this.deps.store.write(async (em) => {
        // checked again inside the write: the ticket may have been cancelled while the file was written
        const ticket = await this.openTicket(req.ticketId, em)
        const attachmentId = await insertRows(em, 'ticket_attachment', { ticketId: ticket.id, hash, name, mime, size: bytes.length, uploadedBy: user.id, uploadedAt: now })
        await writeTicketLog(em, { ticketId: ticket.id, action: 'attach', from: ticket.state, to: ticket.state, note: null, actorId: user.id, onBehalfOf: null, at: now, data: { name, size: bytes.length } })
        return attachmentId
      })
      this.deps.events.emit({ type: 'dataChanged', area: 'tickets', id: req.ticketId })
      this.deps.audit.record({ actorId: user.id, action: 'change', method: 'files.upload', entityId: req.ticketId, detail: JSON.stringify({ attachmentId: id, name, mime, size: bytes.length }) })
      const value: TicketAttachment = { id, name, mime, size: bytes.length, hash, uploadedAt: now.toISOString(), uploadedBy: { id: user.id, name: user.displayName } }
      return value
    })
  }

  download(req: { attachmentId: number; session: string | null }): Promise<FileResult> {
    return this.answer('files.download', async () => {
      const user = this.deps.authorize(req.session, 'tickets.read')
      const row = await this.deps.store.read
        .createQueryBuilder()
        .from('ticket_attachment', 'a')
        .innerJoin('ticket', 't', 't.id = a.ticket_id')
        .select(['a.ticket_id AS "ticketId"', 'a.hash AS hash', 'a.name AS name', 'a.mime AS mime', 't.created_by AS "createdBy"'])
        .where('a.id = :id', { id: req.attachmentId })
        .getRawOne<{ ticketId: number; hash: string; name: string; mime: string; createdBy: number }>()
      if (!row) throw new AppError('NOT_FOUND', '附件不存在或已被删除')
      if (seesOnlyOwn(user) && Number(row.createdBy) !== user.id) throw new AppError('FORBIDDEN', '只能查看自己登记的工单的附件')
      const bytes = await this.files.read(row.hash)
      if (!bytes) throw new AppError('NOT_FOUND', `附件「${row.name}」的文件已不在存储目录中，请重新上传`)
      this.deps.audit.record({ actorId: user.id, action: 'view', method: 'files.download', entityId: req.attachmentId, detail: JSON.stringify({ ticketId: Number(row.ticketId) }) })
      const value: FileBytes = { name: row.name, mime: row.mime, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
      return value
    })
  }

  /** The ticket, refused when it does not exist or was cancelled. */
  private async openTicket(ticketId: number, em = this.deps.store.read) {
    const ticket = await repo(em, 'ticket').findOne({ select: { id: true, no: true, state: true }, where: { id: ticketId } })
    if (!ticket) throw new AppError('NOT_FOUND', '工单不存在')
    if (ticket.state === 'cancelled') throw new AppError('VALIDATION', `工单 ${ticket.no} ${TICKET_STATE_LABELS.cancelled}，不能再添加附件`)
    return ticket
  }

  /** The same answer shape as the dispatcher's: AppErrors pass through, anything else is logged and hidden. */
  private async answer<T>(method: string, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AppErrorShape }> {
    try {
      return { ok: true, value: await work() }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() }
      ;(this.deps.logError ?? ((e: unknown, m: string) => console.error(`[${m}]`, e)))(error, method)
      return { ok: false, error: { code: 'INTERNAL', message: '系统内部错误，请稍后重试；如果反复出现，请联系管理员' } }
    }
  }
}

/** Size, real type and name of an upload; the declared mime is ignored, the bytes decide. */
function checkFile(file: FileBytes): { name: string; mime: string; bytes: Uint8Array } {
  if (!(file.bytes instanceof Uint8Array) || file.bytes.length === 0) throw AppError.field('file', '文件是空的，请重新选择文件')
  if (file.bytes.length > ATTACHMENT_MAX_BYTES) throw AppError.fromShape(FILE_TOO_LARGE)
  const mime = sniffMime(file.bytes)
  if (!mime) throw AppError.field('file', `不支持的文件类型：只能上传${ALLOWED_TYPES}`)
  const name = checkAttachmentName(typeof file.name === 'string' ? file.name : '')
  return { name, mime, bytes: file.bytes }
}
