import { onBeforeUnmount, onMounted } from 'vue'

export interface DeskKeys {
  /** F2: the number box */
  number: () => void
  /** F3: the template search */
  templates: () => void
  /** F4: the new customer's name */
  newCustomer: () => void
  /** Ctrl+Enter: save and on to the next call */
  save: () => void
  /** Esc: clear the desk */
  clear: () => void
}

const visible = (el: HTMLElement): boolean => el.style.display !== 'none' && el.getAttribute('aria-hidden') !== 'true'

/** A confirmation or other dialog is up: its own keys win. */
function dialogOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('.el-overlay')].some(visible)
}

/** An Element Plus dropdown, date panel or dialog is open, or a row's own little form has the key: Esc belongs to it. */
function escTakenBy(target: EventTarget | null): boolean {
  if (target instanceof HTMLElement && (target.getAttribute('aria-expanded') === 'true' || target.closest('[data-own-esc]'))) return true
  return dialogOpen() || [...document.querySelectorAll<HTMLElement>('.el-popper')].some(visible)
}

/**
 * The desk's keys, from anywhere on the page while the desk is open, so the common path needs no
 * mouse. Listened to before the fields see them: a closed select swallows Esc and Ctrl+Enter.
 */
export function useDeskKeys(keys: DeskKeys): void {
  function onKeydown(event: KeyboardEvent): void {
    if (event.isComposing || event.altKey) return
    const mod = event.ctrlKey || event.metaKey
    if (event.key === 'Enter' && mod) {
      if (dialogOpen()) return
      event.preventDefault()
      event.stopPropagation()
      keys.save()
      return
    }
    if (mod || event.shiftKey) return
    const handlers: Record<string, (() => void) | undefined> = { F2: keys.number, F3: keys.templates, F4: keys.newCustomer }
    const handler = handlers[event.key]
    if (handler) {
      event.preventDefault()
      handler()
    } else if (event.key === 'Escape' && !escTakenBy(event.target)) {
      event.preventDefault()
      event.stopPropagation()
      keys.clear()
    }
  }
  onMounted(() => window.addEventListener('keydown', onKeydown, true))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown, true))
}
