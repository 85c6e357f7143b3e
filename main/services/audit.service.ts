import type { AuditAction, AuditEntry } from '../contract/audit.contract'
import type { Page } from '../contract/schema-kit'
import type { AuditLogRow } from '../../database/entities'
import type { Store } from '../../database/store'
import { insertRows } from '../../database/insert-rows'
import { toIso, toNumber } from '../../database/raw-values'

export interface AuditRecord {
  actorId: number | null
  action: AuditAction
  method: string
  entityId?: number | null
  detail?: string | null
}

const FLUSH_EVERY_MS = 500
const FLUSH_AT = 200

/**
 * Who viewed, exported or changed what. Records are buffered and written in batches through the
 * write queue, so that auditing a lookup never sits in the lookup's path.
 */
export class AuditService {
  private buffer: Omit<AuditLogRow, 'id'>[] = []
  private timer: NodeJS.Timeout | null = null
  private flushing: Promise<void> = Promise.resolve()

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  record(entry: AuditRecord): void {
    this.buffer.push({
      at: this.now(),
      actorId: entry.actorId,
      action: entry.action,
      method: entry.method,
      entityId: entry.entityId ?? null,
      detail: entry.detail ?? null,
    })
    if (this.buffer.length >= FLUSH_AT) void this.flush()
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS)
  }

  /** Writes what is buffered; resolves when it is in the store. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const batch = this.buffer
    this.buffer = []
    if (batch.length === 0) return this.flushing
    this.flushing = this.flushing
      .then(() => this.store.write((em) => insertRows(em, 'audit_log', batch)))
      .then(
        () => undefined,
        (error: unknown) => console.error('audit flush failed', error),
      )
    return this.flushing
  }

  async list(input: { actorId?: number | null; action?: AuditAction; method?: string | null; page: number; pageSize: number }): Promise<Page<AuditEntry>> {
    const qb = this.store.read
      .createQueryBuilder()
      .from('audit_log', 'a')
      .leftJoin('staff_account', 's', 's.id = a.actor_id')
    if (input.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: input.actorId })
    if (input.action) qb.andWhere('a.action = :action', { action: input.action })
    if (input.method) qb.andWhere('a.method = :method', { method: input.method })
    const total = await qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: number | string }>()
    const rows = await qb
      .select(['a.id AS id', 'a.at AS at', 'a.actor_id AS "actorId"', 's.display_name AS "actorName"', 'a.action AS action', 'a.method AS method', 'a.entity_id AS "entityId"', 'a.detail AS detail'])
      .orderBy('a.id', 'DESC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<AuditEntry & { at: string | Date }>()
    return {
      items: rows.map((r) => ({ ...r, at: toIso(r.at) })),
      total: toNumber(total?.n),
      page: input.page,
      pageSize: input.pageSize,
    }
  }
}

