import type { PersonRef } from '@contract/customers.contract'
import type { ViewingOutcome, ViewingTrip } from '@contract/viewings.contract'
import type { ViewingReportInput, ViewingSaveInput } from '../../stores/viewings.store'

export type TripSite = ViewingTrip['sites'][number]

/** What the 安排看房 dialog holds while it is typed; `clients` keeps an empty row for the next pick. */
export interface TripDraft {
  tripOn: string
  departAt: string | null
  guideId: number | null
  clients: (PersonRef | null)[]
  sites: TripSite[]
  note: string
}

export const TRIP_FIELDS = ['tripOn', 'departAt', 'guideId', 'customerIds', 'projectIds', 'note'] as const

export function newTripDraft(tripOn: string, guideId: number | null): TripDraft {
  return { tripOn, departAt: null, guideId, clients: [null], sites: [], note: '' }
}

export function tripDraftOf(trip: ViewingTrip): TripDraft {
  return {
    tripOn: trip.tripOn,
    departAt: trip.departAt,
    guideId: trip.guide?.id ?? null,
    clients: trip.clients.map((c) => ({ ...c.customer })),
    sites: trip.sites.map((s) => ({ ...s })),
    note: trip.note ?? '',
  }
}

/** The customers picked, each once, in the order they were picked. */
export function clientIdsOf(draft: TripDraft): number[] {
  return [...new Set(draft.clients.filter((c): c is PersonRef => c !== null).map((c) => c.id))]
}

export type TripErrorCode = 'dateRequired' | 'timeInvalid' | 'clientsRequired' | 'sitesRequired'

export function checkTripDraft(draft: TripDraft): Partial<Record<(typeof TRIP_FIELDS)[number], TripErrorCode>> {
  const errors: Partial<Record<(typeof TRIP_FIELDS)[number], TripErrorCode>> = {}
  if (!draft.tripOn) errors.tripOn = 'dateRequired'
  if (draft.departAt && !/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.departAt)) errors.departAt = 'timeInvalid'
  if (clientIdsOf(draft).length === 0) errors.customerIds = 'clientsRequired'
  if (draft.sites.length === 0) errors.projectIds = 'sitesRequired'
  return errors
}

export function saveInputOf(draft: TripDraft, trip: ViewingTrip | null): ViewingSaveInput {
  return {
    id: trip?.id ?? null,
    version: trip?.version ?? null,
    tripOn: draft.tripOn,
    departAt: draft.departAt || null,
    guideId: draft.guideId,
    customerIds: clientIdsOf(draft),
    projectIds: draft.sites.map((s) => s.id),
    note: draft.note.trim() || null,
  }
}

/** A server message about `customerIds.3` stands under the clients, like one about the whole list. */
export function tripFieldOf(key: string): string {
  return key.split('.')[0]
}

/** The 看房汇报 as typed: the text and each client's outcome (null until picked). */
export interface ReportDraft {
  report: string
  outcomes: Record<number, ViewingOutcome | null>
}

export function reportDraftOf(trip: ViewingTrip): ReportDraft {
  return { report: trip.report ?? '', outcomes: Object.fromEntries(trip.clients.map((c) => [c.customer.id, c.outcome])) }
}

export function reportInputOf(trip: ViewingTrip, draft: ReportDraft): ViewingReportInput {
  return {
    id: trip.id,
    version: trip.version,
    report: draft.report.trim(),
    outcomes: trip.clients.flatMap((c) => {
      const outcome = draft.outcomes[c.customer.id]
      return outcome ? [{ customerId: c.customer.id, outcome }] : []
    }),
  }
}
