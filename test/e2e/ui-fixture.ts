import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { inputOf, type BrowserMode } from './browser-mode'

/** Logs `username` in through the login form and waits to leave it. */
export async function login(page: Page, server: BrowserMode, username: string, password: string): Promise<void> {
  await page.goto(server.url)
  await page.locator(inputOf('login-username')).first().fill(username)
  await page.locator(inputOf('login-password')).first().fill(password)
  await page.locator('[data-test="login-submit"]').click()
  await page.waitForURL(/#\/(?!login)/)
}

/** Picks an option of an Element Plus select (marked `testId`, inside `scope` when given) by its visible text. */
export async function choose(page: Page, testId: string, option: string, scope = ''): Promise<void> {
  const select = page.locator(`${scope} [data-test="${testId}"]`.trim()).first()
  // already chosen (a form may default to the department's head): opening it again would change nothing
  if ((await select.innerText()).includes(option)) return
  await select.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

/**
 * Moves the run's clock (browser mode started with --test-clock; the core's sweep runs right after).
 * With `page` (its clock installed), the page's clock moves too, so that the screens' 今天 is the server's.
 */
export async function advanceHours(server: BrowserMode, hours: number, page?: Page): Promise<void> {
  const origin = new URL(server.url)
  const response = await fetch(`${origin.origin}/test/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': origin.searchParams.get('token') ?? '' },
    body: JSON.stringify({ advanceHours: hours }),
  })
  expect(response.status).toBe(200)
  if (page) await page.clock.setSystemTime((await page.evaluate(() => Date.now())) + hours * 3_600_000)
}

export const route = (server: BrowserMode, hash: string): string => `${server.url}#${hash}`
