import { onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { CallDetail } from '@contract/calls.contract'

export type TimerMode = 'ringing' | 'talking' | 'ended' | 'none'

/**
 * What the timer counts for a call: the ring while it rings, the talk from the moment it was
 * answered (a hand-started call is answered when it starts), the final talk time once it ended.
 */
export function timerOf(call: Pick<CallDetail, 'status' | 'ringingAt' | 'answeredAt' | 'startedAt' | 'talkSec'> | null, nowMs: number): { mode: TimerMode; seconds: number } {
  if (!call) return { mode: 'none', seconds: 0 }
  const since = (iso: string | null) => (iso ? Math.max(0, (nowMs - new Date(iso).getTime()) / 1000) : 0)
  if (call.status === 'ringing') return { mode: 'ringing', seconds: since(call.ringingAt ?? call.startedAt) }
  if (call.status === 'talking') return { mode: 'talking', seconds: since(call.answeredAt ?? call.startedAt) }
  return { mode: 'ended', seconds: call.talkSec ?? 0 }
}

/**
 * The clock, ticking every second while `running` (a screen timer, not a poll of the core), and
 * read afresh whenever `subject` changes, so a call that was just answered shows its true time at once.
 */
export function useTicker(running: Ref<boolean>, subject: () => unknown = () => null): Ref<number> {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | null = null
  const stop = () => {
    if (timer) clearInterval(timer)
    timer = null
  }
  watch(subject, () => (now.value = Date.now()))
  watch(
    running,
    (on) => {
      stop()
      now.value = Date.now()
      if (on) timer = setInterval(() => (now.value = Date.now()), 1000)
    },
    { immediate: true },
  )
  onBeforeUnmount(stop)
  return now
}
