import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { callbacksContract, type CallbackItem, type Page } from '@contract/callbacks.contract'
import type { CallAgent } from '@contract/calls.contract'
import type { ResultOf } from '@contract/define'
import { useApi } from '../api-context'

export type CallbackListInput = z.input<typeof callbacksContract.list.input>
export type CallbackCompleteInput = z.input<typeof callbacksContract.complete.input>
export type CallbackAttemptInput = z.input<typeof callbacksContract.recordAttempt.input>
export type CallbackAssignInput = z.input<typeof callbacksContract.assign.input>
/** what 重新生成回访计划 changed: sites looked at, callbacks created, moved, cancelled and reopened */
export type ReplanCounts = ResultOf<typeof callbacksContract.replan>

const emptyPage = (): Page<CallbackItem> => ({ items: [], total: 0, page: 1, pageSize: 20 })

/** 回访任务: one server page of callbacks, what an agent records after calling, and who may take one over. */
export const useCallbacksStore = defineStore('callbacks', () => {
  const { api } = useApi()
  const page = ref<Page<CallbackItem>>(emptyPage())
  const loading = ref(false)
  /** everyone a callback can be handed to (转交) or filtered by */
  const agents = ref<CallAgent[]>([])
  let listSeq = 0

  /** Only the newest list's answer is shown, however the answers arrive. */
  async function list(input: CallbackListInput): Promise<void> {
    const seq = ++listSeq
    loading.value = true
    try {
      const result = await api.callbacks.list(input)
      if (seq === listSeq) page.value = result
    } finally {
      if (seq === listSeq) loading.value = false
    }
  }

  async function loadAgents(): Promise<CallAgent[]> {
    if (!agents.value.length) agents.value = await api.calls.agents()
    return agents.value
  }

  function complete(input: CallbackCompleteInput): Promise<CallbackItem> {
    return api.callbacks.complete(input)
  }

  function recordAttempt(input: CallbackAttemptInput): Promise<CallbackItem> {
    return api.callbacks.recordAttempt(input)
  }

  function claim(callback: Pick<CallbackItem, 'id' | 'version'>): Promise<CallbackItem> {
    return api.callbacks.claim({ id: callback.id, version: callback.version })
  }

  function assign(input: CallbackAssignInput): Promise<CallbackItem> {
    return api.callbacks.assign(input)
  }

  function replan(): Promise<ReplanCounts> {
    return api.callbacks.replan({})
  }

  function clear(): void {
    listSeq++
    page.value = emptyPage()
    loading.value = false
    agents.value = []
  }

  return { page, loading, agents, list, loadAgents, complete, recordAttempt, claim, assign, replan, clear }
})
