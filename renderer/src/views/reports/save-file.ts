import type { FileBytes } from '@contract/app-api'

/**
 * Hands fetched bytes to the browser's download, as a ticket's PDF attachment is saved: a Blob
 * URL on a link with `download` (Electron asks where to save it). The URL is let go once the
 * download has taken it.
 */
export function saveFile(file: FileBytes, doc: Document = document): void {
  // a copy: the transport's bytes may be a view into a larger (or shared) buffer
  const copy = new Uint8Array(file.bytes)
  const url = URL.createObjectURL(new Blob([copy.buffer], { type: file.mime }))
  const link = doc.createElement('a')
  link.href = url
  link.download = file.name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}
