import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { callbacksContract, type CallbackItem, type Page } from '@contract/callbacks.contract'
import { useApi } from '../api-context'

export type CallbackListInput = z.input<typeof callbacksContract.list.input>
export type CallbackCompleteInput = z.input<typeof callbacksContract.complete.input>
export type CallbackAttemptInput = z.input<typeof callbacksContract.recordAttempt.input>

const emptyPage = (): Page<CallbackItem> => ({ items: [], total: 0, page: 1, pageSize: 20 })

/** 回访任务: one server page of callbacks, and what an agent records after calling. */
export const useCallbacksStore = defineStore('callbacks', () => {
  const { api } = useApi()
  const page = ref<Page<CallbackItem>>(emptyPage())
  const loading = ref(false)
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

  function complete(input: CallbackCompleteInput): Promise<CallbackItem> {
    return api.callbacks.complete(input)
  }

  function recordAttempt(input: CallbackAttemptInput): Promise<CallbackItem> {
    return api.callbacks.recordAttempt(input)
  }

  function clear(): void {
    listSeq++
    page.value = emptyPage()
    loading.value = false
  }

  return { page, loading, list, complete, recordAttempt, clear }
})
