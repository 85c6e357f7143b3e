import type { siteZhCN } from './site.zh-cn'
import type { Messages } from './zh-cn'

export const siteEn: Messages<typeof siteZhCN> = {
  title: '',
}
