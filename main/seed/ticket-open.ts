import type { TicketRow } from '../../database/entities'
import { newTicketRow, type NewTicketFields } from '../services/ticket-row'
import type { CustomerFile, TicketSeed } from './ticket-plan'
import type { LifeWorld } from './ticket-record'

const HOUR = 3_600_000
const DAY = 86_400_000

/**
 * The row `tickets.create` writes for a seed, before anything happens to it. A repair carries
 * the customer's completion date (or one the customer gives, which is then kept on their file, as
 * the service does), a worker and an appointment.
 */
export function openTicket(
  w: LifeWorld,
  seed: TicketSeed,
  o: { id: number; no: string; repeatOfId: number | null; customers: CustomerFile; completed: Map<number, string> },
): TicketRow {
  const { rng, settings, clock, org } = w
  const at = seed.at
  const repair = seed.kind === 'repair'
  const customerId = o.customers.ids[seed.customer]
  let completionDate: string | null = null
  if (repair) {
    completionDate = o.customers.completedOn[seed.customer]
    if (!completionDate && rng.chance(0.8)) {
      // within the 2-year general warranty for most, some within 防水's 5 years, a few long past both
      const r = rng.next()
      const ageDays = r < 0.55 ? rng.int(60, 700) : r < 0.8 ? rng.int(740, 1800) : rng.int(1840, 3300)
      completionDate = clock.date(at - ageDays * DAY)
      o.customers.completedOn[seed.customer] = completionDate
      o.completed.set(customerId, completionDate)
    }
  }
  const appointment = repair && rng.chance(0.7) ? clock.working(rng, at + rng.int(3, 72) * HOUR) : null
  const fields: NewTicketFields = {
    no: o.no,
    kind: seed.kind,
    source: seed.source,
    customerId,
    callId: seed.callId,
    visitId: null,
    category: seed.category,
    severity: seed.severity,
    description: seed.story.description,
    expectation: seed.story.expectation,
    address: repair && rng.chance(0.85) ? o.customers.address[seed.customer] : null,
    preferredTime: seed.story.preferredTime,
    completionDate,
    workerId: repair && org.workerIds.length && rng.chance(0.85) ? rng.pick(org.workerIds) : null,
    // on the half hour, as appointments are made
    appointmentAt: appointment === null ? null : new Date(Math.round(appointment / (30 * 60_000)) * 30 * 60_000),
    handlerId: seed.creatorId,
    repeatOfId: o.repeatOfId,
    createdBy: seed.creatorId,
  }
  return { id: o.id, ...newTicketRow(fields, new Date(at), settings) }
}
