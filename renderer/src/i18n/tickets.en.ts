import type { ticketsZhCN } from './tickets.zh-cn'
import type { Messages } from './zh-cn'

export const ticketsEn: Messages<typeof ticketsZhCN> = {
  title: 'Complaints & repairs',
}
