/** A sentence has ended here: what comes next reads better on a line of its own. */
const SENTENCE_END = /[。！？!?.；;]$/

/**
 * `text` put into `value` at the cursor (replacing a selection), with the caret after it; without a
 * cursor, at the end. Added after a finished sentence at the end, it starts a new line, so two
 * replies do not run together; after `客户问：` it simply follows.
 */
export function insertAtCursor(value: string, text: string, selection: { start: number; end: number } | null): { value: string; caret: number } {
  const start = Math.min(selection?.start ?? value.length, value.length)
  const end = Math.max(start, Math.min(selection?.end ?? start, value.length))
  const before = value.slice(0, start)
  const piece = end === value.length && SENTENCE_END.test(before.trimEnd()) && !before.endsWith('\n') ? `\n${text}` : text
  return { value: before + piece + value.slice(end), caret: start + piece.length }
}
