import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { AppSettings } from '@contract/settings.contract'
import { AppError } from '@contract/errors'
import SettingsView from '@renderer/views/settings/settings-view.vue'
import { typeInto, useBrowserElementToString } from './support/project-fixtures'
import { mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'

// Element Plus poppers otherwise serialize the whole page in happy-dom
beforeAll(useBrowserElementToString)

afterEach(() => {
  document.body.innerHTML = ''
})

function core(update?: (changes: Partial<AppSettings>) => AppSettings) {
  let saved: AppSettings = { ...settings }
  return {
    'settings.get': () => saved,
    'settings.update': (input: Record<string, unknown>) => {
      const changes = input.changes as Partial<AppSettings>
      return update ? update(changes) : (saved = { ...saved, ...changes })
    },
    'settings.telephony': () => ({ enabled: true, bindAddress: '127.0.0.1', port: 8631, token: 't', url: 'http://127.0.0.1:8631/cti/events', listening: true }),
  }
}

const type = (selector: string, value: string): Promise<void> => typeInto(document.querySelector(`${selector} input`), value)

const rowOf = (key: string): Element => document.querySelector(`[data-test="settings-dashboard"] [data-test="settings-${key}"]`)!.closest('.el-form-item')!

describe('系统设置: 看板与排班测算', () => {
  it('states every default', async () => {
    await mountScreen(SettingsView, { handlers: core() })
    expect(rowOf('consultationCountsMeasures').textContent).toContain('谈单量含量房预约')
    expect(rowOf('consultationCountsMeasures').textContent).toContain('默认：开')
    expect(rowOf('staffingTargetPercent').textContent).toContain('默认 80%')
    expect(rowOf('staffingTargetSeconds').textContent).toContain('默认 20 秒')
    expect(rowOf('staffingWeeks').textContent).toContain('默认 8 周')
  })

  it('saves only what changed', async () => {
    const { wrapper, fake } = await mountScreen(SettingsView, { handlers: core() })
    await wrapper.get('[data-test="settings-consultationCountsMeasures"]').trigger('click')
    await type('[data-test="settings-staffingTargetPercent"]', '85')
    await type('[data-test="settings-staffingWeeks"]', '12')
    await wrapper.get('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('settings.update').map((c) => c.input)).toEqual([{ changes: { consultationCountsMeasures: false, staffingTargetPercent: 85, staffingWeeks: 12 } }])
  })

  it('shows the core’s message at the field it names', async () => {
    const refuse = (): AppSettings => {
      throw new AppError('VALIDATION', '服务水平目标接通时间（秒）应为 5–300 的整数', { 'changes.staffingTargetSeconds': '服务水平目标接通时间（秒）应为 5–300 的整数' })
    }
    const { wrapper } = await mountScreen(SettingsView, { handlers: core(refuse) })
    await type('[data-test="settings-staffingTargetSeconds"]', '30')
    await wrapper.get('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(rowOf('staffingTargetSeconds').querySelector('.el-form-item__error')?.textContent?.trim()).toBe('服务水平目标接通时间（秒）应为 5–300 的整数'))
    expect(rowOf('staffingTargetPercent').querySelector('.el-form-item__error')).toBeNull()
  })
})
