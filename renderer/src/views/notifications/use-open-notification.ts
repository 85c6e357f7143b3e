import { useRouter } from 'vue-router'
import type { AppNotification } from '@contract/notifications.contract'
import { useNotificationsStore } from '../../stores/notifications.store'
import { showError } from '../../notify'

/** Opening a notification reads it and goes to its ticket (or to the notifications page when it has none). */
export function useOpenNotification(): (notification: AppNotification) => Promise<void> {
  const router = useRouter()
  const notifications = useNotificationsStore()
  return async (notification) => {
    if (!notification.readAt) notifications.markRead([notification.id]).catch(showError)
    const target = notification.ticketId ? { name: 'ticket-detail', params: { id: notification.ticketId } } : { name: 'notifications' }
    await router.push(target).catch(() => undefined)
  }
}
