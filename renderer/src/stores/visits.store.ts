import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import type { RegisterResult, Visit, VisitStatus } from '@contract/visits.contract'
import { visitsContract } from '@contract/visits.contract'
import { useApi } from '../api-context'

export type RegisterInput = z.input<typeof visitsContract.register.input>

/** Today's walk-ins (the reception board) and registering new ones. */
export const useVisitsStore = defineStore('visits', () => {
  const { api } = useApi()
  const today = ref<Visit[]>([])
  const loading = ref(false)
  let inFlight: Promise<void> | null = null
  let again = false

  const byStatus = computed(() => {
    const groups: Record<VisitStatus, Visit[]> = { waiting: [], withDesigner: [], left: [] }
    for (const visit of today.value) groups[visit.status].push(visit)
    return groups
  })

  /** Reload the board; calls that arrive while one is running collapse into one more reload. */
  function refreshToday(): Promise<void> {
    if (inFlight) {
      again = true
      return inFlight
    }
    loading.value = true
    inFlight = (async () => {
      try {
        do {
          again = false
          today.value = await api.visits.today({})
        } while (again)
      } finally {
        loading.value = false
        inFlight = null
      }
    })()
    return inFlight
  }

  async function register(input: RegisterInput): Promise<RegisterResult> {
    const result = await api.visits.register(input)
    const index = today.value.findIndex((v) => v.id === result.visit.id)
    if (index < 0) today.value.push(result.visit)
    return result
  }

  async function setStatus(input: { id: number; status: VisitStatus; designerId?: number | null; outcome?: string | null }): Promise<Visit> {
    const visit = await api.visits.setStatus(input)
    const index = today.value.findIndex((v) => v.id === visit.id)
    if (index >= 0) today.value.splice(index, 1, visit)
    return visit
  }

  function clear(): void {
    today.value = []
  }

  return { today, loading, byStatus, clear, refreshToday, register, setStatus }
})
