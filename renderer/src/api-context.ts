import { inject, type App, type InjectionKey } from 'vue'
import type { ApiClient, AppApi } from '@contract/app-api'
import type { AppEvent, EventHandler } from '@contract/events'
import { AppError } from '@contract/errors'
import { toAppError } from './errors'

export interface RendererApi {
  api: AppApi
  setSession(token: string | null): void
  /** One underlying subscription shared by every screen (one EventSource in browser mode). */
  onEvent(handler: EventHandler): () => void
  /** photos and files of tickets and site inspections, and built exports, beside the JSON API */
  files: ApiClient['files']
  /** Electron only: an app route saved as PDF */
  printToPdf?: ApiClient['printToPdf']
}

export const API_KEY: InjectionKey<RendererApi> = Symbol('renodesk.api')

interface Hooks {
  /** the session ended on the server (idle timeout, logged out elsewhere) */
  onUnauthenticated?: () => void
}

type AnyMethod = (...args: unknown[]) => Promise<unknown>

const noFiles = (): Promise<never> => Promise.reject(new AppError('INTERNAL', '当前连接不支持上传或下载文件'))
const NO_FILES: ApiClient['files'] = { upload: noFiles, download: noFiles, uploadInspectionPhoto: noFiles, downloadInspectionPhoto: noFiles, downloadExport: noFiles }

/** Wraps the raw client so every rejection is an AppError and an expired session is noticed once, centrally. */
export function createRendererApi(client: ApiClient, hooks: Hooks = {}): RendererApi {
  const api: Record<string, Record<string, AnyMethod>> = {}
  const raw = client.api as unknown as Record<string, Record<string, AnyMethod>>
  for (const area of Object.keys(raw)) {
    const methods: Record<string, AnyMethod> = {}
    for (const method of Object.keys(raw[area])) {
      const call = raw[area][method]
      methods[method] = async (...args: unknown[]) => {
        try {
          return await call(...args)
        } catch (error) {
          const appError = toAppError(error)
          if (appError.code === 'UNAUTHENTICATED') hooks.onUnauthenticated?.()
          throw appError
        }
      }
    }
    api[area] = methods
  }

  const guarded = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args)
      } catch (error) {
        const appError = toAppError(error)
        if (appError.code === 'UNAUTHENTICATED') hooks.onUnauthenticated?.()
        throw appError
      }
    }

  const handlers = new Set<EventHandler>()
  let unsubscribe: (() => void) | null = null
  const dispatch = (event: AppEvent): void => {
    for (const handler of [...handlers]) handler(event)
  }

  return {
    api: api as unknown as AppApi,
    setSession: (token) => client.setSession(token),
    files: client.files
      ? {
          upload: guarded(client.files.upload),
          download: guarded(client.files.download),
          uploadInspectionPhoto: guarded(client.files.uploadInspectionPhoto),
          downloadInspectionPhoto: guarded(client.files.downloadInspectionPhoto),
          downloadExport: guarded(client.files.downloadExport),
        }
      : NO_FILES,
    ...(client.printToPdf ? { printToPdf: guarded(client.printToPdf) } : {}),
    onEvent(handler) {
      handlers.add(handler)
      unsubscribe ??= client.onEvent(dispatch)
      return () => {
        handlers.delete(handler)
        if (handlers.size === 0 && unsubscribe) {
          unsubscribe()
          unsubscribe = null
        }
      }
    },
  }
}

export function provideApi(app: App, api: RendererApi): void {
  app.provide(API_KEY, api)
}

/** The API for a store or component; throws when the app was started without one. */
export function useApi(): RendererApi {
  const api = inject(API_KEY, null)
  if (!api) throw new Error('RenoDesk: API client not provided')
  return api
}
