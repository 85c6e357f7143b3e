import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { RouterView, type RouteRecordRaw } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import type { CustomerListItem, Page } from '@contract/customers.contract'
import CustomerListView from '@renderer/views/customers/customer-list-view.vue'
import { filtersFromQuery, queryFromFilters } from '@renderer/views/customers/customer-list-query'
import { mountScreen, sleep } from './support/mount-helpers'
import { settings } from './support/fixtures'

const Root = { render: () => h(RouterView) }
const Detail = { props: { id: { type: String, default: '' } }, render: () => h('div', { 'data-test': 'detail-stub' }) }

const routes: RouteRecordRaw[] = [
  { path: '/customers', component: CustomerListView, children: [{ path: '', name: 'customers', component: { render: () => null } }, { path: ':id(\\d+)', name: 'customer-detail', component: Detail, props: true }] },
]

function item(id: number, name: string): CustomerListItem {
  return { id, name, phone: '138 0013 8000', community: '绿地海珀', grade: null, sourceChannel: '网络推广', followingDesigner: null, lastContactAt: null, createdAt: '2025-03-01T02:00:00Z' }
}

const handlers = {
  'settings.get': () => settings,
  'customers.search': (input: Record<string, unknown>): Page<CustomerListItem> => ({ items: [item(1, '张三'), item(2, '赵四')], total: 45, page: Number(input.page), pageSize: Number(input.pageSize) }),
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('customer list filters and the URL', () => {
  it('reads every filter back from the query (a bookmarked list)', async () => {
    const { fake, wrapper } = await mountScreen(Root, { handlers, routes, initialPath: '/customers?q=zs&community=%E7%BB%BF%E5%9C%B0&source=%E7%BD%91%E7%BB%9C%E6%8E%A8%E5%B9%BF&grade=A&from=2025-01-01&to=2025-03-31&page=2&size=50' })
    expect(fake.callsOf('customers.search').map((c) => c.input)).toEqual([
      { q: 'zs', community: '绿地', sourceChannel: '网络推广', grade: 'A', createdFrom: '2025-01-01', createdTo: '2025-03-31', page: 2, pageSize: 50 },
    ])
    expect((wrapper.get('[data-test="customer-search"]').element as HTMLInputElement).value).toBe('zs')
    expect(wrapper.findAll('[data-test="customer-row"]').map((r) => r.text())).toEqual(['张三', '赵四'])
  })

  it('writes what is typed to the URL, back on page 1, and searches with it', async () => {
    const { fake, router, wrapper } = await mountScreen(Root, { handlers, routes, initialPath: '/customers?page=3' })
    await wrapper.get('[data-test="customer-search"]').setValue('8000')
    await sleep(350)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '8000' })
    expect(fake.callsOf('customers.search').at(-1)?.input).toMatchObject({ q: '8000', page: 1 })
  })

  it('opens a customer without losing the list or its filters', async () => {
    const { fake, router, wrapper } = await mountScreen(Root, { handlers, routes, initialPath: '/customers?q=zs' })
    await wrapper.findAll('.el-table__row')[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('customer-detail')
    expect(router.currentRoute.value.params.id).toBe('2')
    expect(router.currentRoute.value.query).toEqual({ q: 'zs' })
    expect(wrapper.find('[data-test="detail-stub"]').exists()).toBe(true)
    expect(wrapper.findAll('[data-test="customer-row"]')).toHaveLength(2)
    // same filters: the list is not searched again just because the drawer opened
    expect(fake.callsOf('customers.search')).toHaveLength(1)
  })

  it('opens the highlighted row from the search box with ↓ and Enter', async () => {
    const { router, wrapper } = await mountScreen(Root, { handlers, routes, initialPath: '/customers' })
    const box = wrapper.get('[data-test="customer-search"]').element
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(router.currentRoute.value.params.id).toBe('2')
  })
})

describe('filtersFromQuery / queryFromFilters', () => {
  it('round-trips and leaves defaults out of the URL', () => {
    const filters = filtersFromQuery({ q: ' 张 ', page: '1', size: '20' })
    expect(filters).toMatchObject({ q: '张', page: 1, pageSize: 20 })
    expect(queryFromFilters(filters)).toEqual({ q: '张' })
  })

  it('ignores malformed values instead of sending them', () => {
    expect(filtersFromQuery({ page: '-3', size: '7', from: '2025-13', to: 'tomorrow' })).toMatchObject({ page: 1, pageSize: 20, from: '', to: '' })
  })
})
