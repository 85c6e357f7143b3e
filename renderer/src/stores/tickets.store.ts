import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import { ticketsContract, type Page, type TicketDetail, type TicketListItem, type TicketRiskBoard, type TicketScope } from '@contract/tickets.contract'
import { useApi } from '../api-context'

export type TicketListInput = z.input<typeof ticketsContract.list.input>
export type TicketCreateInput = z.input<typeof ticketsContract.create.input>
export type TicketTransitionInput = z.input<typeof ticketsContract.transition.input>
export type TicketUpdateInput = z.input<typeof ticketsContract.update.input>
export type TicketNoteInput = z.input<typeof ticketsContract.addNote.input>
export type LeaderComplaintInput = z.input<typeof ticketsContract.recordLeaderComplaint.input>

const emptyPage = (): Page<TicketListItem> => ({ items: [], total: 0, page: 1, pageSize: 20 })
const emptyRisk = (): TicketRiskBoard => ({ breached: [], atRisk: [], counts: { breached: 0, atRisk: 0, open: 0, paused: 0 } })

/** 投诉维修: one server page of tickets, the risk board above it, and every change made to one ticket. */
export const useTicketsStore = defineStore('tickets', () => {
  const { api } = useApi()
  const page = ref<Page<TicketListItem>>(emptyPage())
  const loading = ref(false)
  const risk = ref<TicketRiskBoard>(emptyRisk())
  /** the scope the risk board was counted for, so a late answer for another tab is dropped */
  let riskScope: TicketScope | null = null
  let listSeq = 0

  /** Only the newest list's answer is shown, however the answers arrive. */
  async function list(input: TicketListInput): Promise<void> {
    const seq = ++listSeq
    loading.value = true
    try {
      const result = await api.tickets.list(input)
      if (seq === listSeq) page.value = result
    } finally {
      if (seq === listSeq) loading.value = false
    }
  }

  /** `limit` caps the lists only; the counts are always whole. */
  async function loadRisk(scope: TicketScope, limit = 200): Promise<TicketRiskBoard> {
    riskScope = scope
    const result = await api.tickets.risk({ scope, limit })
    if (riskScope === scope) risk.value = result
    return result
  }

  function get(id: number): Promise<TicketDetail> {
    return api.tickets.get({ id })
  }

  function create(input: TicketCreateInput): Promise<TicketDetail> {
    return api.tickets.create(input)
  }

  function transition(input: TicketTransitionInput): Promise<TicketDetail> {
    return api.tickets.transition(input)
  }

  function update(input: TicketUpdateInput): Promise<TicketDetail> {
    return api.tickets.update(input)
  }

  function addNote(input: TicketNoteInput): Promise<TicketDetail> {
    return api.tickets.addNote(input)
  }

  function recordLeaderComplaint(input: LeaderComplaintInput): Promise<TicketDetail> {
    return api.tickets.recordLeaderComplaint(input)
  }

  function removeAttachment(id: number): Promise<TicketDetail> {
    return api.tickets.removeAttachment({ id })
  }

  function clear(): void {
    listSeq++
    riskScope = null
    page.value = emptyPage()
    risk.value = emptyRisk()
    loading.value = false
  }

  return { page, loading, risk, list, loadRisk, get, create, transition, update, addNote, recordLeaderComplaint, removeAttachment, clear }
})
