import { z } from 'zod'
import { defineMethod } from './define'
import { id, input, intRange, MAX_ID, optionalText, text } from './schema-kit'

/** A standard reply (标准回复模板) agents search and insert while on the phone. */
export interface ReplyTemplate {
  id: number
  category: string
  title: string
  body: string
  keywords: string[]
  sortOrder: number
  updatedAt: string
  version: number
}

const keywords = z
  .array(text('关键词', 20), { error: '关键词必须是列表' })
  .max(20, { error: '关键词最多20个' })
  .default([])

export const templatesContract = {
  list: defineMethod<ReplyTemplate[]>()({
    input: input({ q: optionalText('搜索内容', 40).optional(), category: optionalText('分类', 30).optional() }),
    permission: 'templates.read',
  }),
  save: defineMethod<ReplyTemplate>()({
    input: input({
      id: id('模板').optional(),
      version: intRange('版本号', 1, MAX_ID).optional(),
      category: text('分类', 30),
      title: text('标题', 60),
      body: text('回复内容', 2000),
      keywords,
      sortOrder: intRange('排序', 0, 9999).default(0),
    }),
    permission: 'templates.manage',
    audit: 'change',
  }),
  remove: defineMethod<void>()({ input: input({ id: id('模板') }), permission: 'templates.manage', audit: 'change' }),
}
