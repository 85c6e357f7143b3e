import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { projectsContract, type EvaluationRow } from '@contract/projects.contract'
import { useApi } from '../api-context'

export type EvaluationSaveInput = z.input<typeof projectsContract.saveEvaluation.input>

/** 客户评价表: the sites completed in one month, with the scores entered from the returned forms. */
export const useEvaluationsStore = defineStore('evaluations', () => {
  const { api } = useApi()
  const rows = ref<EvaluationRow[]>([])
  const month = ref('')
  const loading = ref(false)
  let seq = 0

  /** Only the newest month's answer is shown, however the answers arrive. */
  async function load(which: string): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const result = await api.projects.evaluations({ month: which })
      if (mine === seq) {
        rows.value = result
        month.value = which
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function save(input: EvaluationSaveInput): Promise<EvaluationRow> {
    return api.projects.saveEvaluation(input)
  }

  function clear(): void {
    seq++
    rows.value = []
    month.value = ''
    loading.value = false
  }

  return { rows, month, loading, load, save, clear }
})
