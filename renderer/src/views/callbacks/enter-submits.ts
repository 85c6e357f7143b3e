/**
 * A short dialog's keys: Enter (or Ctrl+Enter) submits from any field. Left alone: an IME
 * composing (拼音选词), an open select choosing its option, a date typed into the picker, a
 * button (Enter clicks it) and Shift+Enter in a text area. Listen in the capture phase.
 */
export function enterSubmits(submit: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229 || event.altKey) return
    const target = event.target as HTMLElement | null
    if (!target || target.tagName === 'BUTTON') return
    if (target.tagName === 'TEXTAREA' && event.shiftKey) return
    if (target.getAttribute('aria-expanded') === 'true' || target.closest('.el-date-editor')) return
    event.preventDefault()
    event.stopPropagation()
    submit()
  }
}
