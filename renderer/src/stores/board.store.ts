import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { LiveBoard } from '@contract/calls.contract'
import { useApi } from '../api-context'

/** The shift lead's live board (实时看板): today's totals, calls on the line, by hour and by agent. */
export const useBoardStore = defineStore('board', () => {
  const { api } = useApi()
  const board = ref<LiveBoard | null>(null)
  const loading = ref(false)
  /** when the shown numbers were fetched (client clock) */
  const fetchedAt = ref<Date | null>(null)
  let seq = 0

  async function refresh(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const result = await api.calls.liveBoard({})
      if (mine !== seq) return
      board.value = result
      fetchedAt.value = new Date()
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function clear(): void {
    seq++
    board.value = null
    fetchedAt.value = null
    loading.value = false
  }

  return { board, loading, fetchedAt, refresh, clear }
})
