import { computed, type ComputedRef } from 'vue'
import { createI18n } from 'vue-i18n'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import type { Language } from 'element-plus/es/locale'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { zhCN, type MessageSchema } from './zh-cn'
import { en } from './en'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' }
const LOCALE_STORAGE_KEY = 'renodesk.locale'

const ELEMENT_LOCALES: Record<Locale, Language> = { 'zh-CN': elZhCn, en: elEn }
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' }

function storedLocale(): Locale {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(LOCALE_STORAGE_KEY)
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : 'zh-CN'
}

export function createAppI18n(locale: Locale = storedLocale()) {
  dayjs.locale(DAYJS_LOCALES[locale])
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

/** Switches the UI language (vue-i18n, Element Plus, dayjs) and remembers it on this machine. */
export function setLocale(current: { value: string }, locale: Locale): void {
  current.value = locale
  dayjs.locale(DAYJS_LOCALES[locale])
  localStorage.setItem(LOCALE_STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

export function elementLocale(current: { value: string }): ComputedRef<Language> {
  return computed(() => ELEMENT_LOCALES[current.value as Locale] ?? elZhCn)
}
