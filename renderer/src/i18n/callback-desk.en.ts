import type { callbackDeskZhCN } from './callback-desk.zh-cn'
import type { Messages } from './zh-cn'

export const callbackDeskEn: Messages<typeof callbackDeskZhCN> = {
  title: '',
}
