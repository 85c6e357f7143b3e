import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { viewingsContract, type Page, type ViewingTrip } from '@contract/viewings.contract'
import type { CallAgent } from '@contract/calls.contract'
import type { ProjectItem, ProjectStatus } from '@contract/projects.contract'
import { useApi } from '../api-context'

export type ViewingListInput = z.input<typeof viewingsContract.list.input>
export type ViewingSaveInput = z.input<typeof viewingsContract.save.input>
export type ViewingReportInput = z.input<typeof viewingsContract.report.input>

const emptyPage = (): Page<ViewingTrip> => ({ items: [], total: 0, page: 1, pageSize: 20 })

/** 看房班车: one server page of trips, the staff who can lead one, and the sites to show. */
export const useViewingsStore = defineStore('viewings', () => {
  const { api } = useApi()
  const page = ref<Page<ViewingTrip>>(emptyPage())
  const loading = ref(false)
  /** staff accounts that take calls: the 带队客服 a trip can have (account id, as `guideId` wants) */
  const guides = ref<CallAgent[]>([])
  let listSeq = 0

  async function list(input: ViewingListInput): Promise<void> {
    const seq = ++listSeq
    loading.value = true
    try {
      const result = await api.viewings.list(input)
      if (seq === listSeq) page.value = result
    } finally {
      if (seq === listSeq) loading.value = false
    }
  }

  async function loadGuides(): Promise<CallAgent[]> {
    if (!guides.value.length) guides.value = await api.calls.agents({})
    return guides.value
  }

  /** Sites to show on a trip: by contract no., customer or address; with no words, the sites under construction. */
  async function searchSites(q: string, status?: ProjectStatus): Promise<ProjectItem[]> {
    const result = await api.projects.list({ ...(q ? { q } : {}), ...(status ? { status } : {}), page: 1, pageSize: 20 })
    return result.items
  }

  function save(input: ViewingSaveInput): Promise<ViewingTrip> {
    return api.viewings.save(input)
  }

  function report(input: ViewingReportInput): Promise<ViewingTrip> {
    return api.viewings.report(input)
  }

  function clear(): void {
    listSeq++
    page.value = emptyPage()
    loading.value = false
    guides.value = []
  }

  return { page, loading, guides, list, loadGuides, searchSites, save, report, clear }
})
