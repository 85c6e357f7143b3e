import { handleEnterKey } from '../visits/enter-navigation'

/**
 * The keys of every ticket dialog, so the common path needs no mouse: Enter moves to the next
 * field and submits from the last one (Shift+Enter is a new line in a note), Ctrl+Enter submits
 * from anywhere; Esc is the dialog's own. Listen in the capture phase, before a select sees it.
 */
export function dialogKeydown(options: { container: () => HTMLElement | null; order: () => readonly string[]; submit: () => void }): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
      event.preventDefault()
      event.stopPropagation()
      options.submit()
      return
    }
    const container = options.container()
    if (container) handleEnterKey(event, container, { order: options.order(), onLast: options.submit })
  }
}
