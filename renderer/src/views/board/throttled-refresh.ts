/**
 * Runs `refresh` when asked, but at most once per `intervalMs` and never twice at once: a burst of
 * pushed events (a PBX reports ringing, answered and hang-up within a second for every call) costs
 * one fetch now and one after the interval, and the last event is never lost.
 */
export function createThrottledRefresh(refresh: () => Promise<unknown>, intervalMs = 1000, now: () => number = Date.now) {
  let lastStart = Number.NEGATIVE_INFINITY
  let timer: ReturnType<typeof setTimeout> | null = null
  let running = false
  /** asked while a fetch was on its way: its answer may predate what was asked about */
  let askedWhileRunning = false
  let stopped = false

  function start(): void {
    lastStart = now()
    running = true
    void refresh()
      .catch(() => undefined)
      .finally(() => {
        running = false
        if (askedWhileRunning) {
          askedWhileRunning = false
          request()
        }
      })
  }

  function request(): void {
    if (stopped) return
    if (running) {
      askedWhileRunning = true
      return
    }
    if (timer) return
    const wait = lastStart + intervalMs - now()
    if (wait <= 0) start()
    else
      timer = setTimeout(() => {
        timer = null
        if (!stopped) start()
      }, wait)
  }

  function stop(): void {
    stopped = true
    askedWhileRunning = false
    if (timer) clearTimeout(timer)
    timer = null
  }

  return { request, stop }
}
