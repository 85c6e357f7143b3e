import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import AppLayout from '@renderer/components/app-layout.vue'
import { useAuthStore } from '@renderer/stores/auth.store'
import { useCustomersStore } from '@renderer/stores/customers.store'
import { mountScreen } from './support/mount-helpers'
import { settings, userOf } from './support/fixtures'

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

const page = { items: [{ id: 1, name: '王芳', phone: '139 1234 5678', community: null, grade: null, sourceChannel: null, followingDesigner: null, lastContactAt: null, createdAt: '' }], total: 1, page: 1, pageSize: 20 }

describe('the app layout', () => {
  it('shows the company, the user and their role, and logging out forgets what they saw', async () => {
    const stub = { render: () => h('div') }
    const { wrapper, fake, router, pinia } = await mountScreen(AppLayout, {
      routes: [
        { path: '/customers', name: 'customers', component: stub },
        { path: '/login', name: 'login', component: stub },
      ],
      initialPath: '/customers',
      handlers: {
        'settings.get': () => ({ ...settings, companyName: '申城装饰' }),
        'auth.login': () => ({ token: 't', user: userOf('agent') }),
        'auth.logout': () => undefined,
        'customers.search': () => page,
        // the bell asks once logged in
        'notifications.list': () => ({ items: [], unread: 0 }),
      },
    })
    const auth = useAuthStore(pinia)
    await auth.login({ username: 'kefu01', password: 'x' })
    await useCustomersStore(pinia).search({})
    await flushPromises()
    expect(wrapper.get('[data-test="company-name"]').text()).toBe('申城装饰')
    expect(wrapper.get('[data-test="current-user"]').text()).toContain('客服专员')
    expect(wrapper.findAll('[data-test^="nav-"]').map((n) => n.attributes('data-test'))).toEqual(['nav-reception', 'nav-visits', 'nav-customers', 'nav-calls', 'nav-call-log', 'nav-tickets', 'nav-callbacks', 'nav-greetings', 'nav-deposits', 'nav-projects', 'nav-weekly', 'nav-inspections', 'nav-viewings', 'nav-evaluations', 'nav-reports', 'nav-notifications', 'nav-templates', 'nav-org'])

    await wrapper.get('[data-test="logout"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('auth.logout')).toHaveLength(1)
    expect(router.currentRoute.value.name).toBe('login')
    expect(auth.user).toBeNull()
    expect(useCustomersStore(pinia).page.items).toEqual([])
    expect(sessionStorage.getItem('renodesk.session')).toBeNull()
  })
})
