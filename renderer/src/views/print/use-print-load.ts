import { nextTick, onBeforeUnmount, ref } from 'vue'
import { toAppError } from '../../errors'

/** `data-ready` of a print page: whoever renders it to PDF waits for "true", and stops waiting on "error". */
export type PrintReady = 'true' | 'error' | null

export interface PrintLoadSteps<T> {
  /** reads what the page shows; may throw, and the message is shown instead of the sheet */
  read: () => Promise<T>
  /** puts it on the page and returns the document title: the saved PDF's default name and the browser's print header */
  show: (data: T) => string
  /**
   * Runs once the fonts are in place, before the page says it is ready (a sheet measured with a
   * fallback font wraps differently). `isCurrent` is false once a newer load has started.
   */
  fit?: (isCurrent: () => boolean) => Promise<void>
}

/**
 * The loading shared by the print pages (a ticket's form, a rectification notice, a report): read,
 * show, wait for the CJK font — a PDF rendered before it arrived would show empty boxes — then flag
 * `ready`; or show why not and flag "error". The page's title is the document's while it is open.
 * A later `load` (another id in the address) makes the earlier one's result ignored.
 */
export function usePrintLoad(options: { failed: (message: string) => string }) {
  const ready = ref<PrintReady>(null)
  const error = ref<string | null>(null)
  const previousTitle = document.title
  let seq = 0

  async function load<T>(steps: PrintLoadSteps<T>): Promise<void> {
    const mine = ++seq
    const isCurrent = (): boolean => mine === seq
    ready.value = null
    error.value = null
    try {
      const data = await steps.read()
      if (!isCurrent()) return
      document.title = steps.show(data)
      await nextTick()
      await document.fonts?.ready
      await steps.fit?.(isCurrent)
      if (!isCurrent()) return
      ready.value = 'true'
    } catch (failure) {
      if (!isCurrent()) return
      error.value = options.failed(toAppError(failure).message)
      ready.value = 'error'
    }
  }

  onBeforeUnmount(() => {
    document.title = previousTitle
  })

  return { ready, error, load }
}
