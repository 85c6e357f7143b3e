import dayjs from 'dayjs'
import type { AppSettings } from '../contract/settings.contract'
import { TICKET_NO_PREFIX, type LeaderComplaintTarget, type TicketKind, type WarrantyStatus } from '../contract/tickets.contract'

/** TS20261127-001: kind prefix, the company date it was opened, the day's sequence for that kind. */
export function ticketNo(kind: TicketKind, companyDay: string, sequence: number): string {
  return `${ticketNoPrefix(kind, companyDay)}${String(sequence).padStart(3, '0')}`
}

export function ticketNoPrefix(kind: TicketKind, companyDay: string): string {
  return `${TICKET_NO_PREFIX[kind]}${companyDay.replaceAll('-', '')}-`
}

/** The warranty a repair falls under: years by repair category (防水 5), counted from the completion date. */
export function warrantyOf(
  category: string,
  completionDate: string | null,
  today: string,
  settings: Pick<AppSettings, 'warrantyDefaultYears' | 'warrantyYearsByCategory'>,
): { status: WarrantyStatus; until: string | null; years: number } {
  const years = settings.warrantyYearsByCategory[category] ?? settings.warrantyDefaultYears
  if (!completionDate) return { status: 'unknown', until: null, years }
  const until = dayjs(completionDate, 'YYYY-MM-DD').add(years, 'year').format('YYYY-MM-DD')
  return { status: today <= until ? 'inWarranty' : 'expired', until, years }
}

/**
 * The amount proposed against the responsible person when the customer took the complaint
 * higher: fixed for the general manager; for company leaders within the range, by severity
 * (the list's first severity gets the minimum, its last the maximum), in whole 10 yuan.
 */
export function proposedAssessmentFen(
  target: LeaderComplaintTarget,
  severity: string,
  settings: Pick<AppSettings, 'assessmentGeneralManagerFen' | 'assessmentLeadersMinFen' | 'assessmentLeadersMaxFen' | 'ticketSeverities'>,
): number {
  if (target === 'generalManager') return settings.assessmentGeneralManagerFen
  const { assessmentLeadersMinFen: min, assessmentLeadersMaxFen: max, ticketSeverities: severities } = settings
  const rank = Math.max(0, severities.indexOf(severity))
  const share = severities.length > 1 ? rank / (severities.length - 1) : 0
  const TEN_YUAN = 1000
  return Math.min(max, Math.max(min, Math.round((min + (max - min) * share) / TEN_YUAN) * TEN_YUAN))
}
