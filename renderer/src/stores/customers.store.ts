import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import type { CustomerDetail, CustomerListItem, Page, PhoneLookup, TimelineEntry } from '@contract/customers.contract'
import { customersContract } from '@contract/customers.contract'
import { useApi } from '../api-context'

export type CustomerSearchInput = z.input<typeof customersContract.search.input>
export type CustomerUpdateInput = z.input<typeof customersContract.update.input>

/** The customer archive (客户档案): the paged list, one customer's detail and timeline, phone lookups. */
export const useCustomersStore = defineStore('customers', () => {
  const { api } = useApi()
  const page = ref<Page<CustomerListItem>>({ items: [], total: 0, page: 1, pageSize: 20 })
  const loading = ref(false)
  let searchSeq = 0

  /** Only the newest search's answer is shown, however the answers arrive. */
  async function search(input: CustomerSearchInput): Promise<void> {
    const seq = ++searchSeq
    loading.value = true
    try {
      const result = await api.customers.search(input)
      if (seq === searchSeq) page.value = result
    } finally {
      if (seq === searchSeq) loading.value = false
    }
  }

  /** A few matches for a picker (介绍人); never touches the list page behind it. */
  async function suggest(q: string, pageSize = 10): Promise<CustomerListItem[]> {
    const result = await api.customers.search({ q, pageSize })
    return result.items
  }

  function lookupByPhone(phone: string): Promise<PhoneLookup> {
    return api.customers.lookupByPhone({ phone })
  }

  function get(id: number): Promise<CustomerDetail> {
    return api.customers.get({ id })
  }

  function timeline(id: number): Promise<TimelineEntry[]> {
    return api.customers.timeline({ id })
  }

  function update(input: CustomerUpdateInput): Promise<CustomerDetail> {
    return api.customers.update(input)
  }

  function addPhone(customerId: number, phone: string): Promise<CustomerDetail> {
    return api.customers.addPhone({ customerId, phone })
  }

  function removePhone(customerId: number, phoneId: number): Promise<CustomerDetail> {
    return api.customers.removePhone({ customerId, phoneId })
  }

  function setPrimaryPhone(customerId: number, phoneId: number): Promise<CustomerDetail> {
    return api.customers.setPrimaryPhone({ customerId, phoneId })
  }

  function clear(): void {
    searchSeq++
    page.value = { items: [], total: 0, page: 1, pageSize: 20 }
    loading.value = false
  }

  return { page, loading, clear, search, suggest, lookupByPhone, get, timeline, update, addPhone, removePhone, setPrimaryPhone }
})
