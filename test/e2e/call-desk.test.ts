import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { eventually, row } from './db-fixture'
import { callApi, postCti } from './api-fixture'
import { inputOf, launchChromium, openPage, screenshot, startBrowserMode, type BrowserMode } from './browser-mode'

const input = inputOf
const PASSWORD = 'desk-pass-2026'


const secondsAgo = (s: number): string => new Date(Date.now() - s * 1000).toISOString()

describe('a call agent works the call desk in the browser', () => {
  let server: BrowserMode
  let browser: Browser
  let page: Page
  let customerId: number

  beforeAll(async () => {
    server = await startBrowserMode()
    const admin = await callApi<{ token: string }>(server, 'auth.setupAdmin', { username: 'admin', displayName: '系统管理员', password: PASSWORD })
    await callApi(server, 'staff.create', { username: 'agent1', displayName: '客服小李', role: 'agent', password: PASSWORD, extension: '8001' }, admin.token)
    const agent = await callApi<{ token: string }>(server, 'auth.login', { username: 'agent1', password: PASSWORD })
    const customer = await callApi<{ id: number }>(server, 'customers.create', { name: '王建国', phone: '13800138000', community: '阳光花园', grade: 'B 意向' }, agent.token)
    customerId = customer.id
    await callApi(server, 'auth.logout', {}, agent.token)
    browser = await launchChromium()
    page = await openPage(browser)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('logs in and lands on the call desk', async () => {
    await page.goto(server.url)
    await page.locator(input('login-username')).first().fill('agent1')
    await page.locator(input('login-password')).first().fill(PASSWORD)
    await page.locator('[data-test="login-submit"]').click()
    await page.locator(input('desk-number')).first().waitFor()
    expect(page.url()).toContain('#/calls')
  })

  it('a known number typed in another format pops the customer card', async () => {
    await page.locator(input('desk-number')).first().fill('+86 138-0013-8000')
    const pop = page.locator('[data-test="desk-pop"][data-state="known"]')
    await pop.waitFor()
    await expect.poll(() => page.locator('[data-test="desk-pop-name"]').innerText()).toBe('王建国')
    expect(await pop.innerText()).toContain('阳光花园')
    await screenshot(page, 'desk-01-screen-pop')
  })

  it('fills a consultation with a reply template inserted, saves, and the call is on the timeline', async () => {
    await page.locator(input('desk-number')).first().press('Enter')
    await page.locator('[data-test="desk-timer"]').waitFor()
    await page.locator('[data-test="desk-type-consult"]').click()
    await page.locator(input('desk-summary')).first().fill('问半包报价。')
    await page.locator(input('desk-template-search')).first().fill('保修')
    const template = page.locator('[data-test="desk-template-item"]', { hasText: '保修政策' })
    await template.hover()
    await template.locator('[data-test="desk-template-insert"]').click()
    await expect.poll(() => page.locator(input('desk-summary')).first().inputValue()).toContain('防水工程保修 5 年')
    await page.locator(input('desk-outcome')).first().fill('约周六到店')
    await screenshot(page, 'desk-02-consultation')
    await page.locator(input('desk-summary')).first().press('Control+Enter')

    const saved = await eventually(
      () => row<{ customer_id: number; call_type: string; summary: string; status: string; outcome: string }>(server.dbFile, 'SELECT customer_id, call_type, summary, status, outcome FROM call_log WHERE intake_saved_at IS NOT NULL ORDER BY id DESC LIMIT 1'),
      (r) => r !== undefined,
      'the saved call',
    )
    expect(saved).toMatchObject({ customer_id: customerId, call_type: 'consult', status: 'answered', outcome: '约周六到店' })
    expect(saved?.summary).toContain('问半包报价。')
    expect(saved?.summary).toContain('防水工程保修 5 年')
    // save-and-next: the number box is empty and focused again
    await expect.poll(() => page.locator(input('desk-number')).first().inputValue()).toBe('')

    await page.goto(`${server.url.replace(/\/\?token=.*/, '')}/?token=${new URL(server.url).searchParams.get('token')}#/customers/${customerId}`)
    const entry = page.locator('[data-test="timeline-entry"]', { hasText: '咨询' })
    await entry.first().waitFor()
    expect(await entry.first().innerText()).toContain('问半包报价')
    await screenshot(page, 'desk-03-timeline')
    await page.goto(`${server.url}#/calls`)
    await page.locator(input('desk-number')).first().waitFor()
  })

  it('a ringing telephony event pops the desk with the number; hang-up records the duration', async () => {
    // the PBX's clock: rang 70 s before this test started, answered 5 s later, hung up 65 s after that
    const t0 = Date.now() - 70_000
    const at = (s: number): string => new Date(t0 + s * 1000).toISOString()
    expect((await postCti(server, { event: 'ringing', callId: 'e2e-1', caller: '139 0013 9000', callee: '4008001234', extension: '8001', at: at(0) })).status).toBe(200)
    await expect.poll(() => page.locator(input('desk-number')).first().inputValue(), { timeout: 10_000 }).toContain('139')
    await page.locator('[data-test="desk-pop"][data-state="new"]').waitFor()
    await expect.poll(() => page.locator('[data-test="desk-call-status"]').getAttribute('data-status')).toBe('ringing')
    await screenshot(page, 'desk-04-ringing')

    expect((await postCti(server, { event: 'answered', callId: 'e2e-1', extension: '8001', at: at(5) })).status).toBe(200)
    await expect.poll(() => page.locator('[data-test="desk-call-status"]').getAttribute('data-status')).toBe('talking')
    expect((await postCti(server, { event: 'hangup', callId: 'e2e-1', at: at(70) })).status).toBe(200)
    await expect.poll(() => page.locator('[data-test="desk-call-status"]').getAttribute('data-status')).toBe('answered')
    const call = await row<{ talk_sec: number; ring_sec: number; status: string; agent_id: number }>(server.dbFile, "SELECT talk_sec, ring_sec, status, agent_id FROM call_log WHERE external_id = 'e2e-1'")
    expect(call?.status).toBe('answered')
    expect(call?.ring_sec).toBe(5)
    expect(call?.talk_sec).toBe(65)
    expect(await page.locator('[data-test="desk-timer"]').innerText()).toBe('01:05')
    await screenshot(page, 'desk-05-ended')

    // the new caller becomes a customer from the form, without retyping the number
    await page.locator('[data-test="desk-type-consult"]').click()
    await page.locator(input('desk-new-customer-name')).first().fill('赵女士')
    await page.locator(input('desk-summary')).first().fill('新房交付，想了解工期。')
    await page.locator('[data-test="desk-save"]').click()
    const created = await eventually(
      () => row<{ name: string }>(server.dbFile, "SELECT c.name FROM call_log cl JOIN customer c ON c.id = cl.customer_id WHERE cl.external_id = 'e2e-1'"),
      (r) => r !== undefined,
      'the new customer linked to the call',
    )
    expect(created?.name).toBe('赵女士')
  })

  it('a missed call appears in the list, grouped, and is handled', async () => {
    for (const [id, ago] of [['e2e-m1', 300], ['e2e-m2', 120]] as const) {
      await postCti(server, [
        { event: 'ringing', callId: id, caller: '021-6234 5678', extension: '8001', at: secondsAgo(ago) },
        { event: 'hangup', callId: id, at: secondsAgo(ago - 25) },
      ])
    }
    await page.locator('[data-test="desk-tab-missed"]').click()
    const missedRow = page.locator('[data-test="desk-missed-row"][data-number="02162345678"]')
    await missedRow.waitFor()
    expect(await missedRow.innerText()).toContain('021 6234 5678')
    expect(await missedRow.innerText()).toContain('2')
    await screenshot(page, 'desk-06-missed')
    await missedRow.locator('[data-test="desk-missed-handle"]').click()
    await page.locator(input('desk-missed-handle-note')).first().fill('已短信回复')
    await page.locator('[data-test="desk-missed-handle-confirm"]').click()
    await missedRow.waitFor({ state: 'detached' })
    const handled = await row<{ n: number; note: string }>(server.dbFile, "SELECT COUNT(*) AS n, MAX(handled_note) AS note FROM call_log WHERE number_key = '02162345678' AND handled_at IS NOT NULL AND handled_by IS NOT NULL")
    expect(handled).toEqual({ n: 2, note: '已短信回复' })
  })
})
