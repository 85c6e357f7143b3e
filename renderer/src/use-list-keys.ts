import { onBeforeUnmount, onMounted, ref } from 'vue'
import { isPlainEnter } from './keys'

export interface RowWalkOptions<T> {
  /** the rows on screen, in their order */
  rows: () => readonly T[]
  /** marks the row the walk stands on (the table's current row) */
  highlight: (row: T) => void
  open: (row: T) => void
  /** true while text typed in the search box has not been applied yet */
  typingPending: () => boolean
  apply: () => void
}

/**
 * ↑/↓ from a list's search box walk the rows, Enter opens the highlighted one — or, while the
 * search text is still waiting to be applied, applies it first. `current` is the row the walk
 * stands on (-1: none); a list sets it back to -1 when it loads a new page.
 */
export function useRowWalk<T>(options: RowWalkOptions<T>) {
  const current = ref(-1)

  function onSearchKey(event: KeyboardEvent): void {
    const items = options.rows()
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (!items.length) return
      current.value = Math.min(items.length - 1, Math.max(0, current.value + (event.key === 'ArrowDown' ? 1 : -1)))
      options.highlight(items[current.value])
    } else if (isPlainEnter(event)) {
      event.preventDefault()
      if (options.typingPending()) options.apply()
      else if (items[current.value]) options.open(items[current.value])
    }
  }

  return { current, onSearchKey }
}

/** Alt+N from anywhere on the page runs `create` (a new record) when `allowed()`; listens while the page is mounted. */
export function useAltNew(allowed: () => boolean, create: () => void): void {
  function onPageKey(event: KeyboardEvent): void {
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.key.toLowerCase() === 'n' && allowed()) {
      event.preventDefault()
      create()
    }
  }
  onMounted(() => window.addEventListener('keydown', onPageKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onPageKey))
}
