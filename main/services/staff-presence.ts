import type { SessionUser } from '../contract/auth.contract'
import { namedSql } from '../../database/named-sql'
import type { Store } from '../../database/store'

const HOUR_MS = 3_600_000
/** the roles that answer the phone: the staffing plan sets them against the calls */
const COUNTED = new Set<SessionUser['role']>(['agent', 'shiftLead'])

/**
 * Records the hours in which agents were logged in, for the staffing plan: once per person and
 * UTC hour, when a request of theirs arrives or when the minute sweep finds their session still
 * open. Remembering what was written this hour keeps it to one write per agent and hour.
 */
export class StaffPresence {
  private hour = -1
  private written = new Set<number>()

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly logError: (error: unknown, where: string) => void,
  ) {}

  seen(users: Iterable<SessionUser>): void {
    const hourStart = Math.floor(this.now().getTime() / HOUR_MS) * HOUR_MS
    if (hourStart !== this.hour) {
      this.hour = hourStart
      this.written = new Set()
    }
    const fresh = [...users].filter((u) => COUNTED.has(u.role) && !this.written.has(u.id))
    if (fresh.length === 0) return
    for (const u of fresh) this.written.add(u.id)
    const at = new Date(hourStart)
    this.store
      .write(async (em) => {
        for (const u of fresh) {
          await namedSql(em, 'INSERT INTO staff_presence (staff_id, hour_start) VALUES (:staffId, :at) ON CONFLICT (hour_start, staff_id) DO NOTHING', { staffId: u.id, at })
        }
      })
      .catch((error: unknown) => {
        for (const u of fresh) this.written.delete(u.id)
        this.logError(error, 'staff-presence')
      })
  }
}
