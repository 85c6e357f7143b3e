import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { callsContract, type CallAgent, type CallDetail, type CallListItem, type Page } from '@contract/calls.contract'
import { useApi } from '../api-context'

export type CallListInput = z.input<typeof callsContract.list.input>
export type { CallAgent }

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

  async function loadAgents(): Promise<void> {
    agents.value = await api.calls.agents()
  }

  function clear(): void {
    listSeq++
    page.value = emptyPage()
    loading.value = false
    agents.value = []
  }

  return { page, loading, agents, list, get, loadAgents, clear }
})
