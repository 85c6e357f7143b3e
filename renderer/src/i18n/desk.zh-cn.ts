/** The call agent's desk (来电工作台): the number box, screen pop, intake form, templates, follow-ups, missed calls. */
export const deskZhCN = {
  title: '来电工作台',
}
