import { In, IsNull, type EntityManager } from 'typeorm'
import type { AppEvent } from '../contract/events'
import type { AppNotification, NotificationKind } from '../contract/notifications.contract'
import { repo, type NotificationRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { toIso, toIsoOrNull } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { EventBus } from './event-bus'

export interface NoticeDraft {
  kind: NotificationKind
  title: string
  body: string
  ticketId: number | null
}

/**
 * Notifications for staff who log in: written in the same transaction as the change that caused
 * them, pushed once that transaction has committed (a rolled-back change notifies nobody).
 */
export class Notifications {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
  ) {}

  /** Inserts one notification per staff account; hand the result to `push` after the commit. */
  async add(em: EntityManager, staffIds: Iterable<number>, draft: NoticeDraft, at: Date): Promise<AppEvent[]> {
    const pushed: AppEvent[] = []
    for (const staffId of new Set(staffIds)) {
      const row: Omit<NotificationRow, 'id'> = { staffId, ...draft, createdAt: at, readAt: null }
      const id = await insertRows(em, 'notification', row)
      pushed.push({ type: 'notify', staffId, notificationId: id, kind: draft.kind, title: draft.title, body: draft.body, ticketId: draft.ticketId })
    }
    return pushed
  }

  push(events: AppEvent[]): void {
    for (const event of events) this.events.emit(event)
  }

  /** Accounts of people (most people have none) and of active staff with a role, for addressing notices. */
  async accountsOfPeople(em: EntityManager, personIds: (number | null | undefined)[]): Promise<number[]> {
    const ids = personIds.filter((id): id is number => typeof id === 'number')
    if (ids.length === 0) return []
    const accounts = await repo(em, 'staff_account').find({ select: { id: true }, where: { personId: In(ids), active: true } })
    return accounts.map((a) => a.id)
  }

  async accountsWithRole(em: EntityManager, role: 'manager' | 'shiftLead'): Promise<number[]> {
    const accounts = await repo(em, 'staff_account').find({ select: { id: true }, where: { role, active: true } })
    return accounts.map((a) => a.id)
  }

  async list(input: { unreadOnly: boolean; limit: number }, ctx: CallContext): Promise<{ items: AppNotification[]; unread: number }> {
    const user = actor(ctx)
    const notifications = repo(this.store.read, 'notification')
    const rows = await notifications.find({
      where: input.unreadOnly ? { staffId: user.id, readAt: IsNull() } : { staffId: user.id },
      order: { id: 'DESC' },
      take: input.limit,
    })
    const unread = await notifications.countBy({ staffId: user.id, readAt: IsNull() })
    return { items: rows.map(toNotification), unread }
  }

  /** Only the caller's own notifications are touched, whatever ids arrive. */
  async markRead(input: { ids?: number[]; all: boolean }, ctx: CallContext, now: Date): Promise<{ unread: number }> {
    const user = actor(ctx)
    await this.store.write(async (em) => {
      const query = em.createQueryBuilder().update('notification').set({ readAt: now }).where('staff_id = :staffId AND read_at IS NULL', { staffId: user.id })
      if (!input.all) {
        if (!input.ids?.length) return
        query.andWhere('id IN (:...ids)', { ids: input.ids })
      }
      await query.execute()
    })
    this.events.emit({ type: 'dataChanged', area: 'notifications' })
    return { unread: await repo(this.store.read, 'notification').countBy({ staffId: user.id, readAt: IsNull() }) }
  }
}

function toNotification(row: NotificationRow): AppNotification {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, ticketId: row.ticketId, createdAt: toIso(row.createdAt), readAt: toIsoOrNull(row.readAt) }
}
