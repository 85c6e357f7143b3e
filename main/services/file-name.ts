import { AppError } from '../contract/errors'

/** C0/C1 controls and the bidi overrides that can make `photo‮gpj.exe` read as `photoexe.jpg`. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu')
export const MAX_FILE_NAME_LENGTH = 200

/** The last part of a path as a browser or a file picker may send it (`C:\fakepath\a.jpg` → `a.jpg`). */
export function baseName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').normalize('NFC').trim()
}

/** An attachment's name as stored and shown: the base name, 1–200 characters, nothing invisible. */
export function checkAttachmentName(raw: string): string {
  const name = baseName(raw)
  const fail = (message: string): AppError => AppError.field('name', message)
  if (UNSAFE.test(name)) throw fail('文件名不能包含控制字符')
  if (name.length === 0 || /^\.+$/.test(name)) throw fail('请填写文件名')
  if (name.length > MAX_FILE_NAME_LENGTH) throw fail(`文件名不能超过 ${MAX_FILE_NAME_LENGTH} 个字符`)
  return name
}

/**
 * A name the save dialog can offer on any system: the base name without controls and the
 * characters Windows refuses, with `extension` appended when missing.
 */
export function safeFileName(raw: string, extension: string, fallback: string): string {
  const cleaned = baseName(raw)
    .replace(UNSAFE_ALL, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/[. ]+$/, '')
  // by code point, so that a cut never splits a character in two
  const name = [...cleaned].slice(0, MAX_FILE_NAME_LENGTH - extension.length).join('') || fallback
  return name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`
}
