/**
 * Enter moves to the next field of a form, the way a receptionist types a paper form in one go.
 * Fields are elements with `data-field="<name>"`; the order is given, not taken from the DOM.
 */
export interface EnterNavigationOptions {
  order: readonly string[]
  /** called when Enter leaves the last field */
  onLast?: () => void
  /** called when Enter leaves a field, before focus moves; return false to stay */
  onLeave?: (field: string) => boolean | void
}

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), button:not([disabled])'

/** The element to focus inside a field: the checked radio of a group, else its first input. */
export function focusTarget(field: Element): HTMLElement | null {
  return field.querySelector<HTMLElement>('input[type="radio"]:checked') ?? field.querySelector<HTMLElement>(FOCUSABLE)
}

export function focusField(container: ParentNode, name: string): boolean {
  const field = container.querySelector(`[data-field="${name}"]`)
  const target = field ? focusTarget(field) : null
  if (!target) return false
  target.focus()
  // typing over a prefilled value (来访人数 1) replaces it, as on any data-entry form
  if (target instanceof HTMLInputElement && (target.type === 'text' || target.type === 'number') && !target.readOnly) target.select()
  return true
}

/**
 * A capture-phase keydown handler for the form's container. Returns true when it handled the
 * key (and stopped it, so a closed select does not open on Enter).
 */
export function handleEnterKey(event: KeyboardEvent, container: HTMLElement, options: EnterNavigationOptions): boolean {
  if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey) return false
  // Enter that confirms a Chinese IME composition belongs to the IME, not to the form.
  if (event.isComposing || event.keyCode === 229) return false
  const target = event.target as HTMLElement | null
  if (!target) return false
  if (target.getAttribute('aria-expanded') === 'true') return false
  if (target.tagName === 'TEXTAREA' && event.shiftKey) return false
  if (target.tagName === 'BUTTON') return false
  const field = target.closest('[data-field]')
  const name = field?.getAttribute('data-field')
  if (!name || !container.contains(field)) return false
  event.preventDefault()
  event.stopPropagation()
  if (options.onLeave?.(name) === false) return true
  const index = options.order.indexOf(name)
  for (let i = index + 1; i < options.order.length; i++) {
    if (focusField(container, options.order[i])) return true
  }
  options.onLast?.()
  return true
}
