import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import type { Page, RegisterResult, Visit, VisitStatus } from '@contract/visits.contract'
import { visitsContract } from '@contract/visits.contract'
import { useApi } from '../api-context'

export type RegisterInput = z.input<typeof visitsContract.register.input>
export type VisitListInput = z.input<typeof visitsContract.list.input>

const emptyPage = (): Page<Visit> => ({ items: [], total: 0, page: 1, pageSize: 20 })

/** Today's walk-ins (the reception board), registering new ones, and 来访记录 (a server page of any days). */
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

  const page = ref<Page<Visit>>(emptyPage())
  const listLoading = ref(false)
  let listSeq = 0

  /** Only the newest list's answer is shown, however the answers arrive. */
  async function list(input: VisitListInput): Promise<void> {
    const seq = ++listSeq
    listLoading.value = true
    try {
      const result = await api.visits.list(input)
      if (seq === listSeq) page.value = result
    } finally {
      if (seq === listSeq) listLoading.value = false
    }
  }

  function clear(): void {
    today.value = []
    listSeq++
    page.value = emptyPage()
    listLoading.value = false
  }

  return { today, loading, byStatus, clear, refreshToday, register, setStatus, page, listLoading, list }
})
