import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import sqlite3 from 'sqlite3'
import { inputOf, launchChromium, openPage, screenshot, startBrowserMode, type BrowserMode } from './browser-mode'

const input = inputOf

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.locator(input(testId)).first().fill(value)
}

async function count(db: string, sql: string): Promise<number> {
  const conn = new sqlite3.Database(db, sqlite3.OPEN_READONLY)
  try {
    return await new Promise<number>((resolve, reject) =>
      conn.get(sql, (err: Error | null, row: { n: number }) => (err ? reject(err) : resolve(row.n))),
    )
  } finally {
    conn.close()
  }
}

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.locator(input('login-username')).first().waitFor()
  await fill(page, 'login-username', username)
  await fill(page, 'login-password', password)
  await page.locator('[data-test="login-submit"]').click()
}

describe('a receptionist registers walk-ins in the browser', () => {
  let server: BrowserMode
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startBrowserMode()
    browser = await launchChromium()
    page = await openPage(browser)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('first start asks for the admin password', async () => {
    await page.goto(server.url)
    await page.locator(input('setup-username')).first().waitFor()
    await screenshot(page, '01-first-start')
    await fill(page, 'setup-username', 'admin')
    await fill(page, 'setup-name', '系统管理员')
    await fill(page, 'setup-password', 'Admin#2026')
    await fill(page, 'setup-password2', 'Admin#2026')
    await page.locator('[data-test="setup-submit"]').click()
    await page.locator('[data-test="staff-table"]').waitFor()
    await expect.poll(() => page.locator('[data-test="current-user"]').innerText()).toContain('系统管理员')
  })

  it('the admin creates a receptionist and a designer', async () => {
    await page.locator('[data-test="staff-create-open"]').click()
    await fill(page, 'staff-username', 'qiantai1')
    await fill(page, 'staff-name', '前台小李')
    await page.locator('[data-test="staff-role-receptionist"]').click()
    await fill(page, 'staff-password', 'Front#2026')
    await page.locator('[data-test="staff-create-submit"]').click()
    await page.locator('[data-test="staff-row"][data-username="qiantai1"]').waitFor()
    await screenshot(page, '02-staff-created')

    await page.locator('[data-test="nav-org"]').click()
    await page.locator('[data-test="org-person-new"]').click()
    await fill(page, 'org-person-name', '王设计')
    await page.locator('[data-test="org-person-kind"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '设计师' }).first().click()
    await page.locator('[data-test="org-person-save"]').click()
    await page.locator('[data-test="org-person-row"]', { hasText: '王设计' }).waitFor()
    await screenshot(page, '03-org-designer')
    expect(await count(server.dbFile, "SELECT COUNT(*) AS n FROM person WHERE kind = 'designer'")).toBe(1)
  })

  it('the receptionist logs in and lands on the reception desk', async () => {
    await page.locator('[data-test="logout"]').click()
    await login(page, 'qiantai1', 'Front#2026')
    await page.locator('[data-test="walk-in-form"]').waitFor()
    await expect.poll(() => page.locator('[data-test="current-role"]').innerText()).toContain('前台')
  })

  it('registers a new walk-in client', async () => {
    await fill(page, 'reception-phone', '138 0013 8000')
    await page.locator('[data-test="lookup-card"][data-state="new"]').waitFor()
    await fill(page, 'reception-name', '张三')
    await fill(page, 'reception-community', '万科城市花园')
    await page.locator('[data-test="reception-designer"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '王设计' }).first().click()
    await page.locator('[data-test="reception-save"]').click()
    await expect.poll(() => page.locator('[data-test="board-count-waiting"]').innerText()).toBe('1')
    await screenshot(page, '04-first-visit')
    expect(await count(server.dbFile, 'SELECT COUNT(*) AS n FROM customer')).toBe(1)
  })

  it('the same person typed differently is found and linked, not duplicated', async () => {
    await fill(page, 'reception-phone', '+86-138-0013-8000')
    await page.locator('[data-test="lookup-card"][data-state="existing"]').waitFor()
    await expect.poll(() => page.locator('[data-test="lookup-customer-name"]').innerText()).toBe('张三')
    await screenshot(page, '05-existing-customer')
    await page.locator('[data-test="lookup-use-customer"]').click()
    await page.locator('[data-test="lookup-linked"]').waitFor()
    await page.locator('[data-test="reception-save"]').click()
    await expect.poll(() => page.locator('[data-test="board-count-waiting"]').innerText()).toBe('2')
    await screenshot(page, '06-second-visit')
    expect(await count(server.dbFile, 'SELECT COUNT(*) AS n FROM customer')).toBe(1)
    expect(await count(server.dbFile, 'SELECT COUNT(*) AS n FROM visit')).toBe(2)
  })

  it('moves a visit along the board with one click', async () => {
    const first = page.locator('[data-test="board-row"][data-status="waiting"]').first()
    await first.locator('[data-test="board-leave"]').click()
    await expect.poll(() => page.locator('[data-test="board-count-left"]').innerText()).toBe('1')
    await expect.poll(() => page.locator('[data-test="board-count-waiting"]').innerText()).toBe('1')
  })

  it('a search by 尾号 finds the client and the timeline shows both visits', async () => {
    await page.locator('[data-test="nav-customers"]').click()
    await fill(page, 'customer-search', '8000')
    await page.locator(input('customer-search')).first().press('Enter')
    await expect.poll(() => page.locator('[data-test="customer-row"]').count()).toBe(1)
    await expect.poll(() => page.locator('[data-test="customer-row"]').first().innerText()).toBe('张三')
    expect(page.url()).toContain('8000')
    await screenshot(page, '07-search-tail')
    await page.locator('[data-test="customer-row"]').first().click()
    await page.locator('[data-test="customer-detail"]').first().waitFor()
    await expect.poll(() => page.locator('[data-test="timeline-entry"]').count()).toBe(2)
    await screenshot(page, '08-timeline')
  })
})
