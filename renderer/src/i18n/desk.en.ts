import type { deskZhCN } from './desk.zh-cn'
import type { Messages } from './zh-cn'

export const deskEn: Messages<typeof deskZhCN> = {
  title: 'Call desk',
}
