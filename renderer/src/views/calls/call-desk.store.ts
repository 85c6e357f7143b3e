import { computed, reactive, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { CallDetail, CallDirection } from '@contract/calls.contract'
import type { AppEvent, EventHandler } from '@contract/events'
import { formatPhone, normalizePhone } from '@contract/phone'
import { useAuthStore } from '../../stores/auth.store'
import { useCallsStore } from '../../stores/calls.store'
import { useSettingsStore } from '../../stores/settings.store'
import { showError } from '../../notify'
import { defaultTypeOf, emptyIntakeDraft, isDraftChanged, type IntakeDraft } from './intake-draft'

/** Still on the line (or about to be): a call the agent must not lose. */
export function isLive(call: Pick<CallDetail, 'status'> | null): boolean {
  return call?.status === 'ringing' || call?.status === 'talking'
}

/** Ended without anyone picking up: nothing to write up, it joins the missed calls. */
export function isUnanswered(call: Pick<CallDetail, 'status'> | null): boolean {
  return call?.status === 'missed' || call?.status === 'abandoned'
}

export interface DeskListener {
  onEvent: (handler: EventHandler) => () => void
  /** the logged-in account, whose extension's calls pop this desk */
  staffId: () => number | null
  /** brings the desk on screen (navigates to it from wherever the agent is) */
  show: () => void
  /** a popped call ended unanswered and was taken off the desk */
  onUnanswered?: (call: CallDetail) => void
}

/**
 * What is on the call desk right now: the number box, the call being handled and the intake
 * form as typed. Kept in a store so that a look at a customer's file mid-call loses nothing,
 * and a call ringing while the agent is elsewhere finds the desk ready.
 */
export const useCallDeskStore = defineStore('callDesk', () => {
  const calls = useCallsStore()
  const settings = useSettingsStore()
  const auth = useAuthStore()
  const number = ref('')
  const direction = ref<CallDirection>('in')
  const call = ref<CallDetail | null>(null)
  const draft = reactive<IntakeDraft>(emptyIntakeDraft())
  /** the form as it was opened, to tell whether anything was typed since */
  const baseline = ref<IntakeDraft>(emptyIntakeDraft())
  /** a call ringing for me while another is being written up; it waits for the agent */
  const incoming = ref<CallDetail | null>(null)
  /** bumped whenever a call is put on the desk, so the screen can look its number up and move the cursor */
  const loadedSeq = ref(0)
  let stopListening: (() => void) | null = null
  let listener: DeskListener | null = null

  const draftChanged = computed(() => isDraftChanged(draft, baseline.value))
  /** Clearing the desk now would lose something: typed details, or a conversation not yet written up. */
  const hasUnsavedWork = computed(() => draftChanged.value || (call.value !== null && call.value.intakeSavedAt === null && !isUnanswered(call.value)))

  function numberForBox(raw: string): string {
    const parsed = normalizePhone(raw, settings.localAreaCode)
    return parsed ? formatPhone(parsed.normalized) : raw
  }

  /** Puts a call on the desk with a fresh form (a popped, called-back or follow-up call). */
  function load(detail: CallDetail): void {
    call.value = detail
    number.value = numberForBox(detail.rawNumber)
    direction.value = detail.direction
    const fresh = emptyIntakeDraft(defaultTypeOf(detail))
    Object.assign(draft, fresh)
    baseline.value = { ...fresh }
    if (incoming.value?.id === detail.id) incoming.value = null
    loadedSeq.value++
  }

  /** The call for what the number box holds, started now unless one is already on the desk. */
  async function ensureStarted(): Promise<CallDetail> {
    if (call.value) return call.value
    const started = await calls.start({ direction: direction.value, phone: number.value.trim() })
    call.value = started
    return started
  }

  /** Empties the desk for the next call; a call still ringing for me comes up next. */
  function reset(): void {
    call.value = null
    number.value = ''
    direction.value = 'in'
    const fresh = emptyIntakeDraft()
    Object.assign(draft, fresh)
    baseline.value = { ...fresh }
    const waiting = incoming.value
    incoming.value = null
    if (waiting && isLive(waiting)) load(waiting)
  }

  function acceptIncoming(): void {
    if (incoming.value) load(incoming.value)
  }

  async function receiveRinging(callId: number): Promise<void> {
    const detail = await calls.get(callId)
    if (call.value?.id === callId) call.value = detail
    else if (hasUnsavedWork.value) incoming.value = detail
    else load(detail)
  }

  /** A call I know about changed (answered, ended, corrected): show its new state and version. */
  async function refresh(callId: number): Promise<void> {
    if (call.value?.id !== callId && incoming.value?.id !== callId) return
    const detail = await calls.get(callId)
    if (incoming.value?.id === callId) incoming.value = isUnanswered(detail) ? null : detail
    if (call.value?.id !== callId) return
    call.value = detail
    if (isUnanswered(detail) && !draftChanged.value && detail.intakeSavedAt === null) {
      reset()
      listener?.onUnanswered?.(detail)
    }
  }

  function onEvent(event: AppEvent): void {
    if (event.type === 'dataChanged') {
      if (event.area === 'calls' && event.id !== undefined && event.id === call.value?.id) refresh(event.id).catch(() => undefined)
      return
    }
    if (event.type !== 'call') return
    if (!listener || event.staffId === null || event.staffId !== listener.staffId()) return
    if (event.phase === 'ringing') {
      const show = listener.show
      receiveRinging(event.callId).then(show, showError)
    } else {
      refresh(event.callId).catch(showError)
    }
  }

  /** Listens for calls ringing at my extension, once for the whole session, whatever screen is open. */
  function listen(options: DeskListener): void {
    listener = options
    stopListening ??= options.onEvent(onEvent)
  }

  /** Forgets the desk and stops listening (the next login listens afresh). */
  function clear(): void {
    stopListening?.()
    stopListening = null
    listener = null
    incoming.value = null
    reset()
  }

  // Logged out, or another agent at this seat: nothing of this desk may be seen by the next user (保密制度).
  watch(
    () => auth.user?.id ?? null,
    (id, previous) => {
      if (previous !== null && id !== previous) clear()
    },
  )

  return { number, direction, call, draft, baseline, incoming, loadedSeq, draftChanged, hasUnsavedWork, load, ensureStarted, reset, acceptIncoming, receiveRinging, refresh, listen, clear }
})
