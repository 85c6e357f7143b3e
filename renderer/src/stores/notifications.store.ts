import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { AppNotification } from '@contract/notifications.contract'
import type { AppEvent, EventHandler } from '@contract/events'
import { useApi } from '../api-context'

/** How many the header bell keeps: its dropdown shows the latest, the page shows the rest. */
export const RECENT_LIMIT = 10

/**
 * A pushed notification, when it is for this user. Every open screen receives every push, so a
 * shared desk PC must not show one colleague's assignment to another.
 */
export function notificationFor(event: AppEvent, staffId: number | null, now: Date = new Date()): AppNotification | null {
  if (event.type !== 'notify' || staffId === null || event.staffId !== staffId) return null
  return { id: event.notificationId, kind: event.kind, title: event.title, body: event.body, ticketId: event.ticketId, createdAt: now.toISOString(), readAt: null }
}

/** The logged-in user's notifications: the unread count and latest ones for the bell, pushes as they arrive. */
export const useNotificationsStore = defineStore('notifications', () => {
  const { api } = useApi()
  const recent = ref<AppNotification[]>([])
  const unread = ref(0)

  async function refresh(): Promise<void> {
    const result = await api.notifications.list({ limit: RECENT_LIMIT })
    recent.value = result.items
    unread.value = result.unread
  }

  /** The notifications page's own list; the bell's stays as it is. */
  function fetch(input: { unreadOnly: boolean; limit: number }): Promise<{ items: AppNotification[]; unread: number }> {
    return api.notifications.list(input).then((result) => {
      unread.value = result.unread
      return result
    })
  }

  /** False when it is known already (an event stream that reconnected may push it again). */
  function receive(notification: AppNotification): boolean {
    if (recent.value.some((n) => n.id === notification.id)) return false
    recent.value = [notification, ...recent.value].slice(0, RECENT_LIMIT)
    unread.value++
    return true
  }

  async function markRead(ids: number[]): Promise<void> {
    if (!ids.length) return
    const result = await api.notifications.markRead({ ids })
    const at = new Date().toISOString()
    recent.value = recent.value.map((n) => (ids.includes(n.id) && !n.readAt ? { ...n, readAt: at } : n))
    unread.value = result.unread
  }

  async function markAllRead(): Promise<void> {
    const result = await api.notifications.markRead({ all: true })
    const at = new Date().toISOString()
    recent.value = recent.value.map((n) => (n.readAt ? n : { ...n, readAt: at }))
    unread.value = result.unread
  }

  /** Subscribes to the pushes for `staffId()` (read at each push: the user may change); returns the unsubscribe. */
  function listen(options: { onEvent: (handler: EventHandler) => () => void; staffId: () => number | null; show: (notification: AppNotification) => void }): () => void {
    return options.onEvent((event) => {
      const notification = notificationFor(event, options.staffId())
      if (notification && receive(notification)) options.show(notification)
    })
  }

  function clear(): void {
    recent.value = []
    unread.value = 0
  }

  return { recent, unread, refresh, fetch, receive, markRead, markAllRead, listen, clear }
})
