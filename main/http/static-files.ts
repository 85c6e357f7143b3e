import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
}

/** Serves the built renderer; anything outside its folder is refused, unknown paths get index.html. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    // a malformed %-escape is the client's mistake, not a server fault
    res.writeHead(400).end()
    return
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end()
    return
  }
  const info = await stat(file).catch(() => null)
  if (!info || info.isDirectory()) file = join(root, 'index.html')
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  const cache = file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable'
  const stream = createReadStream(file)
  // the build folder can vanish under a running server (a rebuild): answer 404, never crash
  stream.once('error', () => {
    if (!res.headersSent) res.writeHead(404).end()
    else res.destroy()
  })
  stream.once('open', () => {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff' })
    stream.pipe(res)
  })
}
