import type { Component } from 'vue'
import { Calendar, Document, House, Phone, PhoneFilled, Shop, View, Wallet, WarningFilled } from '@element-plus/icons-vue'
import type { TimelineKind } from '@contract/customers.contract'

export interface TimelineKindStyle {
  icon: Component
  /** CSS colour of the dot and icon */
  color: string
  /** i18n key of the kind's name */
  labelKey: string
}

/** How each kind of interaction looks on the timeline: a new kind (calls, tickets, callbacks) is one entry. */
export const TIMELINE_KINDS: Record<TimelineKind, TimelineKindStyle> = {
  visit: { icon: Shop, color: '#2b6cd9', labelKey: 'timeline.visit' },
  call: { icon: Phone, color: '#1f9d8a', labelKey: 'timeline.call' },
  appointment: { icon: Calendar, color: '#c27c0e', labelKey: 'timeline.appointment' },
  ticket: { icon: WarningFilled, color: '#d14343', labelKey: 'tickets.timeline.ticket' },
  callback: { icon: PhoneFilled, color: '#7a5af8', labelKey: 'tickets.timeline.callback' },
  deposit: { icon: Wallet, color: '#b7791f', labelKey: 'projects.timeline.deposit' },
  project: { icon: House, color: '#2f855a', labelKey: 'projects.timeline.project' },
  inspection: { icon: View, color: '#4a5568', labelKey: 'projects.timeline.inspection' },
}

const FALLBACK: TimelineKindStyle = { icon: Document, color: '#8a94a3', labelKey: 'timeline.other' }

/** The style of a kind; a kind this build does not know yet still renders, plainly. */
export function timelineKindStyle(kind: string): TimelineKindStyle {
  return (TIMELINE_KINDS as Record<string, TimelineKindStyle>)[kind] ?? FALLBACK
}
