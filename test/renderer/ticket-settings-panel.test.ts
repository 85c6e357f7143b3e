import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import type { AppSettings } from '@contract/settings.contract'
import SettingsView from '@renderer/views/settings/settings-view.vue'
import { changedSettings, draftOf, settingErrorsOf } from '@renderer/views/settings/settings-draft'
import { mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('ticket settings in the draft', () => {
  it('shows assessment amounts in yuan and saves them as fen', () => {
    const draft = draftOf(settings)
    expect(draft.assessmentYuan).toEqual({ assessmentGeneralManagerFen: 200, assessmentLeadersMinFen: 100, assessmentLeadersMaxFen: 300 })
    expect(changedSettings(settings, draft)).toEqual({})
    draft.assessmentYuan.assessmentLeadersMaxFen = 350.5
    draft.assessmentYuan.assessmentGeneralManagerFen = 0.1 + 0.2
    expect(changedSettings(settings, draft)).toEqual({ assessmentLeadersMaxFen: 35050, assessmentGeneralManagerFen: 30 })
  })

  it('keeps one resolution time per listed severity; an emptied one is left to the longest', () => {
    const draft = draftOf(settings)
    draft.ticketResolutionHours['紧急'] = 12
    expect(changedSettings(settings, draft)).toEqual({ ticketResolutionHours: { 一般: 168, 较重: 72, 严重: 48, 紧急: 12 } })
    draft.ticketResolutionHours['较重'] = null
    expect(changedSettings(settings, draft).ticketResolutionHours).toEqual({ 一般: 168, 严重: 48, 紧急: 12 })
    // a severity removed from the list takes its time with it
    draft.ticketSeverities = ['一般', '严重', '紧急']
    expect(changedSettings(settings, draft).ticketResolutionHours).toEqual({ 一般: 168, 严重: 48, 紧急: 12 })
  })

  it('adds a warranty only for the repair items filled in', () => {
    const draft = draftOf(settings)
    draft.warrantyYearsByCategory['水电'] = 5
    draft.warrantyYearsByCategory['墙面'] = null
    expect(changedSettings(settings, draft)).toEqual({ warrantyYearsByCategory: { 防水: 5, 水电: 5 } })
  })

  it('is not changed by a map saved in another key order', () => {
    const saved: AppSettings = { ...settings, ticketResolutionHours: { 紧急: 24, 严重: 48, 较重: 72, 一般: 168 } }
    expect(changedSettings(saved, draftOf(saved))).toEqual({})
  })

  it('puts a server message under the setting and under the entry it names', () => {
    expect(settingErrorsOf({ 'changes.ticketResolutionHours.紧急': '解决时限（小时）不能小于1', assessmentLeadersMaxFen: '上限不能小于下限' })).toEqual({
      ticketResolutionHours: '解决时限（小时）不能小于1',
      'ticketResolutionHours.紧急': '解决时限（小时）不能小于1',
      assessmentLeadersMaxFen: '上限不能小于下限',
    })
  })
})

describe('系统设置: 投诉维修规则', () => {
  function core(reject?: (changes: Partial<AppSettings>) => void) {
    let saved: AppSettings = { ...settings }
    return {
      'settings.get': () => saved,
      'settings.update': (input: Record<string, unknown>) => {
        const changes = input.changes as Partial<AppSettings>
        reject?.(changes)
        return (saved = { ...saved, ...changes })
      },
      'settings.telephony': () => ({ enabled: true, bindAddress: '127.0.0.1', port: 8631, token: 't', url: 'http://127.0.0.1:8631/cti/events', listening: true }),
    }
  }

  async function type(selector: string, value: string): Promise<void> {
    const input = document.querySelector<HTMLInputElement>(`${selector} input`)!
    input.value = value
    input.dispatchEvent(new Event('input'))
    input.dispatchEvent(new Event('change'))
    await flushPromises()
  }

  it('has one resolution input per severity and saves what was typed', async () => {
    const { wrapper, fake } = await mountScreen(SettingsView, { handlers: core() })
    const panel = wrapper.get('[data-test="settings-tickets"]')
    expect(panel.findAll('[data-test^="settings-ticketResolutionHours-"]').map((input) => input.attributes('data-test'))).toEqual(settings.ticketSeverities.map((s) => `settings-ticketResolutionHours-${s}`))
    expect(panel.findAll('[data-test^="settings-warrantyYearsByCategory-"]')).toHaveLength(settings.repairCategories.length)

    await type('[data-test="settings-ticketResolutionHours-紧急"]', '12')
    await type('[data-test="settings-assessment-gm"]', '250.5')
    await type('[data-test="settings-ticket-response"]', '12')
    await type('[data-test="settings-escalationStepHours"]', '8')
    await wrapper.get('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('settings.update')[0].input).toEqual({
      changes: { ticketResponseHours: 12, ticketResolutionHours: { 一般: 168, 较重: 72, 严重: 48, 紧急: 12 }, escalationStepHours: 8, assessmentGeneralManagerFen: 25050 },
    })
  })

  it('shows the core’s message at the field it is about', async () => {
    const refuse = () => {
      throw AppError.field('assessmentLeadersMaxFen', '投诉到公司领导考核金额上限不能小于下限')
    }
    const { wrapper } = await mountScreen(SettingsView, { handlers: core(refuse) })
    await type('[data-test="settings-assessment-max"]', '50')
    await wrapper.get('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => {
      const item = document.querySelector('[data-test="settings-assessment-max"]')!.closest('.el-form-item')!
      expect(item.querySelector('.el-form-item__error')?.textContent).toBe('投诉到公司领导考核金额上限不能小于下限')
    })
  })
})
