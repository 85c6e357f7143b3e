import { request } from 'node:http'

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json<T = unknown>(): T
}

/**
 * A request exactly as given (path not normalised, any Host header, chunked bodies), which
 * fetch would not send.
 */
export function rawRequest(options: {
  port: number
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** send the body in pieces without a Content-Length */
  chunked?: boolean
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.body !== undefined && !options.chunked) headers['Content-Length'] = String(Buffer.byteLength(options.body))
    const req = request(
      { host: '127.0.0.1', port: options.port, method: options.method ?? 'GET', path: options.path, headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    if (options.body !== undefined && options.chunked) {
      const body = Buffer.from(options.body)
      const size = 64 * 1024
      let offset = 0
      const pump = (): void => {
        while (offset < body.length) {
          const more = req.write(body.subarray(offset, offset + size))
          offset += size
          if (!more) {
            req.once('drain', pump)
            return
          }
        }
        req.end()
      }
      pump()
    } else {
      if (options.body !== undefined) req.write(options.body)
      req.end()
    }
  })
}
