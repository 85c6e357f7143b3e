import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { defineComponent, h, shallowRef } from 'vue'
import { AppError } from '@contract/errors'
import type { CustomerDetail, CustomerListItem, Page } from '@contract/customers.contract'
import CustomerProfileForm from '@renderer/views/customers/customer-profile-form.vue'
import { mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'

const customer: CustomerDetail = {
  id: 9,
  name: '王芳',
  community: '翠湖天地',
  address: null,
  houseType: null,
  areaSqm: null,
  budgetMinFen: null,
  budgetMaxFen: null,
  style: null,
  sourceChannel: null,
  grade: null,
  tags: [],
  notes: null,
  ownerAgent: null,
  following: null,
  referrer: null,
  lastContactAt: null,
  phones: [],
  createdAt: '2025-03-01T02:00:00Z',
  updatedAt: '2025-03-01T02:00:00Z',
  version: 4,
}

function item(id: number, name: string, community: string | null = null): CustomerListItem {
  return { id, name, phone: '138****8000', community, grade: null, sourceChannel: null, followingDesigner: null, lastContactAt: null, createdAt: '2025-03-01T02:00:00Z' }
}

async function mountForm(detail: CustomerDetail, handlers: Record<string, (input: Record<string, unknown>) => unknown> = {}) {
  // the form as the detail drawer holds it: the saved customer comes back in as the new prop
  const current = shallowRef(detail)
  const Host = defineComponent({ render: () => h(CustomerProfileForm, { customer: current.value, canWrite: true, onSaved: (next: CustomerDetail) => (current.value = next) }) })
  const mounted = await mountScreen(Host, {
    handlers: {
      'settings.get': () => settings,
      'customers.search': (): Page<CustomerListItem> => ({ items: [item(3, '张三', '万科城市花园'), item(9, '王芳'), item(4, '张小红')], total: 3, page: 1, pageSize: 10 }),
      'customers.update': (input) => ({ ...detail, referrer: input.referrerId ? { id: Number(input.referrerId), name: '张三' } : null, version: detail.version + 1 }),
      ...handlers,
    },
  })
  return mounted
}

function referrerOptions(select: Element) {
  const listId = select.querySelector('input')?.getAttribute('aria-controls')
  return [...(document.getElementById(listId ?? '')?.querySelectorAll<HTMLElement>('[data-test="referrer-option"]') ?? [])]
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('介绍人 (老带新) in the customer profile', () => {
  it('searches the archive as one types, never offers the customer themself, and saves the pick', async () => {
    const { wrapper, fake } = await mountForm(customer)
    const select = wrapper.get('[data-test="customer-referrer"]')
    await select.get('.el-select__wrapper').trigger('click')
    await select.get('input').setValue('张')
    await vi.waitFor(() => expect(fake.callsOf('customers.search')).toHaveLength(1), { timeout: 2000 })
    expect(fake.callsOf('customers.search')[0].input).toEqual({ q: '张', pageSize: 10 })
    await flushPromises()
    const offered = referrerOptions(select.element)
    const shown = offered.map((o) => [...o.querySelectorAll('.option > span')].map((span) => span.textContent?.trim()))
    expect(shown).toEqual([
      ['张三', '138****8000 · 万科城市花园'],
      ['张小红', '138****8000'],
    ])

    offered[0].click()
    await flushPromises()
    await wrapper.get('[data-test="customer-save"]').trigger('click')
    await flushPromises()
    // a referred client came through 老客户介绍: the empty source says so too
    expect(fake.callsOf('customers.update').map((c) => c.input)).toEqual([{ id: 9, version: 4, referrerId: 3, sourceChannel: '老客户介绍' }])
  })

  it('shows the current referrer by name and clears it as null', async () => {
    const { wrapper, fake } = await mountForm({ ...customer, referrer: { id: 3, name: '张三' }, sourceChannel: '网络推广' })
    const select = wrapper.get('[data-test="customer-referrer"]')
    expect(select.text()).toContain('张三')
    await select.get('.el-select__wrapper').trigger('mouseenter')
    await select.trigger('mouseenter')
    await select.get('.el-select__clear').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test="customer-save"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('customers.update').map((c) => c.input)).toEqual([{ id: 9, version: 4, referrerId: null }])
  })

  it('puts the server message under the field', async () => {
    const { wrapper } = await mountForm(customer, {
      'customers.update': () => {
        throw new AppError('VALIDATION', '请检查填写的内容', { referrerId: '介绍人不存在' })
      },
    })
    const select = wrapper.get('[data-test="customer-referrer"]')
    await select.get('.el-select__wrapper').trigger('click')
    await select.get('input').setValue('张')
    await vi.waitFor(() => expect(referrerOptions(select.element)).toHaveLength(2), { timeout: 2000 })
    referrerOptions(select.element)[1].click()
    await flushPromises()
    await wrapper.get('[data-test="customer-save"]').trigger('click')
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(wrapper.text()).toContain('介绍人不存在')
  })
})
