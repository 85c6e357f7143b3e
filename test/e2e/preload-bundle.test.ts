import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// Runs after `electron-vite build` (npm run e2e builds first).
const preloadDir = resolve(__dirname, '../../out/preload')

describe('built preload', () => {
  it('is one file', () => {
    expect(readdirSync(preloadDir).filter((f) => !f.endsWith('.map'))).toEqual(['index.js'])
  })

  it("requires nothing but 'electron', so it loads in a sandboxed renderer", () => {
    const code = readFileSync(join(preloadDir, 'index.js'), 'utf8')
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1])
    expect(required.length).toBeGreaterThan(0)
    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(code).not.toMatch(/\brequire\(\s*[^"'`\s)]/)
  })

  it('bundles the contract and zod instead of requiring them', () => {
    const code = readFileSync(join(preloadDir, 'index.js'), 'utf8')
    expect(code).toContain('exposeInMainWorld')
    expect(code).toContain('customers.lookupByPhone'.split('.')[1])
    expect(code).toMatch(/ZodError|\$ZodType/)
  })
})
