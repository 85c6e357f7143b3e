/** Tickets: the list, the detail page, creating and moving a ticket. */
export const ticketsZhCN = {
  title: '投诉维修',
}
