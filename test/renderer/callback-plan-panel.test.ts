import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { AppSettings } from '@contract/settings.contract'
import SettingsView from '@renderer/views/settings/settings-view.vue'
import { useBrowserElementToString } from './support/project-fixtures'
import { fakeDialogs, mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'

// Element Plus poppers otherwise serialize the whole page in happy-dom
beforeAll(useBrowserElementToString)

afterEach(() => {
  document.body.innerHTML = ''
})

function core() {
  let saved: AppSettings = { ...settings }
  return {
    'settings.get': () => saved,
    'settings.update': (input: Record<string, unknown>) => (saved = { ...saved, ...(input.changes as Partial<AppSettings>) }),
    'settings.telephony': () => ({ enabled: true, bindAddress: '127.0.0.1', port: 8631, token: 't', url: 'http://127.0.0.1:8631/cti/events', listening: true }),
    'callbacks.replan': () => ({ projects: 120, created: 3, moved: 2, cancelled: 1, reopened: 0 }),
  }
}

async function type(selector: string, value: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement>(`${selector} input`)!
  input.value = value
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

describe('系统设置: 回访计划与提醒', () => {
  it('states every rule’s default', async () => {
    const { wrapper } = await mountScreen(SettingsView, { handlers: core() })
    const panel = wrapper.get('[data-test="settings-callback-plan"]')
    const hintOf = (key: string) => panel.get(`[data-test="settings-${key}"]`).element.closest('.el-form-item')!.textContent
    expect(hintOf('callbackWeeklyDays')).toContain('默认 7 天')
    expect(hintOf('callbackMilestoneDelayDays')).toContain('默认 1 天')
    expect(hintOf('callbackMonthlyMonths')).toContain('默认 12 个月')
    expect(hintOf('callbackQuarterlyUntilMonths')).toContain('默认 24 个月')
    expect(hintOf('callbackPlanAheadDays')).toContain('默认 28 天')
    expect(hintOf('greetingLeadDays')).toContain('默认 2 天')
    expect(hintOf('inspectionIntervalDays')).toContain('默认 7 天')
    expect(hintOf('depositAlertDays')).toContain('默认 14 天')
    expect(panel.text()).toContain('默认：元旦、春节、元宵节、清明节、劳动节、端午节、中秋节、国庆节')
    expect(panel.findAll('[data-test="settings-list-greetingHolidays"] .el-tag').map((tag) => tag.text())).toEqual(settings.greetingHolidays)
  })

  it('saves the plan rules, then regenerates the plans and shows what changed', async () => {
    const { dialogs, asked } = fakeDialogs(true)
    const { wrapper, fake } = await mountScreen(SettingsView, { handlers: core(), dialogs })
    const replan = () => wrapper.get('[data-test="settings-replan"]')

    await type('[data-test="settings-callbackWeeklyDays"]', '5')
    await type('[data-test="settings-depositAlertDays"]', '10')
    // the plans are regenerated from the saved rules, not from what is still being typed
    expect(replan().attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-test="settings-callback-plan"]').text()).toContain('请先保存设置')

    await wrapper.get('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('settings.update').map((c) => c.input)).toEqual([{ changes: { callbackWeeklyDays: 5, depositAlertDays: 10 } }])
    expect(replan().attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-test="settings-replan-pending"]').exists()).toBe(true)

    await replan().trigger('click')
    await flushPromises()
    expect(asked).toHaveLength(1)
    expect(fake.callsOf('callbacks.replan').map((c) => c.input)).toEqual([{}])
    await vi.waitFor(() => expect(wrapper.find('[data-test="settings-replan-result"]').exists()).toBe(true))
    expect(wrapper.get('[data-test="settings-replan-result"]').text()).toBe('共 120 个工地：新增 3 条，改期 2 条，取消 1 条，恢复 0 条')
    expect(wrapper.find('[data-test="settings-replan-pending"]').exists()).toBe(false)
  })

  it('does not regenerate when the confirmation is declined', async () => {
    const { dialogs } = fakeDialogs(false)
    const { wrapper, fake } = await mountScreen(SettingsView, { handlers: core(), dialogs })
    await wrapper.get('[data-test="settings-replan"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('callbacks.replan')).toHaveLength(0)
  })

  it('adds a holiday to greet on', async () => {
    const { wrapper, fake } = await mountScreen(SettingsView, { handlers: core() })
    const adder = wrapper.get('[data-test="settings-list-greetingHolidays"] input')
    await adder.setValue('重阳节')
    await adder.trigger('keydown', { key: 'Enter' })
    await wrapper.get('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('settings.update')[0].input).toEqual({ changes: { greetingHolidays: [...settings.greetingHolidays, '重阳节'] } })
  })
})
