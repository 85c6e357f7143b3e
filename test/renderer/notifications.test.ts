import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { AppEvent } from '@contract/events'
import NotificationBell from '@renderer/components/notification-bell.vue'
import NotificationListView from '@renderer/views/notifications/notification-list-view.vue'
import { notificationFor, useNotificationsStore } from '@renderer/stores/notifications.store'
import { useAuthStore } from '@renderer/stores/auth.store'
import { notifierKind } from '@renderer/views/notifications/notification-display'
import { mountScreen } from './support/mount-helpers'
import { settings, userOf } from './support/fixtures'
import { notification } from './support/ticket-admin-fixtures'

const notify = (staffId: number, notificationId: number, overrides: Partial<Extract<AppEvent, { type: 'notify' }>> = {}): AppEvent => ({
  type: 'notify',
  staffId,
  notificationId,
  kind: 'breached',
  title: `已超时 TS20261127-00${notificationId}`,
  body: '响应期限已过',
  ticketId: 7,
  ...overrides,
})

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
  vi.unstubAllGlobals()
})

describe('notifications for the logged-in user only', () => {
  it('takes a push only when it names this staff member', () => {
    const now = new Date('2026-11-27T02:00:00Z')
    expect(notificationFor(notify(7, 3), 7, now)).toEqual({ id: 3, kind: 'breached', title: '已超时 TS20261127-003', body: '响应期限已过', ticketId: 7, createdAt: '2026-11-27T02:00:00.000Z', readAt: null })
    expect(notificationFor(notify(8, 3), 7, now)).toBeNull()
    expect(notificationFor(notify(7, 3), null, now)).toBeNull()
    expect(notificationFor({ type: 'dataChanged', area: 'tickets' }, 7, now)).toBeNull()
  })

  it('shows the operating system notification inside Electron and the in-page one in a browser', () => {
    const granted = { permission: 'granted' }
    expect(notifierKind({ windowApi: { api: {} }, Notification: granted })).toBe('os')
    expect(notifierKind({ windowApi: undefined, Notification: granted })).toBe('inApp')
    expect(notifierKind({ windowApi: { api: {} }, Notification: undefined })).toBe('inApp')
    expect(notifierKind({ windowApi: { api: {} }, Notification: { permission: 'denied' } })).toBe('inApp')
  })
})

describe('the header bell', () => {
  async function mountBell(listed = [notification({ id: 1 }), notification({ id: 2, kind: 'atRisk', title: '即将超时 TS20261127-002', readAt: '2026-11-27T02:00:00Z' })]) {
    const stub = { render: () => h('div') }
    const mounted = await mountScreen(NotificationBell, {
      routes: [
        { path: '/', component: stub },
        { path: '/tickets/:id', name: 'ticket-detail', component: stub },
        { path: '/notifications', name: 'notifications', component: stub },
      ],
      handlers: {
        'auth.login': () => ({ token: 't', user: userOf('agent', 7) }),
        'settings.get': () => settings,
        'notifications.list': () => ({ items: listed, unread: listed.filter((n) => !n.readAt).length }),
        'notifications.markRead': (input) => ({ unread: input.all ? 0 : 0 }),
      },
    })
    await useAuthStore(mounted.pinia).login({ username: 'kefu01', password: 'x' })
    await flushPromises()
    return mounted
  }

  it('counts my pushes and ignores a colleague’s', async () => {
    const { wrapper, fake, pinia } = await mountBell()
    const store = useNotificationsStore(pinia)
    expect(fake.callsOf('notifications.list')).toHaveLength(1)
    expect(store.unread).toBe(1)
    expect(wrapper.get('[data-test="notification-unread"] sup').text()).toBe('1')

    fake.emit(notify(8, 30))
    fake.emit(notify(7, 31))
    fake.emit(notify(7, 31)) // the same push twice (a reconnecting event stream) counts once
    await flushPromises()
    expect(store.unread).toBe(2)
    expect(store.recent.map((n) => n.id)).toEqual([31, 1, 2])
    const shown = [...document.querySelectorAll('.el-notification')].map((n) => n.textContent ?? '')
    expect(shown.filter((text) => text.includes('已超时 TS20261127-0031'))).toHaveLength(1)
    expect(document.body.textContent).not.toContain('TS20261127-0030')
  })

  it('opens a notification: marks it read and goes to its ticket', async () => {
    const { wrapper, fake, router } = await mountBell()
    await wrapper.get('[data-test="notification-bell"]').trigger('click')
    await flushPromises()
    const items = document.querySelectorAll<HTMLElement>('[data-test="notification-item"]')
    expect(items).toHaveLength(2)
    items[0].click()
    await flushPromises()
    expect(fake.callsOf('notifications.markRead').map((c) => c.input)).toEqual([{ ids: [1] }])
    expect(router.currentRoute.value.fullPath).toBe('/tickets/7')
  })

  it('forgets the notifications when the user logs out', async () => {
    const { pinia } = await mountBell()
    const auth = useAuthStore(pinia)
    auth.user = null
    await flushPromises()
    expect(useNotificationsStore(pinia).recent).toEqual([])
    expect(useNotificationsStore(pinia).unread).toBe(0)
  })
})

describe('the notifications page', () => {
  it('lists them, marks all read, and adds my pushes in front', async () => {
    const { wrapper, fake, pinia } = await mountScreen(NotificationListView, {
      handlers: {
        'settings.get': () => settings,
        'notifications.list': (input) => ({ items: input.unreadOnly ? [notification({ id: 1 })] : [notification({ id: 1 }), notification({ id: 2, readAt: '2026-11-27T02:00:00Z' })], unread: 1 }),
        'notifications.markRead': () => ({ unread: 0 }),
      },
    })
    useAuthStore(pinia).user = userOf('agent', 7)
    expect(fake.callsOf('notifications.list')[0].input).toEqual({ unreadOnly: false, limit: 200 })
    expect(wrapper.findAll('[data-test="notifications-row"]')).toHaveLength(2)
    expect(wrapper.findAll('[data-test="notifications-row"].unread')).toHaveLength(1)

    fake.emit(notify(9, 40))
    fake.emit(notify(7, 41))
    await flushPromises()
    expect(wrapper.findAll('[data-test="notifications-row"]').map((r) => r.text())).toEqual([
      expect.stringContaining('TS20261127-0041'),
      expect.stringContaining('派单 TS20261127-001'),
      expect.stringContaining('派单 TS20261127-001'),
    ])

    await wrapper.get('[data-test="notifications-mark-all"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('notifications.markRead').map((c) => c.input)).toEqual([{ all: true }])
    expect(wrapper.findAll('[data-test="notifications-row"].unread')).toHaveLength(0)

    await wrapper.get('[data-test="notifications-unread-only"] input').setValue(true)
    await flushPromises()
    expect(fake.callsOf('notifications.list').at(-1)?.input).toEqual({ unreadOnly: true, limit: 200 })
  })
})
