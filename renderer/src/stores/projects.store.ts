import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import type { CallAgent } from '@contract/calls.contract'
import { projectsContract, type Page, type ProjectDetail, type ProjectItem, type WeeklyCounts } from '@contract/projects.contract'
import { useApi } from '../api-context'

export type ProjectListInput = z.input<typeof projectsContract.list.input>
export type ProjectCreateInput = z.input<typeof projectsContract.create.input>
export type ProjectUpdateInput = z.input<typeof projectsContract.update.input>
export type MilestoneInput = z.input<typeof projectsContract.recordMilestone.input>
export type PaymentInput = z.input<typeof projectsContract.recordPayment.input>
export type StopInput = z.input<typeof projectsContract.stop.input>
export type ResumeInput = z.input<typeof projectsContract.resume.input>
export type CancelInput = z.input<typeof projectsContract.cancel.input>
export type SettlementInput = z.input<typeof projectsContract.markSettlementSent.input>

const emptyPage = (): Page<ProjectItem> => ({ items: [], total: 0, page: 1, pageSize: 20 })

/**
 * 工地管理 and 每周统计: a server page of sites for each screen (the weekly list is its own, so
 * the two never show each other's rows), one site's changes, and the agents a site can go to.
 */
export const useProjectsStore = defineStore('projects', () => {
  const { api } = useApi()
  const page = ref<Page<ProjectItem>>(emptyPage())
  const loading = ref(false)
  const weeklyCounts = ref<WeeklyCounts | null>(null)
  const weeklyPage = ref<Page<ProjectItem>>(emptyPage())
  const weeklyLoading = ref(false)
  const agents = ref<CallAgent[]>([])
  let listSeq = 0
  let weeklySeq = 0
  let countsSeq = 0
  let agentsLoad: Promise<CallAgent[]> | null = null

  /** Only the newest list's answer is shown, however the answers arrive. */
  async function list(input: ProjectListInput): Promise<void> {
    const seq = ++listSeq
    loading.value = true
    try {
      const result = await api.projects.list(input)
      if (seq === listSeq) page.value = result
    } finally {
      if (seq === listSeq) loading.value = false
    }
  }

  async function loadWeeklyCounts(weekOf: string): Promise<void> {
    const seq = ++countsSeq
    const result = await api.projects.weeklyCounts({ weekOf })
    if (seq === countsSeq) weeklyCounts.value = result
  }

  async function listWeekly(input: ProjectListInput): Promise<void> {
    const seq = ++weeklySeq
    weeklyLoading.value = true
    try {
      const result = await api.projects.list(input)
      if (seq === weeklySeq) weeklyPage.value = result
    } finally {
      if (seq === weeklySeq) weeklyLoading.value = false
    }
  }

  function clearWeeklyList(): void {
    weeklySeq++
    weeklyPage.value = emptyPage()
    weeklyLoading.value = false
  }

  /** 跟进客服: everyone who takes calls, loaded once per session (calls.agents). */
  function loadAgents(): Promise<CallAgent[]> {
    if (agents.value.length) return Promise.resolve(agents.value)
    agentsLoad ??= api.calls
      .agents({})
      .then((list) => (agents.value = list))
      .finally(() => (agentsLoad = null))
    return agentsLoad
  }

  const get = (id: number): Promise<ProjectDetail> => api.projects.get({ id })
  const create = (input: ProjectCreateInput): Promise<ProjectDetail> => api.projects.create(input)
  const update = (input: ProjectUpdateInput): Promise<ProjectDetail> => api.projects.update(input)
  const recordMilestone = (input: MilestoneInput): Promise<ProjectDetail> => api.projects.recordMilestone(input)
  const recordPayment = (input: PaymentInput): Promise<ProjectDetail> => api.projects.recordPayment(input)
  const stop = (input: StopInput): Promise<ProjectDetail> => api.projects.stop(input)
  const resume = (input: ResumeInput): Promise<ProjectDetail> => api.projects.resume(input)
  const cancel = (input: CancelInput): Promise<ProjectDetail> => api.projects.cancel(input)
  const markSettlementSent = (input: SettlementInput): Promise<ProjectDetail> => api.projects.markSettlementSent(input)

  function clear(): void {
    listSeq++
    countsSeq++
    page.value = emptyPage()
    loading.value = false
    weeklyCounts.value = null
    clearWeeklyList()
    agents.value = []
    agentsLoad = null
  }

  return {
    page,
    loading,
    weeklyCounts,
    weeklyPage,
    weeklyLoading,
    agents,
    list,
    loadWeeklyCounts,
    listWeekly,
    clearWeeklyList,
    loadAgents,
    get,
    create,
    update,
    recordMilestone,
    recordPayment,
    stop,
    resume,
    cancel,
    markSettlementSent,
    clear,
  }
})
