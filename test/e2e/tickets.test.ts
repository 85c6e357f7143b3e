import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { eventually, row, rows } from './db-fixture'
import { callApi } from './api-fixture'
import { ARTIFACTS, inputOf, launchChromium, openPage, screenshot, startBrowserMode, type BrowserMode } from './browser-mode'
import { advanceHours, choose, login as loginAs, route } from './ui-fixture'

const input = inputOf
const PASSWORD = 'ticket-pass-2026'
const login = (page: Page, server: BrowserMode, username: string) => loginAs(page, server, username, PASSWORD)


describe('a complaint call becomes a ticket and is followed to closure', () => {
  let server: BrowserMode
  let browser: Browser
  let agentPage: Page
  let ticketId: number
  let ticketNo: string

  beforeAll(async () => {
    server = await startBrowserMode({ testClock: true })
    const admin = await callApi<{ token: string }>(server, 'auth.setupAdmin', { username: 'admin', displayName: '系统管理员', password: PASSWORD })
    // the clock jumps a day and more: sessions must outlive a step of it
    await callApi(server, 'settings.update', { changes: { sessionIdleMinutes: 1440, companyName: '华居装饰工程有限公司' } }, admin.token)
    const chart = await callApi<{ departments: { id: number; name: string }[] }>(server, 'org.chart', {}, admin.token)
    const works = chart.departments.find((d) => d.name === '工程部')!
    const head = await callApi<{ id: number }>(server, 'org.savePerson', { name: '刘经理', kind: 'projectManager', departmentId: works.id }, admin.token)
    await callApi(server, 'org.saveDepartment', { id: works.id, name: '工程部', headPersonId: head.id }, admin.token)
    const responsible = await callApi<{ id: number }>(server, 'org.savePerson', { name: '陈师傅', kind: 'projectManager', departmentId: works.id }, admin.token)
    await callApi(server, 'staff.create', { username: 'head1', displayName: '刘经理', role: 'agent', password: PASSWORD, personId: head.id }, admin.token)
    await callApi(server, 'staff.create', { username: 'chen', displayName: '陈师傅', role: 'agent', password: PASSWORD, personId: responsible.id }, admin.token)
    await callApi(server, 'staff.create', { username: 'agent1', displayName: '客服小李', role: 'agent', password: PASSWORD }, admin.token)
    const agent = await callApi<{ token: string }>(server, 'auth.login', { username: 'agent1', password: PASSWORD })
    await callApi(server, 'customers.create', { name: '王建国', phone: '13800138000', community: '阳光花园', address: '3号楼1201' }, agent.token)
    browser = await launchChromium()
    agentPage = await openPage(browser)
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && agentPage) await screenshot(agentPage, `tickets-failed-${context.task.name.slice(0, 40)}`)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('the agent records a complaint call and turns it into a dispatched ticket', async () => {
    const page = agentPage
    await login(page, server, 'agent1')
    await page.locator(input('desk-number')).first().fill('13800138000')
    await page.locator('[data-test="desk-pop"][data-state="known"]').waitFor()
    await page.locator(input('desk-number')).first().press('Enter')
    await page.locator('[data-test="desk-timer"]').waitFor()
    await page.locator('[data-test="desk-type-complaint"]').click()
    await choose(page, 'desk-detail-category', '工程质量')
    await page.locator('[data-test="desk-detail-severity"]').getByText('严重', { exact: true }).click()
    await page.locator(input('desk-detail-description')).first().fill('卫生间墙砖空鼓开裂，已经两周没人来处理。')
    await page.locator(input('desk-detail-expectation')).first().fill('本周内上门返工')
    await page.locator(input('desk-summary')).first().fill('客户来电投诉墙砖空鼓。')
    await page.locator('[data-test="desk-save"]').click()

    await page.locator('[data-test="desk-ticket-convert"]').click()
    const dialog = page.locator('[data-test="ticket-create-dialog"]')
    await dialog.waitFor()
    // carried over from the call's form
    await expect.poll(() => dialog.locator(input('ticket-description')).first().inputValue()).toContain('墙砖空鼓开裂')
    await dialog.locator('[data-test="ticket-dispatch-now"]').click()
    await choose(page, 'ticket-department', '工程部')
    await choose(page, 'ticket-person', '陈师傅')
    await screenshot(page, 'tickets-01-from-call')
    await dialog.locator('[data-test="ticket-create-save"]').click()

    const ticket = await eventually(
      () => row<{ id: number; no: string; state: string; call_id: number; severity: string; category: string }>(server.dbFile, 'SELECT id, no, state, call_id, severity, category FROM ticket ORDER BY id DESC LIMIT 1'),
      (r) => r?.state === 'dispatched',
      'the dispatched ticket',
    )
    expect(ticket).toMatchObject({ severity: '严重', category: '工程质量' })
    expect(ticket!.call_id).toBeGreaterThan(0)
    expect(ticket!.no).toMatch(/^TS\d{8}-001$/)
    ticketId = ticket!.id
    ticketNo = ticket!.no

    await page.locator('[data-test="desk-ticket-open"]').click()
    await page.locator('[data-test="ticket-detail-no"]', { hasText: ticketNo }).waitFor()
    await expect.poll(() => page.locator('[data-test="ticket-detail-state"]').innerText()).toBe('已派单')
    await screenshot(page, 'tickets-02-dispatched')
  })

  it('past the response deadline the ticket shows as breached and escalated to the department head', async () => {
    const page = agentPage
    // two steps, each inside the session's idle time: 13 h + 13 h > the 24 h response deadline
    await advanceHours(server, 13)
    // the agent keeps working in between (the list asks the server, which keeps the session alive)
    await page.goto(route(server, '/tickets'))
    await page.reload()
    await page.locator('[data-test="ticket-row"]', { hasText: ticketNo }).first().waitFor()
    await advanceHours(server, 13)
    const escalated = await eventually(
      () => row<{ escalation_level: number }>(server.dbFile, 'SELECT escalation_level FROM ticket WHERE id = ?', ticketId),
      (r) => r?.escalation_level === 1,
      'escalation to level 1',
    )
    expect(escalated?.escalation_level).toBe(1)
    const log = await row<{ note: string; data: string }>(server.dbFile, "SELECT note, data FROM ticket_log WHERE ticket_id = ? AND action = 'escalate'", ticketId)
    expect(log?.note).toContain('部门负责人')
    expect(JSON.parse(log!.data)).toMatchObject({ level: 1, deadline: 'response', notified: ['刘经理'] })
    const notice = await row<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM notification n JOIN staff_account s ON s.id = n.staff_id WHERE s.username = 'head1' AND n.kind = 'escalated'")
    expect(notice?.n).toBe(1)

    // the list's 已超时 filter shows it; opening it from there keeps the list behind the drawer
    await page.goto(route(server, '/tickets?due=breached'))
    const overdue = page.locator('[data-test="ticket-row"]', { hasText: ticketNo })
    await overdue.first().waitFor()
    await screenshot(page, 'tickets-03-overdue-list')
    await overdue.first().click()
    await page.locator('[data-test="ticket-detail-no"]', { hasText: ticketNo }).waitFor()
    await expect.poll(() => page.locator('[data-test="ticket-detail"] [data-test="ticket-clock"]').first().innerText()).toContain('已超时')
    await expect.poll(() => page.locator('[data-test="ticket-detail"] [data-test="ticket-escalation"]').first().innerText()).toContain('部门负责人')
    await screenshot(page, 'tickets-04-breached')
  })

  it('the responsible person logs in and records the resolution', async () => {
    const page = await openPage(browser)
    await login(page, server, 'chen')
    await page.goto(route(server, '/tickets'))
    const listed = page.locator('[data-test="ticket-row"]', { hasText: ticketNo })
    await listed.first().waitFor()
    await page.goto(route(server, `/tickets/${ticketId}`))
    await page.locator('[data-test="ticket-action-resolve"]').click()
    const dialog = page.locator('[data-test="ticket-action-dialog"]')
    await dialog.locator(input('ticket-action-note')).first().fill('已上门重新铺贴墙砖，客户现场确认。')
    await dialog.locator('[data-test="ticket-action-submit"]').click()
    await eventually(
      () => row<{ state: string; result: string }>(server.dbFile, 'SELECT state, result FROM ticket WHERE id = ?', ticketId),
      (r) => r?.state === 'awaitingCallback',
      'the ticket awaiting its callback',
    )
    await expect.poll(() => page.locator('[data-test="ticket-detail-state"]').innerText()).toBe('待回访')
    await screenshot(page, 'tickets-05-resolved')
    await page.close()
  })

  it('the satisfaction callback closes the ticket', async () => {
    const page = agentPage
    await page.goto(route(server, '/callbacks?upcoming=1'))
    const callbackRow = page.locator('[data-test="callbacks-table"] tr', { hasText: ticketNo })
    await callbackRow.first().waitFor()
    await callbackRow.locator('[data-test="callbacks-complete"]').click()
    const dialog = page.locator('[data-test="callback-complete-dialog"]')
    await dialog.locator('[data-test="callback-result-satisfied"]').click()
    await dialog.locator(input('callback-comment')).first().fill('师傅很负责，满意。')
    await screenshot(page, 'tickets-06-callback')
    await dialog.locator('[data-test="callback-complete-save"]').click()
    const closed = await eventually(
      () => row<{ state: string; satisfaction: string; closed_at: string | null }>(server.dbFile, 'SELECT state, satisfaction, closed_at FROM ticket WHERE id = ?', ticketId),
      (r) => r?.state === 'closed',
      'the closed ticket',
    )
    expect(closed).toMatchObject({ state: 'closed', satisfaction: 'satisfied' })
    const actions = (await rows<{ action: string }>(server.dbFile, 'SELECT action FROM ticket_log WHERE ticket_id = ? ORDER BY id', ticketId)).map((r) => r.action)
    expect(actions).toEqual(['create', 'dispatch', 'escalate', 'resolve', 'close'])
  })

  it('prints the 客户投诉联系单 as a PDF laid out like the paper form', async () => {
    // 打印联系单 opens the form in a window of its own, as the browser's print preview would show it
    await agentPage.goto(route(server, `/tickets/${ticketId}`))
    const [page] = await Promise.all([agentPage.waitForEvent('popup'), agentPage.locator('[data-test="ticket-print"]').click()])
    await page.locator('[data-ready="true"]').waitFor()
    await screenshot(page, 'tickets-07-form-screen')
    mkdirSync(ARTIFACTS, { recursive: true })
    const pdfFile = join(ARTIFACTS, 'tickets-07-form.pdf')
    writeFileSync(pdfFile, await page.pdf({ format: 'A4', printBackground: true }))
    // the title is letter-spaced like a printed form's: compare without whitespace
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString().replace(/\s+/g, '')
    for (const expected of ['客户投诉联系单', '华居装饰工程有限公司', ticketNo, '王建国', '工程质量', '严重', '工程部', '陈师傅', '已上门重新铺贴墙砖', '满意']) {
      expect(text).toContain(expected)
    }
    expect(execFileSync('pdfinfo', [pdfFile]).toString()).toMatch(/Pages:\s+1\b/)
    // the page as an image, to look at: the form must read like the paper one
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdfFile, join(ARTIFACTS, 'tickets-07-form-page')])
  })
})
