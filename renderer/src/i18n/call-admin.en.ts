import type { callAdminZhCN } from './call-admin.zh-cn'
import type { Messages } from './zh-cn'

export const callAdminEn: Messages<typeof callAdminZhCN> = {
  callLog: 'Call log',
  board: 'Live board',
  templates: 'Reply templates',
}
