import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { GreetingBatch, GreetingRecipient, Page } from '@contract/callbacks.contract'
import { useApi } from '../api-context'

const emptyPage = (): Page<GreetingRecipient> => ({ items: [], total: 0, page: 1, pageSize: 20 })

/** 节日问候: a year's holiday batches, one batch's customers, and the batch marked as sent. */
export const useGreetingsStore = defineStore('greetings', () => {
  const { api } = useApi()
  const batches = ref<GreetingBatch[]>([])
  const loading = ref(false)
  const recipients = ref<Page<GreetingRecipient>>(emptyPage())
  const recipientsLoading = ref(false)
  let batchSeq = 0
  let recipientSeq = 0

  async function load(year: number): Promise<void> {
    const seq = ++batchSeq
    loading.value = true
    try {
      const result = await api.callbacks.greetings({ year })
      if (seq === batchSeq) batches.value = result
    } finally {
      if (seq === batchSeq) loading.value = false
    }
  }

  async function loadRecipients(input: { key: string; page: number; pageSize: number }): Promise<void> {
    const seq = ++recipientSeq
    recipientsLoading.value = true
    try {
      const result = await api.callbacks.greetingRecipients(input)
      if (seq === recipientSeq) recipients.value = result
    } finally {
      if (seq === recipientSeq) recipientsLoading.value = false
    }
  }

  async function markDone(input: { key: string; note: string | null }): Promise<GreetingBatch> {
    const done = await api.callbacks.markGreetingDone(input)
    const index = batches.value.findIndex((batch) => batch.key === done.key)
    if (index >= 0) batches.value.splice(index, 1, done)
    return done
  }

  function clearRecipients(): void {
    recipientSeq++
    recipients.value = emptyPage()
    recipientsLoading.value = false
  }

  function clear(): void {
    batchSeq++
    batches.value = []
    loading.value = false
    clearRecipients()
  }

  return { batches, loading, recipients, recipientsLoading, load, loadRecipients, markDone, clearRecipients, clear }
})
