import type { TicketRow } from '../../database/entities'
import { freshDeadlines, nextAlertAt } from '../services/ticket-clock'
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
  const fresh = freshDeadlines(new Date(at), seed.severity, settings)
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
  const row: TicketRow = {
    id: o.id,
    no: o.no,
    kind: seed.kind,
    source: seed.source,
    customerId,
    projectId: null,
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
    departmentId: null,
    personId: null,
    handlerId: seed.creatorId,
    state: 'pending',
    suspendedFrom: null,
    suspendedAt: null,
    suspendReason: null,
    pausedSec: 0,
    responseDueAt: fresh.response.dueAt,
    responseRiskAt: fresh.response.riskAt,
    respondedAt: null,
    resolutionDueAt: fresh.resolution.dueAt,
    resolutionRiskAt: fresh.resolution.riskAt,
    resolvedAt: null,
    result: null,
    closedAt: null,
    cancelledAt: null,
    escalationLevel: 0,
    escalatedAt: null,
    alertAt: null,
    riskNoticed: 0,
    leaderComplaint: null,
    repeatOfId: o.repeatOfId,
    satisfaction: null,
    rating: null,
    createdBy: seed.creatorId,
    createdAt: new Date(at),
    updatedAt: new Date(at),
    version: 1,
  }
  row.alertAt = nextAlertAt(row, settings)
  return row
}
