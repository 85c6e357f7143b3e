import { pinyin } from 'pinyin-pro'

export interface NameKeys {
  /** `zhangsan`: the sort key */
  pinyin: string
  /** `zs`: what agents type to find 张三 */
  initials: string
}

/** Surname mode reads 曾 as zeng and 单 as shan when they lead a name. */
export function nameKeys(name: string): NameKeys {
  const options = { toneType: 'none', type: 'array', nonZh: 'consecutive', surname: 'head', v: true } as const
  const syllables = pinyin(name, options)
  const initials = pinyin(name, { ...options, pattern: 'first' })
  const clean = (parts: string[]): string => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '')
  return { pinyin: clean(syllables).slice(0, 200), initials: clean(initials).slice(0, 40) }
}

/** Lowercase letters only: the query is meant as pinyin or initials. */
export function isPinyinQuery(q: string): boolean {
  return /^[a-zA-Z]+$/.test(q)
}
