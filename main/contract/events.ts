import type { CallDirection } from './calls.contract'
import type { NotificationKind } from './notifications.contract'

/**
 * What the core pushes to every open screen (IPC in Electron, server-sent events in browser
 * mode). Events carry ids, never customer data: a screen that cares asks the API, which checks
 * the caller's permission and records the view.
 */
export type AppEvent =
  | { type: 'dataChanged'; area: string; id?: number }
  /** a telephony call for the agent at `staffId`'s extension: ringing pops their intake screen */
  | { type: 'call'; phase: 'ringing' | 'answered' | 'ended'; callId: number; staffId: number | null; direction: CallDirection }
  /**
   * For one staff member (an assignment, a deadline close to breach, an escalation). The title
   * names the ticket number only; the screen shows it as a desktop or in-app notification.
   */
  | { type: 'notify'; staffId: number; notificationId: number; kind: NotificationKind; title: string; body: string; ticketId: number | null }
  | ProgressEvent

/** A long job's progress (a report export), for the screen of the staff member who started it. */
export type ProgressEvent = { type: 'progress'; staffId: number; task: string; done: number; total: number; label: string }

export type EventHandler = (event: AppEvent) => void
