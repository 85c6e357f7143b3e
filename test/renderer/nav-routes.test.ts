import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { Service } from '@element-plus/icons-vue'
import { createApiClient } from '@contract/app-api'
import { AppError } from '@contract/errors'
import { ROLE_PERMISSIONS, ROLES, type Role } from '@contract/roles'
import { AREA_ROUTES, landingRouteName, visibleAreas, type AreaRoute } from '@renderer/nav-routes'
import { createAppRouter } from '@renderer/router'
import { API_KEY, createRendererApi } from '@renderer/api-context'
import { SESSION_STORAGE_KEY } from '@renderer/stores/auth.store'
import { createAppI18n } from '@renderer/i18n'
import AppNav from '@renderer/components/app-nav.vue'
import { createFakeTransport } from './support/fake-transport'
import { userOf } from './support/fixtures'

const names = (role: Role) => visibleAreas(ROLE_PERMISSIONS[role]).map((a) => a.name)

describe('the navigation follows permissions', () => {
  it('shows a receptionist the front desk, the archive and the standard replies, never calls, accounts or settings', () => {
    // reception opens tickets for walk-in complaints and sees the ones it opened
    expect(names('receptionist')).toEqual(['reception', 'visits', 'customers', 'tickets', 'notifications', 'templates', 'org'])
  })

  it('shows an agent the call desk and the call log but not the live board; a shift lead the board too', () => {
    expect(names('agent')).toEqual(expect.arrayContaining(['calls', 'call-log', 'tickets', 'callbacks', 'templates']))
    expect(names('agent')).not.toContain('assessments')
    expect(names('manager')).toContain('assessments')
    expect(names('agent')).not.toContain('board')
    expect(names('shiftLead')).toContain('board')
  })

  it('shows an admin accounts, organisation and settings, and no customer data', () => {
    expect(names('admin')).toEqual(['staff', 'org', 'settings'])
  })

  it('shows a manager settings but not staff accounts', () => {
    expect(names('manager')).toContain('settings')
    expect(names('manager')).not.toContain('staff')
  })

  it('lands every role on its desk', () => {
    const landing = Object.fromEntries(ROLES.map((role) => [role, landingRouteName(role, ROLE_PERMISSIONS[role])]))
    expect(landing).toEqual({ receptionist: 'reception', agent: 'calls', shiftLead: 'board', manager: 'dashboard', admin: 'staff' })
  })

  it('makes a new area one entry: it appears for the roles that hold its permission', () => {
    const extra: AreaRoute = { name: 'extra', path: '/extra', titleKey: 'nav.reception', icon: Service, permission: 'customers.viewPhone', component: async () => ({ render: () => null }) }
    const areas = [...AREA_ROUTES, extra]
    expect(visibleAreas(ROLE_PERMISSIONS.agent, areas).map((a) => a.name)).toContain('extra')
    expect(visibleAreas(ROLE_PERMISSIONS.receptionist, areas).map((a) => a.name)).not.toContain('extra')
  })

  it('renders only the items the role may use', async () => {
    const fake = createFakeTransport({ 'auth.status': () => ({ needsSetup: false, companyName: 'X' }), 'auth.me': () => userOf('receptionist') })
    sessionStorage.setItem(SESSION_STORAGE_KEY, 'tok')
    const pinia = createPinia()
    const router = createAppRouter(pinia, createMemoryHistory())
    const wrapper = mount(AppNav, {
      props: { collapsed: false },
      global: { plugins: [pinia, createAppI18n('zh-CN'), ElementPlus, router], provide: { [API_KEY as symbol]: createRendererApi(createApiClient(fake.transport)) } },
    })
    await router.push('/customers')
    await flushPromises()
    const items = wrapper.findAll('[data-test^="nav-"]').map((item) => item.attributes('data-test'))
    expect(items).toEqual(['nav-reception', 'nav-visits', 'nav-customers', 'nav-tickets', 'nav-notifications', 'nav-templates', 'nav-org'])
    expect(wrapper.text()).toContain('前台接待')
    expect(wrapper.text()).not.toContain('员工账号')
    sessionStorage.clear()
  })
})

describe('the router guard', () => {
  async function routerFor(handlers: Parameters<typeof createFakeTransport>[0], session: string | null) {
    sessionStorage.clear()
    if (session) sessionStorage.setItem(SESSION_STORAGE_KEY, session)
    const fake = createFakeTransport(handlers)
    const pinia = createPinia()
    const app = mount({ render: () => h('div') }, {
      global: { plugins: [pinia], provide: { [API_KEY as symbol]: createRendererApi(createApiClient(fake.transport)) } },
    })
    const router = createAppRouter(pinia, createMemoryHistory())
    app.vm.$.appContext.app.use(router)
    return { router, fake }
  }

  it('sends everyone to the first-start setup while no account exists', async () => {
    const { router } = await routerFor({ 'auth.status': () => ({ needsSetup: true, companyName: 'X' }) }, null)
    await router.push('/customers')
    expect(router.currentRoute.value.name).toBe('setup')
  })

  it('asks for a login and remembers where the user wanted to go', async () => {
    const { router } = await routerFor({ 'auth.status': () => ({ needsSetup: false, companyName: 'X' }) }, null)
    await router.push('/customers?q=zs')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/customers?q=zs')
  })

  it('restores the session after a reload and turns a receptionist away from staff accounts', async () => {
    const { router, fake } = await routerFor({ 'auth.status': () => ({ needsSetup: false, companyName: 'X' }), 'auth.me': () => userOf('receptionist') }, 'kept-session')
    await router.push('/staff')
    expect(router.currentRoute.value.name).toBe('reception')
    expect(fake.callsOf('auth.me')[0].session).toBe('kept-session')
  })

  it('forgets a session the server no longer knows', async () => {
    const { router } = await routerFor(
      {
        'auth.status': () => ({ needsSetup: false, companyName: 'X' }),
        'auth.me': () => {
          throw new AppError('UNAUTHENTICATED', '登录已过期')
        },
      },
      'stale',
    )
    await router.push('/reception')
    expect(router.currentRoute.value.name).toBe('login')
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
  })
})
