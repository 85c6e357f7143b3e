import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { ticketsContract, type Assessment, type AssessmentStatus } from '@contract/tickets.contract'
import { useApi } from '../api-context'

export type DecideAssessmentInput = z.input<typeof ticketsContract.decideAssessment.input>

/** 责任考核: what the system proposed against responsible people, for a manager to confirm or reject. */
export const useAssessmentsStore = defineStore('assessments', () => {
  const { api } = useApi()
  const items = ref<Assessment[]>([])
  const loading = ref(false)
  let listSeq = 0

  async function list(status: AssessmentStatus | null): Promise<void> {
    const seq = ++listSeq
    loading.value = true
    try {
      const result = await api.tickets.assessments(status ? { status } : {})
      if (seq === listSeq) items.value = result
    } finally {
      if (seq === listSeq) loading.value = false
    }
  }

  async function decide(input: DecideAssessmentInput): Promise<Assessment> {
    const decided = await api.tickets.decideAssessment(input)
    const index = items.value.findIndex((item) => item.id === decided.id)
    if (index >= 0) items.value.splice(index, 1, decided)
    return decided
  }

  function clear(): void {
    listSeq++
    items.value = []
    loading.value = false
  }

  return { items, loading, list, decide, clear }
})
