import { ElNotification } from 'element-plus'
import type { AppNotification, NotificationKind } from '@contract/notifications.contract'

type Tone = 'info' | 'warning' | 'danger' | 'primary'

/** How loud each kind is: a breach or an escalation is red, a near breach amber. */
export const NOTIFICATION_TONES: Record<NotificationKind, Tone> = {
  assigned: 'primary',
  atRisk: 'warning',
  breached: 'danger',
  escalated: 'danger',
  reopened: 'warning',
  callbackDue: 'info',
  assessment: 'warning',
}

export type NotifierKind = 'os' | 'inApp'

/**
 * Inside Electron (the preload's `window.api`) the web Notification is the operating system's
 * own, seen when the app is behind other windows; a browser tab shows it inside the page, where
 * a permission prompt would only get in the way.
 */
export function notifierKind(env: { windowApi: unknown; Notification: { permission: string } | undefined }): NotifierKind {
  const inElectron = typeof env.windowApi === 'object' && env.windowApi !== null
  return inElectron && env.Notification && env.Notification.permission !== 'denied' ? 'os' : 'inApp'
}

export function currentNotifierKind(): NotifierKind {
  return notifierKind({
    windowApi: (window as Window & { api?: unknown }).api,
    Notification: typeof Notification === 'undefined' ? undefined : Notification,
  })
}

/** Shows one notification; clicking it calls `open`. */
export function showNotification(notification: AppNotification, kind: NotifierKind, open: (notification: AppNotification) => void): void {
  if (kind === 'os') {
    const shown = new Notification(notification.title, { body: notification.body, tag: `renodesk-${notification.id}` })
    shown.onclick = () => {
      window.focus()
      open(notification)
    }
    return
  }
  const tone = NOTIFICATION_TONES[notification.kind]
  const handle = ElNotification({
    title: notification.title,
    message: notification.body,
    type: tone === 'danger' ? 'error' : tone === 'primary' ? 'info' : tone,
    position: 'bottom-right',
    duration: 10_000,
    customClass: 'rd-notify',
    onClick: () => {
      handle.close()
      open(notification)
    },
  })
}
