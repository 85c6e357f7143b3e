import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { StaffingPlan } from '@contract/dashboard.contract'
import { useApi } from '../api-context'

/** 排班测算: agents needed per hour of the week (Erlang C) beside those who were logged in. */
export const useStaffingStore = defineStore('staffing', () => {
  const { api } = useApi()
  const plan = ref<StaffingPlan | null>(null)
  const loading = ref(false)
  let seq = 0

  /** `weeks` left out: the core looks at the number of weeks the settings say */
  async function load(weeks?: number): Promise<StaffingPlan | null> {
    const mine = ++seq
    loading.value = true
    try {
      const result = await api.dashboard.staffing(weeks === undefined ? {} : { weeks })
      if (mine !== seq) return null
      plan.value = result
      return result
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function clear(): void {
    seq++
    plan.value = null
    loading.value = false
  }

  return { plan, loading, load, clear }
})
