import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { AppError } from '@contract/errors'
import type { Role } from '@contract/roles'
import type { ReplyTemplate } from '@contract/templates.contract'
import TemplateAdminView from '@renderer/views/templates/template-admin-view.vue'
import { useAuthStore } from '@renderer/stores/auth.store'
import { groupTemplates } from '@renderer/views/templates/template-groups'
import { fakeDialogs, mountScreen } from './support/mount-helpers'
import { settings, userOf } from './support/fixtures'

function template(id: number, category: string, title: string, overrides: Partial<ReplyTemplate> = {}): ReplyTemplate {
  return { id, category, title, body: `${title}的标准回复`, keywords: [], sortOrder: 10, updatedAt: '2025-03-01T02:00:00.000Z', version: 1, ...overrides }
}

const TEMPLATES = [
  template(1, '报价咨询', '全包价格', { keywords: ['报价', '全包'], sortOrder: 10 }),
  template(2, '报价咨询', '半包价格', { sortOrder: 20 }),
  template(3, '投诉安抚', '工期延误致歉', { sortOrder: 5 }),
]

function core(save: (input: Record<string, unknown>) => unknown = (input) => ({ ...template(Number(input.id ?? 9), String(input.category), String(input.title)), ...input, version: 2 })) {
  return {
    'settings.get': () => settings,
    // copies, as a real transport would send: the store may change its own list
    'templates.list': () => TEMPLATES.map((t) => ({ ...t })),
    'templates.save': save,
    'templates.remove': () => undefined,
  }
}

async function as(role: Role, pinia: Pinia): Promise<void> {
  useAuthStore(pinia).user = userOf(role)
  await nextTick()
}

const visible = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)]

afterEach(() => {
  document.body.innerHTML = ''
})

describe('回复模板 for someone who may only read', () => {
  it('lists the templates by category with no way to change them', async () => {
    const { wrapper, pinia } = await mountScreen(TemplateAdminView, { handlers: core() })
    await as('agent', pinia)
    expect(wrapper.findAll('[data-test="template-row"]')).toHaveLength(3)
    expect(wrapper.findAll('.group-title').map((h) => h.text())).toEqual(['投诉安抚 1', '报价咨询 2'])
    expect(wrapper.find('[data-test="template-new"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="template-edit"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="template-remove"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="template-read-only"]').exists()).toBe(true)
  })

  it('searches title, text and keywords, and narrows to a category', async () => {
    const { wrapper, pinia } = await mountScreen(TemplateAdminView, { handlers: core() })
    await as('agent', pinia)
    await wrapper.get('[data-test="template-search"]').setValue('全包')
    expect(wrapper.findAll('[data-test="template-row"]').map((r) => r.attributes('data-template-id'))).toEqual(['1'])
    await wrapper.get('[data-test="template-search"]').setValue('')
    await wrapper.findAll('[data-test="template-category-filter"]').find((b) => b.text().includes('投诉安抚'))!.trigger('click')
    expect(wrapper.findAll('[data-test="template-row"]').map((r) => r.attributes('data-template-id'))).toEqual(['3'])
  })
})

describe('回复模板 for a manager', () => {
  it('edits a template and saves it with the version it was read at', async () => {
    const { wrapper, pinia, fake } = await mountScreen(TemplateAdminView, { handlers: core() })
    await as('manager', pinia)
    await wrapper.findAll('[data-test="template-edit"]')[1].trigger('click') // 全包价格 (sort order after the complaint group)
    await flushPromises()
    const title = document.querySelector<HTMLInputElement>('[data-test="template-title"]')!
    expect(title.value).toBe('全包价格')
    title.value = '全包价格（含主材）'
    title.dispatchEvent(new Event('input'))
    await nextTick()
    visible('[data-test="template-save"]')[0].click()
    await flushPromises()
    expect(fake.callsOf('templates.save').map((c) => c.input)).toEqual([
      { id: 1, version: 1, category: '报价咨询', title: '全包价格（含主材）', body: '全包价格的标准回复', keywords: ['报价', '全包'], sortOrder: 10 },
    ])
    expect(wrapper.findAll('[data-test="template-row"]').map((r) => r.text()).join()).toContain('全包价格（含主材）')
  })

  it('creates one in the picked category', async () => {
    const { wrapper, pinia, fake } = await mountScreen(TemplateAdminView, { handlers: core() })
    await as('manager', pinia)
    await wrapper.findAll('[data-test="template-category-filter"]').find((b) => b.text().includes('投诉安抚'))!.trigger('click')
    await wrapper.get('[data-test="template-new"]').trigger('click')
    await flushPromises()
    for (const [test, value] of [['template-title', '维修上门时间'], ['template-body', '师傅会在 24 小时内联系您约定上门时间。']]) {
      const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-test="${test}"]`)!
      input.value = value
      input.dispatchEvent(new Event('input'))
    }
    await nextTick()
    visible('[data-test="template-save"]')[0].click()
    await flushPromises()
    expect(fake.callsOf('templates.save')[0].input).toEqual({ category: '投诉安抚', title: '维修上门时间', body: '师傅会在 24 小时内联系您约定上门时间。', keywords: [], sortOrder: 0 })
  })

  it('shows the CONFLICT message when someone saved the template meanwhile, and loads their version', async () => {
    const conflict = () => {
      throw new AppError('CONFLICT', '该模板刚被其他人修改，请载入最新内容后再保存')
    }
    let list = TEMPLATES
    const handlers = { ...core(conflict), 'templates.list': () => list.map((t) => ({ ...t })) }
    const { wrapper, pinia, fake } = await mountScreen(TemplateAdminView, { handlers })
    await as('manager', pinia)
    await wrapper.findAll('[data-test="template-edit"]')[0].trigger('click')
    await flushPromises()
    visible('[data-test="template-save"]')[0].click()
    await flushPromises()
    expect(fake.callsOf('templates.save')).toHaveLength(1)
    const alert = document.querySelector('[data-test="template-conflict"]')
    expect(alert?.textContent).toContain('该模板刚被其他人修改')

    list = [{ ...TEMPLATES[2], title: '工期延误致歉（新版）', version: 4 }, TEMPLATES[0], TEMPLATES[1]]
    document.querySelector<HTMLElement>('[data-test="template-load-latest"]')!.click()
    await flushPromises()
    expect(document.querySelector<HTMLInputElement>('[data-test="template-title"]')!.value).toBe('工期延误致歉（新版）')
    expect(document.querySelector('[data-test="template-conflict"]')).toBeNull()
    visible('[data-test="template-save"]')[0].click()
    await flushPromises()
    expect(fake.callsOf('templates.save')[1].input).toMatchObject({ id: 3, version: 4, title: '工期延误致歉（新版）' })
  })

  it('removes a template after confirming', async () => {
    const { dialogs, asked } = fakeDialogs(true)
    const { wrapper, pinia, fake } = await mountScreen(TemplateAdminView, { handlers: core(), dialogs })
    await as('manager', pinia)
    await wrapper.findAll('[data-test="template-remove"]')[0].trigger('click')
    await flushPromises()
    expect(asked[0]).toContain('工期延误致歉')
    expect(fake.callsOf('templates.remove').map((c) => c.input)).toEqual([{ id: 3 }])
    expect(wrapper.findAll('[data-test="template-row"]')).toHaveLength(2)
  })
})

describe('groupTemplates', () => {
  it('orders categories by their first template and needs every typed word', () => {
    expect(groupTemplates(TEMPLATES).map((g) => [g.category, g.templates.map((t) => t.id)])).toEqual([
      ['投诉安抚', [3]],
      ['报价咨询', [1, 2]],
    ])
    expect(groupTemplates(TEMPLATES, { q: '价格 全包' }).flatMap((g) => g.templates.map((t) => t.id))).toEqual([1])
    expect(groupTemplates(TEMPLATES, { q: '价格 维修' })).toEqual([])
  })
})
