import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { z } from 'zod'
import type { CallDetail, FollowUp, MissedItem, ScreenPop } from '@contract/calls.contract'
import { callsContract } from '@contract/calls.contract'
import { useApi } from '../api-context'

export type StartCallInput = z.input<typeof callsContract.start.input>
export type SaveIntakeInput = z.input<typeof callsContract.saveIntake.input>

/** Calls (来电): the screen pop, starting and writing up calls, and the agent's follow-ups and missed calls. */
export const useCallsStore = defineStore('calls', () => {
  const { api } = useApi()
  /** my follow-ups due today and overdue */
  const followUps = ref<FollowUp[]>([])
  /** missed numbers nobody has called back yet */
  const missed = ref<MissedItem[]>([])
  /** the handled ones, loaded only when the agent asks to see them */
  const handledMissed = ref<MissedItem[]>([])
  const showHandled = ref(false)
  let inFlight: Promise<void> | null = null
  let again = false

  const overdueCount = computed(() => followUps.value.filter((f) => f.overdue).length)

  async function loadQueues(): Promise<void> {
    const [mine, open, handled] = await Promise.all([
      api.calls.followUps({ scope: 'mine' }),
      api.calls.missed({ handled: false }),
      showHandled.value ? api.calls.missed({ handled: true }) : Promise.resolve(null),
    ])
    followUps.value = mine
    missed.value = open
    if (handled) handledMissed.value = handled
  }

  /** Reloads follow-ups and missed calls; calls that arrive while one runs collapse into one more reload. */
  function refreshQueues(): Promise<void> {
    if (inFlight) {
      again = true
      return inFlight
    }
    inFlight = (async () => {
      try {
        do {
          again = false
          await loadQueues()
        } while (again)
      } finally {
        inFlight = null
      }
    })()
    return inFlight
  }

  async function setShowHandled(show: boolean): Promise<void> {
    showHandled.value = show
    handledMissed.value = show ? await api.calls.missed({ handled: true }) : []
  }

  function screenPop(phone: string): Promise<ScreenPop> {
    return api.calls.screenPop({ phone })
  }

  function start(input: StartCallInput): Promise<CallDetail> {
    return api.calls.start(input)
  }

  function get(id: number): Promise<CallDetail> {
    return api.calls.get({ id })
  }

  function saveIntake(input: SaveIntakeInput): Promise<CallDetail> {
    return api.calls.saveIntake(input)
  }

  function startFollowUp(id: number): Promise<CallDetail> {
    return api.calls.startFollowUp({ id })
  }

  async function rescheduleFollowUp(input: { id: number; dueOn: string; note?: string | null }): Promise<FollowUp> {
    const updated = await api.calls.rescheduleFollowUp(input)
    // Whether it still belongs on today's list is the core's call (its time zone, its rules).
    await refreshQueues()
    return updated
  }

  async function handleMissed(input: { numberKey: string; note: string | null }): Promise<MissedItem> {
    const handled = await api.calls.handleMissed(input)
    missed.value = missed.value.filter((m) => m.numberKey !== input.numberKey)
    if (showHandled.value) handledMissed.value = [handled, ...handledMissed.value.filter((m) => m.numberKey !== input.numberKey)]
    return handled
  }

  function clear(): void {
    followUps.value = []
    missed.value = []
    handledMissed.value = []
    showHandled.value = false
  }

  return {
    followUps,
    missed,
    handledMissed,
    showHandled,
    overdueCount,
    refreshQueues,
    setShowHandled,
    screenPop,
    start,
    get,
    saveIntake,
    startFollowUp,
    rescheduleFollowUp,
    handleMissed,
    clear,
  }
})
