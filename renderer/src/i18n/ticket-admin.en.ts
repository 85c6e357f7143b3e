import type { ticketAdminZhCN } from './ticket-admin.zh-cn'
import type { Messages } from './zh-cn'

export const ticketAdminEn: Messages<typeof ticketAdminZhCN> = {
  title: 'Tickets administration',
}
