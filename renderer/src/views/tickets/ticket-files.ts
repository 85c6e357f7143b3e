import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type TicketAttachment } from '@contract/tickets.contract'
import type { FileBytes } from '@contract/app-api'
import { useApi } from '../../api-context'

/** Why a picked file is not sent; the core checks again (it reads the type from the bytes). */
export type FileRefusal = { reason: 'tooLarge' } | { reason: 'badType' }

/** The same limits the core applies, checked before a 10 MB photo travels for nothing. */
export function refusalOf(file: { size: number; type: string }): FileRefusal | null {
  if (file.size > ATTACHMENT_MAX_BYTES) return { reason: 'tooLarge' }
  if (!(file.type in ATTACHMENT_TYPES)) return { reason: 'badType' }
  return null
}

/** `10 MB`, `820 KB`: sizes as a file list shows them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} B`
}

export const isImage = (mime: string): boolean => mime.startsWith('image/')

/** Upload, download and print for the ticket screens, through the provided API (failures arrive as AppError). */
export function useTicketFiles() {
  const api = useApi()

  async function upload(ticketId: number, file: File): Promise<TicketAttachment> {
    const bytes: FileBytes = { name: file.name, mime: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
    return api.files.upload(ticketId, bytes)
  }

  /** A Blob URL for a thumbnail or a preview; the caller revokes it. */
  async function objectUrl(attachmentId: number): Promise<string> {
    const file = await api.files.download(attachmentId)
    // a copy: the transport's bytes may be a view into a larger (or shared) buffer
    const copy = new Uint8Array(file.bytes)
    return URL.createObjectURL(new Blob([copy.buffer], { type: file.mime }))
  }

  /** Electron saves the form as PDF; elsewhere the print view opens in its own window and prints itself. */
  async function printForm(ticket: { id: number; no: string }): Promise<'pdf' | 'cancelled' | 'window'> {
    const route = `/print/tickets/${ticket.id}`
    if (api.printToPdf) return (await api.printToPdf(route, `${ticket.no}.pdf`)) ? 'pdf' : 'cancelled'
    const url = `${window.location.pathname}${window.location.search}#${route}`
    window.open(url, '_blank')
    return 'window'
  }

  return { upload, objectUrl, printForm }
}
