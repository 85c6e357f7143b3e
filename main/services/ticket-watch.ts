import type { EntityManager } from 'typeorm'
import type { AppEvent } from '../contract/events'
import { formatInZone } from '../contract/time'
import { ESCALATION_LEVEL_LABELS, TICKET_KIND_LABELS } from '../contract/tickets.contract'
import { repo, type TicketRow } from '../../database/entities'
import type { Store } from '../../database/store'
import type { EventBus } from './event-bus'
import type { Notifications } from './notifications.service'
import type { SettingsService } from './settings.service'
import { nextAlertAt, owedDeadlines, reviewTicket, type DeadlineKind } from './ticket-clock'
import { writeTicketLog } from './tickets.service'

const DEADLINE_LABELS: Record<DeadlineKind, string> = { response: '响应期限', resolution: '解决期限' }
const BATCH = 100

/**
 * The deadline watcher: every minute (and whenever the test clock moves) it visits the tickets
 * whose `alert_at` has come — near-breach notices and escalations — and nothing else, so a pass
 * over 100k tickets costs one index range scan.
 */
export class TicketWatch {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<number> | null = null

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly notifications: Notifications,
    private readonly events: EventBus,
    private readonly now: () => Date,
    private readonly logError: (error: unknown) => void,
  ) {}

  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return
    this.timer = setInterval(() => void this.sweep().catch(this.logError), intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** One pass; overlapping calls share it. Resolves to the number of tickets that changed. */
  sweep(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null))
    return this.running
  }

  private async pass(): Promise<number> {
    const now = this.now()
    const seen = new Set<number>()
    let changed = 0
    for (;;) {
      const due = await this.store.read
        .createQueryBuilder()
        .from('ticket', 't')
        .select('t.id', 'id')
        .where('t.alert_at <= :now', { now })
        .orderBy('t.alert_at', 'ASC')
        .limit(BATCH + seen.size)
        .getRawMany<{ id: number }>()
      const batch = due.map((r) => r.id).filter((id) => !seen.has(id))
      if (batch.length === 0) return changed
      batch.forEach((id) => seen.add(id))
      const pushed: AppEvent[] = []
      const touched: number[] = []
      await this.store.write(async (em) => {
        for (const id of batch) {
          const events = await this.review(em, id, now)
          if (events) {
            touched.push(id)
            pushed.push(...events)
          }
        }
      })
      changed += touched.length
      for (const id of touched) this.events.emit({ type: 'dataChanged', area: 'tickets', id })
      this.notifications.push(pushed)
    }
  }

  /** Null when there was nothing to do after all (another seat got there first). */
  private async review(em: EntityManager, id: number, now: Date): Promise<AppEvent[] | null> {
    const t = await repo(em, 'ticket').findOneBy({ id })
    if (!t || !t.alertAt || t.alertAt > now) return null
    const settings = this.settings.get()
    const review = reviewTicket(t, now, settings)
    const pushed: AppEvent[] = []
    const owed = owedDeadlines(t)
    const followers = [...(await this.notifications.accountsOfPeople(em, [t.personId])), ...(t.handlerId ? [t.handlerId] : [])]
    for (const kind of review.atRisk) {
      const deadline = owed.find((d) => d.kind === kind)!
      pushed.push(
        ...(await this.notifications.add(
          em,
          followers,
          { kind: 'atRisk', title: `工单 ${t.no} 即将超时`, body: `${DEADLINE_LABELS[kind]} ${formatInZone(deadline.dueAt, settings.timeZone)}`, ticketId: t.id },
          now,
        )),
      )
    }
    if (review.breached && t.escalationLevel === 0) {
      pushed.push(...(await this.notifications.add(em, followers, { kind: 'breached', title: `工单 ${t.no} 已超时`, body: `${DEADLINE_LABELS[review.breached]}已过，开始逐级上报`, ticketId: t.id }, now)))
    }
    for (let level = t.escalationLevel + 1; level <= review.escalateTo; level++) {
      const recipients = await this.recipientsOf(em, t, level)
      await writeTicketLog(em, {
        ticketId: t.id,
        action: 'escalate',
        from: t.state,
        to: t.state,
        note: `${DEADLINE_LABELS[review.breached!]}已超时，上报至${ESCALATION_LEVEL_LABELS[level]}`,
        actorId: null,
        onBehalfOf: null,
        at: now,
        data: { level, deadline: review.breached, notified: recipients.names },
      })
      pushed.push(
        ...(await this.notifications.add(
          em,
          recipients.staffIds,
          { kind: 'escalated', title: `${TICKET_KIND_LABELS[t.kind]}工单 ${t.no} 超时上报`, body: `已上报至${ESCALATION_LEVEL_LABELS[level]}（${t.category} · ${t.severity}）`, ticketId: t.id },
          now,
        )),
      )
    }
    const next: TicketRow = { ...t, escalationLevel: review.escalateTo, riskNoticed: review.riskNoticed }
    // The watcher's own bookkeeping leaves the version alone: an agent's open form must not conflict with it.
    await em
      .createQueryBuilder()
      .update('ticket')
      .set({
        escalationLevel: review.escalateTo,
        escalatedAt: review.escalateTo > t.escalationLevel ? now : t.escalatedAt,
        riskNoticed: review.riskNoticed,
        alertAt: nextAlertAt(next, settings),
      })
      .where('id = :id', { id: t.id })
      .execute()
    return pushed
  }

  /** Who hears of an escalation to a level: 部门负责人, then every 客服经理, then the 总经理 — those of them who log in. */
  private async recipientsOf(em: EntityManager, t: TicketRow, level: number): Promise<{ staffIds: number[]; names: string[] }> {
    if (level === 1) {
      const department = t.departmentId ? await repo(em, 'department').findOneBy({ id: t.departmentId }) : null
      const head = department?.headPersonId ? await repo(em, 'person').findOneBy({ id: department.headPersonId }) : null
      return { staffIds: await this.notifications.accountsOfPeople(em, [head?.id]), names: head ? [head.name] : [] }
    }
    if (level === 2) {
      const managers = await repo(em, 'staff_account').find({ select: { id: true, displayName: true }, where: { role: 'manager', active: true } })
      return { staffIds: managers.map((m) => m.id), names: managers.map((m) => m.displayName) }
    }
    const gm = await repo(em, 'person').findOneBy({ isGeneralManager: true, active: true })
    return { staffIds: await this.notifications.accountsOfPeople(em, [gm?.id]), names: gm ? [gm.name] : [] }
  }
}
