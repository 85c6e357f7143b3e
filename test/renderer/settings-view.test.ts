import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { AppSettings, TelephonyConfig } from '@contract/settings.contract'
import SettingsView from '@renderer/views/settings/settings-view.vue'
import { fakeDialogs, mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'

function telephony(token: string, overrides: Partial<TelephonyConfig> = {}): TelephonyConfig {
  return { enabled: true, bindAddress: '127.0.0.1', port: 8631, token, url: 'http://127.0.0.1:8631/cti/events', listening: true, ...overrides }
}

function core() {
  let saved: AppSettings = { ...settings }
  let token = 'tok-OLD-1234567890abcdef'
  return {
    handlers: {
      'settings.get': () => saved,
      'settings.update': (input: Record<string, unknown>) => (saved = { ...saved, ...(input.changes as Partial<AppSettings>) }),
      'settings.telephony': () => telephony(token, { enabled: saved.ctiEnabled, port: saved.ctiPort }),
      'settings.rotateCtiToken': () => telephony((token = 'tok-NEW-fedcba0987654321')),
    },
  }
}

const tokenText = () => document.querySelector('[data-test="settings-cti-token"]')!.textContent ?? ''

afterEach(() => {
  document.body.innerHTML = ''
})

describe('系统设置: 电话事件接口', () => {
  it('shows where the PBX posts, with the token masked until revealed', async () => {
    const { wrapper } = await mountScreen(SettingsView, { handlers: core().handlers })
    expect(wrapper.get('[data-test="settings-cti-url"]').text()).toBe('http://127.0.0.1:8631/cti/events')
    expect(wrapper.get('[data-test="settings-cti-status"]').text()).toBe('正在监听')
    expect(tokenText()).not.toContain('tok-OLD')
    await wrapper.get('[data-test="settings-cti-reveal"]').trigger('click')
    expect(tokenText()).toBe('tok-OLD-1234567890abcdef')
    await wrapper.get('[data-test="settings-cti-reveal"]').trigger('click')
    expect(tokenText()).not.toContain('tok-OLD')
  })

  it('makes a new token only after the PBX warning is confirmed', async () => {
    const refused = fakeDialogs(false)
    const first = await mountScreen(SettingsView, { handlers: core().handlers, dialogs: refused.dialogs })
    await first.wrapper.get('[data-test="settings-cti-rotate"]').trigger('click')
    await flushPromises()
    expect(refused.asked[0]).toContain('交换机（PBX）必须改用新令牌')
    expect(first.fake.callsOf('settings.rotateCtiToken')).toHaveLength(0)
    first.wrapper.unmount()
    document.body.innerHTML = ''

    const accepted = fakeDialogs(true)
    const { wrapper, fake } = await mountScreen(SettingsView, { handlers: core().handlers, dialogs: accepted.dialogs })
    await wrapper.get('[data-test="settings-cti-rotate"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('settings.rotateCtiToken')).toHaveLength(1)
    await wrapper.get('[data-test="settings-cti-reveal"]').trigger('click')
    expect(tokenText()).toBe('tok-NEW-fedcba0987654321')
  })

  it('saves the listener settings and reads where it listens afterwards', async () => {
    const { wrapper, fake } = await mountScreen(SettingsView, { handlers: core().handlers })
    expect(fake.callsOf('settings.telephony')).toHaveLength(1)
    await wrapper.get('[data-test="settings-cti-enabled"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('保存后生效')
    await wrapper.get('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('settings.update').map((c) => c.input)).toEqual([{ changes: { ctiEnabled: false } }])
    expect(fake.callsOf('settings.telephony')).toHaveLength(2)
    expect(wrapper.get('[data-test="settings-cti-status"]').text()).toBe('已停用')
  })
})

describe('系统设置: 来电登记选项', () => {
  it('edits the complaint, severity and repair lists and the missed-call threshold', async () => {
    const { wrapper, fake } = await mountScreen(SettingsView, { handlers: core().handlers })
    for (const key of ['complaintCategories', 'ticketSeverities', 'repairCategories']) {
      expect(wrapper.find(`[data-test="settings-list-${key}"]`).exists()).toBe(true)
    }
    const repairs = wrapper.get('[data-test="settings-list-repairCategories"]')
    const adder = repairs.get('input')
    await adder.setValue('燃气')
    await adder.trigger('keydown', { key: 'Enter' })
    const missed = wrapper.get('[data-test="settings-missed-ring"] input')
    await missed.setValue('15')
    await missed.trigger('blur')
    await wrapper.get('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('settings.update')[0].input).toEqual({ changes: { repairCategories: [...settings.repairCategories, '燃气'], missedRingSeconds: 15 } })
  })
})
