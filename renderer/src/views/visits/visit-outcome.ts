/**
 * Quick picks for 接待结果. They are stored as typed, in Chinese, whatever the UI language:
 * reports group by this text. (A company setting would let each showroom keep its own list.)
 */
export const OUTCOME_CHOICES = ['已约量房', '已交定金', '考虑中', '价格原因未成交', '其他'] as const

const SEPARATOR = '，'

/**
 * Picking a chip puts it in front of what was typed: it replaces a chip picked before and keeps
 * the receptionist's own words after it (`考虑中，周末再来` → `已约量房，周末再来`).
 */
export function pickOutcome(current: string, choice: string): string {
  const text = current.trim()
  const previous = leadingChoice(text)
  const rest = previous ? text.slice(previous.length).replace(/^[，,\s]+/, '') : text
  return rest ? `${choice}${SEPARATOR}${rest}` : choice
}

/** The quick pick an outcome starts with (`已约量房，周六上午` → `已约量房`), if any. */
export function leadingChoice(text: string): string | null {
  const trimmed = text.trim()
  return OUTCOME_CHOICES.find((c) => trimmed === c || new RegExp(`^${c}[，,\\s]`).test(trimmed)) ?? null
}

/** What to send: trimmed text, or null for none. */
export function outcomeValue(text: string): string | null {
  const trimmed = text.trim()
  return trimmed ? trimmed : null
}
