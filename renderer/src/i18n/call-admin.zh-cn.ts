/** The call log, the shift lead's live board and the reply-template editor. */
export const callAdminZhCN = {
  callLog: '通话记录',
  board: '实时看板',
  templates: '回复模板',
}
