import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { RouterView } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import LoginView from '@renderer/views/auth/login-view.vue'
import { mountScreen, sleep } from './support/mount-helpers'
import { userOf } from './support/fixtures'

const Root = { render: () => h(RouterView) }
const Stub = { render: () => h('div', 'desk') }
const routes = [
  { path: '/login', name: 'login', component: LoginView },
  { path: '/reception', name: 'reception', component: Stub },
  { path: '/customers', name: 'customers', component: Stub },
]

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

async function typeAndEnter(wrapper: Awaited<ReturnType<typeof mountScreen>>['wrapper'], username: string, password: string) {
  await wrapper.get('[data-test="login-username"]').setValue(username)
  await wrapper.get('[data-test="login-password"]').setValue(password)
  wrapper.get('[data-test="login-password"]').element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
  await flushPromises()
}

describe('login', () => {
  it('shows the server message for a locked account and clears the password', async () => {
    const { wrapper, fake } = await mountScreen(Root, {
      routes,
      initialPath: '/login',
      handlers: {
        'auth.login': () => {
          throw new AppError('LOCKED', '账号已锁定，请 15 分钟后再试或联系管理员解锁')
        },
      },
    })
    await typeAndEnter(wrapper, 'qiantai', 'whatever1')
    expect(fake.callsOf('auth.login').map((c) => c.input)).toEqual([{ username: 'qiantai', password: 'whatever1' }])
    expect(wrapper.get('[data-test="login-error"]').text()).toContain('账号已锁定')
    // a lock is a warning, not a wrong password
    expect(wrapper.get('.el-alert--warning').text()).toContain('账号已锁定')
    expect((wrapper.get('[data-test="login-password"]').element as HTMLInputElement).value).toBe('')
    await sleep(150)
    expect(wrapper.find('.el-form-item__error').exists()).toBe(false)
  })

  it('logs in with Enter and lands a receptionist on the front desk', async () => {
    const { wrapper, router } = await mountScreen(Root, {
      routes,
      initialPath: '/login',
      handlers: { 'auth.login': () => ({ token: 'tok-1', user: userOf('receptionist') }) },
    })
    await typeAndEnter(wrapper, 'qiantai', 'front-pass-1')
    expect(router.currentRoute.value.name).toBe('reception')
    expect(sessionStorage.getItem('renodesk.session')).toBe('tok-1')
  })
})
