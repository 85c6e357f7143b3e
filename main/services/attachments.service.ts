import type { EntityManager } from 'typeorm'
import type { CallResult, FileBytes, FileResult } from '../contract/app-api'
import type { SessionUser } from '../contract/auth.contract'
import { AppError, type AppErrorShape } from '../contract/errors'
import type { InspectionPhoto } from '../contract/inspections.contract'
import type { Permission } from '../contract/roles'
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, TICKET_STATE_LABELS, type TicketAttachment, type TicketState } from '../contract/tickets.contract'
import { repo, type Rows } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import type { Store } from '../../database/store'
import type { AuditService } from './audit.service'
import type { EventBus } from './event-bus'
import type { ExportStore } from './export-store'
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
  /** built reports waiting for their download; without it no export is ever found */
  exports?: ExportStore
}

const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024
/** Also what browser mode answers when an upload's body runs past the limit before it reaches the service. */
export const FILE_TOO_LARGE: AppErrorShape = { code: 'PAYLOAD_TOO_LARGE', message: `文件过大：单个附件不能超过 ${MAX_MB} MB`, fields: { file: `文件不能超过 ${MAX_MB} MB` } }
const ALLOWED_TYPES = Object.values(ATTACHMENT_TYPES).join('、')

/** A file as its row keeps it, whatever it hangs on. */
interface StoredFile {
  id: number
  hash: string
  name: string
  mime: string
  size: number
  uploadedAt: Date
  uploadedBy: SessionUser
}

type FileTable = 'ticket_attachment' | 'inspection_photo'

/**
 * What differs between the things files hang on (a ticket's attachments, a site inspection's
 * photos); checking, storing, auditing and answering are the same for all of them.
 */
interface FileOwner<K extends FileTable, Owner extends { id: number }> {
  table: K
  /** the wire's method names, which the audit records too */
  methods: { upload: string; download: string }
  permissions: { upload: Permission; download: Permission }
  /** the dataChanged area an upload announces */
  area: string
  /** how the audit's detail names the owner and the file */
  keys: { owner: string; file: string }
  /** what a user calls such a file, in messages */
  noun: string
  /** The owner, refused when it does not exist or takes no more files; asked again inside the write. */
  open(em: EntityManager, ownerId: number): Promise<Owner>
  row(ownerId: number, file: Omit<StoredFile, 'id' | 'uploadedBy'> & { uploadedBy: number }): Partial<Rows[K]>
  /** Anything else the upload writes, in the same transaction as the row. */
  alongside?(em: EntityManager, owner: Owner, file: StoredFile): Promise<void>
  /** A stored file's row and its owner's id (null when there is none); refuses a user who may not see it. */
  find(em: EntityManager, fileId: number, user: SessionUser): Promise<{ ownerId: number; hash: string; name: string; mime: string } | null>
  /** The upload's answer. */
  describe(file: StoredFile): unknown
}

type TicketOwner = { id: number; no: string; state: TicketState }

const TICKET_FILES: FileOwner<'ticket_attachment', TicketOwner> = {
  table: 'ticket_attachment',
  methods: { upload: 'files.upload', download: 'files.download' },
  permissions: { upload: 'tickets.write', download: 'tickets.read' },
  area: 'tickets',
  keys: { owner: 'ticketId', file: 'attachmentId' },
  noun: '附件',
  async open(em, ticketId) {
    const ticket = await repo(em, 'ticket').findOne({ select: { id: true, no: true, state: true }, where: { id: ticketId } })
    if (!ticket) throw new AppError('NOT_FOUND', '工单不存在')
    if (ticket.state === 'cancelled') throw new AppError('VALIDATION', `工单 ${ticket.no} ${TICKET_STATE_LABELS.cancelled}，不能再添加附件`)
    return ticket
  },
  row: (ticketId, file) => ({ ticketId, ...file }),
  async alongside(em, ticket, file) {
    const { name, size } = file
    await writeTicketLog(em, { ticketId: ticket.id, action: 'attach', from: ticket.state, to: ticket.state, note: null, actorId: file.uploadedBy.id, onBehalfOf: null, at: file.uploadedAt, data: { name, size } })
  },
  async find(em, attachmentId, user) {
    const row = await em
      .createQueryBuilder()
      .from('ticket_attachment', 'a')
      .innerJoin('ticket', 't', 't.id = a.ticket_id')
      .select(['a.ticket_id AS "ticketId"', 'a.hash AS hash', 'a.name AS name', 'a.mime AS mime', 't.created_by AS "createdBy"'])
      .where('a.id = :id', { id: attachmentId })
      .getRawOne<{ ticketId: number; hash: string; name: string; mime: string; createdBy: number }>()
    if (!row) return null
    if (seesOnlyOwn(user) && Number(row.createdBy) !== user.id) throw new AppError('FORBIDDEN', '只能查看自己登记的工单的附件')
    return { ownerId: Number(row.ticketId), hash: row.hash, name: row.name, mime: row.mime }
  },
  describe: ({ id, name, mime, size, hash, uploadedAt, uploadedBy }): TicketAttachment => ({ id, name, mime, size, hash, uploadedAt: uploadedAt.toISOString(), uploadedBy: { id: uploadedBy.id, name: uploadedBy.displayName } }),
}

const INSPECTION_PHOTOS: FileOwner<'inspection_photo', { id: number }> = {
  table: 'inspection_photo',
  methods: { upload: 'files.uploadInspectionPhoto', download: 'files.downloadInspectionPhoto' },
  permissions: { upload: 'projects.write', download: 'projects.read' },
  area: 'inspections',
  keys: { owner: 'inspectionId', file: 'photoId' },
  noun: '巡检照片',
  async open(em, inspectionId) {
    const inspection = await repo(em, 'inspection').findOne({ select: { id: true }, where: { id: inspectionId } })
    if (!inspection) throw new AppError('NOT_FOUND', `巡检记录 ${inspectionId} 不存在，无法上传照片`)
    return inspection
  },
  row: (inspectionId, file) => ({ inspectionId, ...file }),
  async find(em, photoId) {
    const row = await repo(em, 'inspection_photo').findOne({ select: { inspectionId: true, hash: true, name: true, mime: true }, where: { id: photoId } })
    return row && { ownerId: row.inspectionId, hash: row.hash, name: row.name, mime: row.mime }
  },
  describe: ({ id, name, mime, size, uploadedAt }): InspectionPhoto => ({ id, name, mime, size, uploadedAt: uploadedAt.toISOString() }),
}

/**
 * Photos and files of tickets and of site inspections, and built report exports. They travel beside the JSON API as raw
 * bytes, so this service makes the checks the dispatcher makes for API methods itself: session,
 * permission, audit.
 */
export class AttachmentsService {
  private readonly files: ContentStore

  constructor(private readonly deps: AttachmentsDeps) {
    this.files = new ContentStore(deps.filesDir)
  }

  /** answers the new TicketAttachment */
  upload(req: { ticketId: number; file: FileBytes; session: string | null }): Promise<CallResult> {
    return this.receive(TICKET_FILES, req.ticketId, req)
  }

  download(req: { attachmentId: number; session: string | null }): Promise<FileResult> {
    return this.send(TICKET_FILES, req.attachmentId, req.session)
  }

  /** answers the new InspectionPhoto */
  uploadInspectionPhoto(req: { inspectionId: number; file: FileBytes; session: string | null }): Promise<CallResult> {
    return this.receive(INSPECTION_PHOTOS, req.inspectionId, req)
  }

  downloadInspectionPhoto(req: { photoId: number; session: string | null }): Promise<FileResult> {
    return this.send(INSPECTION_PHOTOS, req.photoId, req.session)
  }

  /**
   * A report built by `reports.exportXlsx`, once, to whoever built it. Building it needed the
   * permission and was audited as the export; here only the session counts, and someone else's
   * file answers exactly like a missing one.
   */
  downloadExport(req: { exportId: number; session: string | null }): Promise<FileResult> {
    return this.answer('files.downloadExport', async () => {
      const user = this.deps.authorize(req.session, 'session')
      const file = this.deps.exports?.take(req.exportId, user.id)
      if (!file) throw new AppError('NOT_FOUND', '导出文件不存在或已过期')
      return file
    })
  }

  private receive<K extends FileTable, Owner extends { id: number }>(kind: FileOwner<K, Owner>, ownerId: number, req: { file: FileBytes; session: string | null }): Promise<CallResult> {
    return this.answer(kind.methods.upload, async () => {
      const user = this.deps.authorize(req.session, kind.permissions.upload)
      const { name, mime, bytes } = checkFile(req.file)
      await kind.open(this.deps.store.read, ownerId)
      // Written before the row: a failed insert leaves an unreferenced file (harmless, content-addressed), never a row without its file.
      const hash = await this.files.put(bytes)
      const uploadedAt = this.deps.now()
      const file = await this.deps.store.write(async (em) => {
        // checked again inside the write: the owner may have changed while the file was written
        const owner = await kind.open(em, ownerId)
        const fields = { hash, name, mime, size: bytes.length, uploadedAt }
        const stored: StoredFile = { id: await insertRows(em, kind.table, kind.row(owner.id, { ...fields, uploadedBy: user.id })), ...fields, uploadedBy: user }
        await kind.alongside?.(em, owner, stored)
        return stored
      })
      this.deps.events.emit({ type: 'dataChanged', area: kind.area, id: ownerId })
      const detail = { [kind.keys.file]: file.id, name, mime, size: file.size }
      this.deps.audit.record({ actorId: user.id, action: 'change', method: kind.methods.upload, entityId: ownerId, detail: JSON.stringify(detail) })
      return kind.describe(file)
    })
  }

  private send<K extends FileTable, Owner extends { id: number }>(kind: FileOwner<K, Owner>, fileId: number, session: string | null): Promise<FileResult> {
    return this.answer(kind.methods.download, async () => {
      const user = this.deps.authorize(session, kind.permissions.download)
      const row = await kind.find(this.deps.store.read, fileId, user)
      if (!row) throw new AppError('NOT_FOUND', `${kind.noun}不存在或已被删除`)
      const bytes = await this.files.read(row.hash)
      if (!bytes) throw new AppError('NOT_FOUND', `${kind.noun}「${row.name}」的文件已不在存储目录中，请重新上传`)
      this.deps.audit.record({ actorId: user.id, action: 'view', method: kind.methods.download, entityId: fileId, detail: JSON.stringify({ [kind.keys.owner]: row.ownerId }) })
      const value: FileBytes = { name: row.name, mime: row.mime, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
      return value
    })
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
