import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { input } from '../contract/schema-kit'
import { validationError } from '../dispatcher'
import type { MovableClock } from '../services/movable-clock'
import { BodyTooLarge, readBody, sendError, sendJson } from './http-kit'

export const TEST_CLOCK_PATH = '/test/clock'

export interface TestClockControl {
  clock: MovableClock
  /** the deadline watcher's pass, so that what fell due while time jumped happens at once */
  sweep(): Promise<unknown>
}

const YEAR_MINUTES = 366 * 24 * 60
const amount = (label: string, max: number) =>
  z.number({ error: `${label}应为数字` }).positive({ error: `${label}应大于 0` }).max(max, { error: `${label}不能超过一年` })

const moveSchema = input({ advanceMinutes: amount('分钟数', YEAR_MINUTES).optional(), advanceHours: amount('小时数', YEAR_MINUTES / 60).optional() }).refine(
  (move) => (move.advanceMinutes === undefined) !== (move.advanceHours === undefined),
  { error: '请求应为 {"advanceMinutes": n} 或 {"advanceHours": n}（二者选一）' },
)

/**
 * `POST /test/clock` with `{"advanceMinutes": n}` or `{"advanceHours": n}` moves the core's time
 * forward and runs the watcher; `GET` answers the time. Exists only when serve was started with
 * `--test-clock` (the caller has checked the bridge token).
 */
export async function handleTestClock(req: IncomingMessage, res: ServerResponse, control: TestClockControl): Promise<void> {
  if (req.method === 'GET') {
    sendJson(res, 200, { ok: true, value: { now: control.clock.now().toISOString() } })
    return
  }
  if (req.method !== 'POST') {
    req.resume()
    sendError(res, { code: 'BAD_REQUEST', message: '测试时钟只接受 GET 或 POST 请求' })
    return
  }
  let body: unknown
  try {
    body = JSON.parse(await readBody(req, 4096))
  } catch (error) {
    sendError(res, error instanceof BodyTooLarge ? { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' } : { code: 'BAD_REQUEST', message: '请求内容不是有效的 JSON' })
    return
  }
  const parsed = moveSchema.safeParse(body)
  if (!parsed.success) {
    sendError(res, validationError(parsed.error).toShape())
    return
  }
  const minutes = parsed.data.advanceMinutes ?? (parsed.data.advanceHours ?? 0) * 60
  control.clock.advance(minutes * 60_000)
  await control.sweep()
  sendJson(res, 200, { ok: true, value: { now: control.clock.now().toISOString() } })
}
