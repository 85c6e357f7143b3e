import type { TicketState, WarrantyStatus } from '@contract/tickets.contract'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** One colour per state wherever a ticket is shown: blue while someone works on it, green once closed. */
export const STATE_TAG: Record<TicketState, TagType> = {
  pending: 'warning',
  dispatched: 'primary',
  inProgress: 'primary',
  awaitingCallback: 'success',
  closed: 'info',
  suspended: 'info',
  reopened: 'danger',
  cancelled: 'info',
}

export const WARRANTY_TAG: Record<WarrantyStatus, TagType> = { inWarranty: 'success', expired: 'danger', unknown: 'info' }
