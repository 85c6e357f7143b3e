import { sqlNumber, sqlText, sqlTime } from './bulk-insert'
import type { CompanyDay } from './call-curve'
import { FOLLOW_UP_NOTES } from './call-texts'
import type { Rng } from './random'

export const FOLLOW_UP_COLUMNS = ['id', 'source_call_id', 'customer_id', 'number_key', 'agent_id', 'due_on', 'note', 'status', 'done_at', 'done_call_id', 'created_at', 'updated_at'] as const

export interface FollowUpRecord {
  id: number
  sourceCallId: number
  customerId: number | null
  numberKey: string
  agentId: number
  dueDay: number
  note: string | null
  status: 'open' | 'done' | 'cancelled'
  doneAt: number | null
  doneCallId: number | null
  createdAt: number
  /** 'serve': an outbound call on or after its day carries it out */
  fate: 'open' | 'serve'
}

const MINUTE = 60_000

/**
 * The follow-up tasks (跟进) the calls set, and which of them later calls carried out: a task
 * becomes due on its day, and the next outbound call of that day (or later) is that callback.
 * Tasks falling due in the last week or later are rarer (`recentChance`), so that today's lists
 * stay a day's work at any scale; some of them are still open, a few overdue.
 */
export class FollowUpBook {
  readonly records: FollowUpRecord[] = []
  private nextId: number
  private readonly due: FollowUpRecord[][] = []
  private firstDue = 0

  constructor(private readonly o: { rng: Rng; days: CompanyDay[]; today: number; recentChance: number; chance: number; firstId: number }) {
    this.nextId = o.firstId
    for (let d = 0; d < o.days.length; d++) this.due.push([])
  }

  /** A next follow-up date 1–14 days after the call, or none; returns the date the call's form carries. */
  maybeCreate(c: { callId: number; day: number; customerId: number | null; numberKey: string; agentId: number; at: number; outcome: string | null }): string | null {
    const { rng, today } = this.o
    if (!c.numberKey) return null
    const dueDay = c.day + rng.int(1, 14)
    if (dueDay >= this.o.days.length || !rng.chance(dueDay >= today - 7 ? this.o.recentChance : this.o.chance)) return null
    let fate: FollowUpRecord['fate'] = 'serve'
    if (dueDay > today || (dueDay === today && rng.chance(0.7)) || (dueDay >= today - 7 && rng.chance(0.5))) fate = 'open'
    const record: FollowUpRecord = {
      id: this.nextId++,
      sourceCallId: c.callId,
      customerId: c.customerId,
      numberKey: c.numberKey,
      agentId: c.agentId,
      dueDay,
      note: rng.pick(FOLLOW_UP_NOTES) ?? c.outcome,
      status: 'open',
      doneAt: null,
      doneCallId: null,
      createdAt: c.at,
      fate,
    }
    this.records.push(record)
    if (fate === 'serve') this.due[dueDay].push(record)
    return this.o.days[dueDay].date
  }

  /** The oldest task due by `day` that no call has carried out yet. */
  takeDue(day: number): FollowUpRecord | null {
    while (this.firstDue <= day && this.firstDue < this.due.length && this.due[this.firstDue].length === 0) this.firstDue++
    if (this.firstDue > day || this.firstDue >= this.due.length) return null
    return this.due[this.firstDue].shift() ?? null
  }

  /** Tasks whose day came without a call: older ones were done or dropped, recent ones stay open. */
  finish(): void {
    const { rng, today, days } = this.o
    for (const bucket of this.due) {
      for (const f of bucket) {
        if (f.dueDay >= today - 7) continue
        f.status = rng.chance(0.75) ? 'done' : 'cancelled'
        f.doneAt = f.status === 'done' ? days[f.dueDay].start + 10 * 3_600_000 + rng.int(0, 8 * 60) * MINUTE : null
      }
      bucket.length = 0
    }
  }

  row(f: FollowUpRecord): string {
    const updated = Math.max(f.createdAt, f.doneAt ?? 0)
    return `(${f.id},${f.sourceCallId},${sqlNumber(f.customerId)},${sqlText(f.numberKey)},${f.agentId},'${this.o.days[f.dueDay].date}',${sqlText(f.note)},'${f.status}',${sqlTime(f.doneAt)},${sqlNumber(f.doneCallId)},${sqlTime(f.createdAt)},${sqlTime(updated)})`
  }
}
