import { z } from 'zod'
import { defineMethod } from './define'
import { id, input, intRange } from './schema-kit'

/** What a notification is about; the screens pick an icon and a colour from it. */
export const NOTIFICATION_KINDS = ['assigned', 'atRisk', 'breached', 'escalated', 'reopened', 'callbackDue', 'assessment'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export interface AppNotification {
  id: number
  kind: NotificationKind
  title: string
  body: string
  ticketId: number | null
  createdAt: string
  readAt: string | null
}

export const notificationsContract = {
  /** The caller's own notifications, newest first. */
  list: defineMethod<{ items: AppNotification[]; unread: number }>()({
    input: input({ unreadOnly: z.boolean({ error: '是否只看未读无效' }).default(false), limit: intRange('条数', 1, 200).default(50) }),
    permission: 'session',
  }),
  markRead: defineMethod<{ unread: number }>()({
    input: input({ ids: z.array(id('通知'), { error: '通知列表无效' }).max(500).optional(), all: z.boolean({ error: '参数无效' }).default(false) }),
    permission: 'session',
  }),
}
