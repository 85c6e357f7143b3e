import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { callsContract, type CallDetail, type CallListItem, type Page } from '@contract/calls.contract'
import type { Person } from '@contract/org.contract'
import type { PersonRef } from '@contract/customers.contract'
import { useApi } from '../api-context'

export type CallListInput = z.input<typeof callsContract.list.input>

export interface CallAgent extends PersonRef {
  active: boolean
}

const emptyPage = (): Page<CallListItem> => ({ items: [], total: 0, page: 1, pageSize: 20 })

/** The call log (通话记录): one server page of calls, one call's detail, and who can be filtered by. */
export const useCallLogStore = defineStore('call-log', () => {
  const { api } = useApi()
  const page = ref<Page<CallListItem>>(emptyPage())
  const loading = ref(false)
  /** staff accounts that take calls, for the agent filter (account id, as `calls.list` wants) */
  const agents = ref<CallAgent[]>([])
  let listSeq = 0

  /** Only the newest list's answer is shown, however the answers arrive. */
  async function list(input: CallListInput): Promise<void> {
    const seq = ++listSeq
    loading.value = true
    try {
      const result = await api.calls.list(input)
      if (seq === listSeq) page.value = result
    } finally {
      if (seq === listSeq) loading.value = false
    }
  }

  function get(id: number): Promise<CallDetail> {
    return api.calls.get({ id })
  }

  /**
   * There is no staff list for non-admins: agents are the service staff in 组织架构 who have a
   * login, which is how every seat is set up (an account linked to its person).
   */
  async function loadAgents(): Promise<void> {
    const people: Person[] = await api.org.listPeople({ kind: 'serviceStaff', includeInactive: true })
    agents.value = people
      .filter((p): p is Person & { accountId: number } => p.accountId !== null)
      .map((p) => ({ id: p.accountId, name: p.name, active: p.active }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  }

  function clear(): void {
    listSeq++
    page.value = emptyPage()
    loading.value = false
    agents.value = []
  }

  return { page, loading, agents, list, get, loadAgents, clear }
})
