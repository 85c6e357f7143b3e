import type { Satisfaction } from '../contract/callbacks.contract'
import type { NotificationKind } from '../contract/notifications.contract'
import type { AppSettings } from '../contract/settings.contract'
import { formatInZone } from '../contract/time'
import { ESCALATION_LEVEL_LABELS, TICKET_KIND_LABELS, type AssessmentStatus, type LeaderComplaintTarget, type TicketLogAction, type TicketState } from '../contract/tickets.contract'
import type { TicketRow } from '../../database/entities'
import { nextAlertAt, owedDeadlines, reviewTicket, type DeadlineKind } from '../services/ticket-clock'
import type { DemoRota } from './agent-rota'
import type { Rng } from './random'
import type { WorkClock } from './ticket-fates'
import type { TicketOrg } from './ticket-org'

export interface LogEntry {
  action: TicketLogAction
  from: TicketState | null
  to: TicketState | null
  note: string | null
  actorId: number | null
  onBehalfOf: number | null
  at: number
  data: Record<string, unknown> | null
}

export interface CallbackEntry {
  id: number
  status: 'open' | 'done' | 'cancelled'
  reason: string
  dueOn: string
  agentId: number | null
  attempts: number
  lastAttemptAt: number | null
  lastAttemptNote: string | null
  result: Satisfaction | null
  rating: number | null
  comment: string | null
  doneAt: number | null
  doneBy: number | null
  createdAt: number
  updatedAt: number
  version: number
}

export interface AssessmentEntry {
  id: number
  personId: number
  departmentId: number | null
  reason: LeaderComplaintTarget
  proposedFen: number
  amountFen: number | null
  status: AssessmentStatus
  note: string
  proposedBy: number
  proposedAt: number
  decidedBy: number | null
  decidedAt: number | null
  decisionNote: string | null
}

export interface Notice {
  staffId: number
  kind: NotificationKind
  title: string
  body: string
  at: number
}

/** What every ticket's story shares: the seeding's clock, settings, organisation and id counters. */
export interface LifeWorld {
  rng: Rng
  now: number
  settings: AppSettings
  org: TicketOrg
  clock: WorkClock
  /** notifications are kept only for what happened from here on (the last days) */
  notifyFrom: number
  /** who is at work when (satisfaction callbacks are made on shift) */
  rota?: DemoRota
  nextId: { callback: number; assessment: number }
}

const DEADLINE_LABELS: Record<DeadlineKind, string> = { response: '响应期限', resolution: '解决期限' }

/**
 * One ticket as the services would have left it: the row, its handling log, callbacks,
 * assessments and the notifications it caused. Changes go through `save` (the service's
 * version and alert bookkeeping); `watch` plays the deadline watcher up to an instant.
 */
export class TicketRecord {
  readonly logs: LogEntry[] = []
  readonly callbacks: CallbackEntry[] = []
  readonly assessments: AssessmentEntry[] = []
  readonly notices: Notice[] = []

  constructor(
    protected readonly w: LifeWorld,
    readonly row: TicketRow,
  ) {}

  protected save(changes: Partial<TicketRow>, at: number): void {
    Object.assign(this.row, changes)
    this.row.alertAt = nextAlertAt(this.row, this.w.settings)
    this.row.updatedAt = new Date(at)
    this.row.version++
  }

  protected log(entry: Omit<LogEntry, 'from' | 'to'> & { from?: TicketState | null; to?: TicketState | null }): void {
    this.logs.push({ from: this.row.state, to: this.row.state, ...entry })
  }

  /** Only what happened lately is kept: the texts are made for those alone. */
  protected notify(staffIds: Iterable<number>, kind: NotificationKind, text: () => [title: string, body: string], at: number): void {
    if (at < this.w.notifyFrom) return
    const [title, body] = text()
    for (const staffId of new Set(staffIds)) this.notices.push({ staffId, kind, title, body, at })
  }

  protected followers(): number[] {
    return [...this.w.org.accounts(this.row.personId), ...(this.row.handlerId ? [this.row.handlerId] : [])]
  }

  protected notifyAssigned(at: number): void {
    const t = this.row
    this.notify(this.w.org.accounts(t.personId, t.departmentId ? this.w.org.headOf.get(t.departmentId) : null), 'assigned', () => {
      const [due] = owedDeadlines(t)
      return [`新派${TICKET_KIND_LABELS[t.kind]}工单 ${t.no}`, `${t.category} · ${t.severity}${due ? ` · 期限 ${formatInZone(due.dueAt, this.w.settings.timeZone)}` : ''}`]
    }, at)
  }

  protected notifyReopened(note: string, at: number): void {
    this.notify(this.followers(), 'reopened', () => [`工单 ${this.row.no} 已重开`, note.slice(0, 200)], at)
  }

  /** The watcher's passes up to `until`: near-breach notices, then a level a step after the breach. */
  protected watch(until: number): void {
    const { rng, settings } = this.w
    const t = this.row
    for (let pass = 0; pass < 16 && t.alertAt && t.alertAt.getTime() <= until; pass++) {
      // it sweeps once a minute
      const at = Math.min(until, t.alertAt.getTime() + rng.int(0, 59) * 1000)
      const review = reviewTicket(t, new Date(at), settings)
      const owed = owedDeadlines(t)
      for (const kind of review.atRisk) {
        const deadline = owed.find((d) => d.kind === kind)!
        this.notify(this.followers(), 'atRisk', () => [`工单 ${t.no} 即将超时`, `${DEADLINE_LABELS[kind]} ${formatInZone(deadline.dueAt, settings.timeZone)}`], at)
      }
      const breached = review.breached
      if (breached && t.escalationLevel === 0) this.notify(this.followers(), 'breached', () => [`工单 ${t.no} 已超时`, `${DEADLINE_LABELS[breached]}已过，开始逐级上报`], at)
      for (let level = t.escalationLevel + 1; level <= review.escalateTo; level++) {
        const recipients = this.escalationRecipients(level)
        this.log({
          action: 'escalate',
          note: `${DEADLINE_LABELS[review.breached!]}已超时，上报至${ESCALATION_LEVEL_LABELS[level]}`,
          actorId: null,
          onBehalfOf: null,
          at,
          data: { level, deadline: review.breached, notified: recipients.names },
        })
        this.notify(recipients.staffIds, 'escalated', () => [`${TICKET_KIND_LABELS[t.kind]}工单 ${t.no} 超时上报`, `已上报至${ESCALATION_LEVEL_LABELS[level]}（${t.category} · ${t.severity}）`], at)
      }
      if (review.escalateTo > t.escalationLevel) t.escalatedAt = new Date(at)
      t.escalationLevel = review.escalateTo
      t.riskNoticed = review.riskNoticed
      // the watcher's bookkeeping leaves the version and the update time alone
      t.alertAt = nextAlertAt(t, settings)
    }
  }

  private escalationRecipients(level: number): { staffIds: number[]; names: string[] } {
    const org = this.w.org
    if (level === 1) {
      const head = this.row.departmentId ? org.headOf.get(this.row.departmentId) : null
      const name = org.nameOf(head)
      return { staffIds: org.accounts(head), names: name ? [name] : [] }
    }
    if (level === 2) return { staffIds: org.managers.map((m) => m.id), names: org.managers.map((m) => m.name) }
    const name = org.nameOf(org.generalManagerId)
    return { staffIds: org.accounts(org.generalManagerId), names: name ? [name] : [] }
  }
}
