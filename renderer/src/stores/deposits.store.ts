import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { depositsContract, type DepositDetail, type DepositItem, type DesignerStat, type Page } from '@contract/deposits.contract'
import { useApi } from '../api-context'

export type DepositListInput = z.input<typeof depositsContract.list.input>
export type DepositRegisterInput = z.input<typeof depositsContract.register.input>
export type DepositFollowUpInput = z.input<typeof depositsContract.followUp.input>
export type DepositLostInput = z.input<typeof depositsContract.markLost.input>

const emptyPage = (): Page<DepositItem> => ({ items: [], total: 0, page: 1, pageSize: 20 })

/** 定金待签: one server page of deposits, what is recorded on one, and the designers' table. */
export const useDepositsStore = defineStore('deposits', () => {
  const { api } = useApi()
  const page = ref<Page<DepositItem>>(emptyPage())
  const loading = ref(false)
  const stats = ref<DesignerStat[]>([])
  const statsLoading = ref(false)
  let listSeq = 0
  let statsSeq = 0

  /** Only the newest list's answer is shown, however the answers arrive. */
  async function list(input: DepositListInput): Promise<void> {
    const seq = ++listSeq
    loading.value = true
    try {
      const result = await api.deposits.list(input)
      if (seq === listSeq) page.value = result
    } finally {
      if (seq === listSeq) loading.value = false
    }
  }

  async function loadDesignerStats(period: { from: string; to: string }): Promise<void> {
    const seq = ++statsSeq
    statsLoading.value = true
    try {
      const result = await api.deposits.designerStats(period)
      if (seq === statsSeq) stats.value = result
    } finally {
      if (seq === statsSeq) statsLoading.value = false
    }
  }

  function get(id: number): Promise<DepositDetail> {
    return api.deposits.get({ id })
  }

  function register(input: DepositRegisterInput): Promise<DepositDetail> {
    return api.deposits.register(input)
  }

  function followUp(input: DepositFollowUpInput): Promise<DepositDetail> {
    return api.deposits.followUp(input)
  }

  function markLost(input: DepositLostInput): Promise<DepositDetail> {
    return api.deposits.markLost(input)
  }

  function clear(): void {
    listSeq++
    statsSeq++
    page.value = emptyPage()
    loading.value = false
    stats.value = []
    statsLoading.value = false
  }

  return { page, loading, stats, statsLoading, list, loadDesignerStats, get, register, followUp, markLost, clear }
})
