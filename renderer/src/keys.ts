/** Enter pressed to act, not Enter that confirms a Chinese IME composition (拼音输入法选词). */
export function isPlainEnter(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && !event.isComposing && event.keyCode !== 229 && !event.ctrlKey && !event.metaKey && !event.altKey
}

/** A keydown listener that runs `handler` on a plain Enter (and keeps the browser from submitting). */
export function onEnter(handler: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (!isPlainEnter(event)) return
    event.preventDefault()
    handler()
  }
}
