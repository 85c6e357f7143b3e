import { z } from 'zod'

/**
 * What a PBX or softphone posts to the telephony listener (`POST /cti/events`), one event or an
 * array of them. Field names are the wire format documented in the README.
 */
export const CTI_EVENT_KINDS = ['ringing', 'answered', 'hangup'] as const
export type CtiEventKind = (typeof CTI_EVENT_KINDS)[number]

const number = (label: string) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(40, { error: `${label}不能超过40个字符` })
    .regex(/^[0-9+\-()\s.#*]*$/, { error: `${label}只能包含数字和 + - ( ) # *` })

export const ctiEventSchema = z.strictObject(
  {
    event: z.enum(CTI_EVENT_KINDS, { error: 'event 应为 ringing、answered 或 hangup' }),
    callId: z
      .string({ error: '缺少 callId' })
      .trim()
      .min(1, { error: '缺少 callId' })
      .max(64, { error: 'callId 不能超过64个字符' })
      .regex(/^[A-Za-z0-9_.:@-]+$/, { error: 'callId 只能包含字母、数字和 _ . : @ -' }),
    direction: z.enum(['in', 'out'], { error: 'direction 应为 in 或 out' }).default('in'),
    /** empty or missing for a withheld number */
    caller: number('caller').optional(),
    callee: number('callee').optional(),
    extension: z
      .string({ error: 'extension 必须是文字' })
      .regex(/^\d{2,8}$/, { error: 'extension 应为 2–8 位数字' })
      .optional(),
    /** when it happened at the PBX; the time of arrival if missing */
    at: z.iso.datetime({ offset: true, error: 'at 应为 ISO 8601 时间' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}` : '事件必须是一个 JSON 对象') },
)
export type CtiEvent = z.output<typeof ctiEventSchema>

export const CTI_BATCH_MAX = 100

export interface CtiResult {
  callId: string
  /** false when this exact event had already been received (a replay) */
  applied: boolean
  /** the call log row the event belongs to */
  id: number
}
