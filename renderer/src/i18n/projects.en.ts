import type { projectsZhCN } from './projects.zh-cn'
import type { Messages } from './zh-cn'

export const projectsEn: Messages<typeof projectsZhCN> = {
  title: '',
}
