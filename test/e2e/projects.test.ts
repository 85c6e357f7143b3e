import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { eventually, row, rows } from './db-fixture'
import { callApi } from './api-fixture'
import { inputOf, launchChromium, openPage, screenshot, startBrowserMode, type BrowserMode } from './browser-mode'
import { advanceHours, choose, login as loginAs, route } from './ui-fixture'

const input = inputOf
const PASSWORD = 'project-pass-2026'
const login = (page: Page, server: BrowserMode, username: string) => loginAs(page, server, username, PASSWORD)

describe('a deposit becomes a site whose milestones drive the return visits', () => {
  let server: BrowserMode
  let browser: Browser
  let page: Page
  let pmId: number
  let projectId: number

  beforeAll(async () => {
    server = await startBrowserMode({ testClock: true })
    const admin = await callApi<{ token: string }>(server, 'auth.setupAdmin', { username: 'admin', displayName: '系统管理员', password: PASSWORD })
    await callApi(server, 'settings.update', { changes: { sessionIdleMinutes: 1440, companyName: '华居装饰工程有限公司' } }, admin.token)
    const chart = await callApi<{ departments: { id: number; name: string }[] }>(server, 'org.chart', {}, admin.token)
    const works = chart.departments.find((d) => d.name === '工程部')!
    const design = chart.departments.find((d) => d.name === '设计部')!
    const person = (name: string, kind: string, departmentId: number | null) => callApi<{ id: number }>(server, 'org.savePerson', { name, kind, departmentId }, admin.token)
    await person('周设计', 'designer', design.id)
    pmId = (await person('钱工', 'projectManager', works.id)).id
    await callApi(server, 'org.saveDepartment', { id: works.id, name: '工程部', headPersonId: pmId }, admin.token)
    await person('杨监理', 'supervisor', works.id)
    await person('孙工队', 'crew', works.id)
    await callApi(server, 'staff.create', { username: 'agent1', displayName: '客服小李', role: 'agent', password: PASSWORD }, admin.token)
    const agent = await callApi<{ token: string }>(server, 'auth.login', { username: 'agent1', password: PASSWORD })
    await callApi(server, 'customers.create', { name: '王建国', phone: '13800138000', community: '阳光花园', address: '3号楼1201' }, agent.token)
    browser = await launchChromium()
    page = await openPage(browser)
    // the page's clock follows the server's test clock (see advanceHours); it runs on from now
    await page.clock.install()
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, `projects-failed-${context.task.name.slice(0, 40)}`)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('reception of the money: a deposit is registered, then signed into a contract with its payment plan', async () => {
    await login(page, server, 'agent1')
    await page.goto(route(server, '/deposits'))
    await page.locator('[data-test="deposit-register"]').click()
    const dialog = '[data-test="deposit-register-dialog"]'
    await page.locator(`${dialog} ${input('ticket-customer')}`).first().fill('王建国')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '王建国' }).first().click()
    await choose(page, 'deposit-designer', '周设计', dialog)
    await page.locator(`${dialog} ${input('deposit-amount')}`).first().fill('20000')
    await page.locator('[data-test="deposit-register-save"]').click()
    const deposit = await eventually(
      () => row<{ id: number; amount_fen: number; status: string }>(server.dbFile, 'SELECT id, amount_fen, status FROM deposit'),
      (d) => d !== undefined,
      'the deposit row',
    )
    expect(deposit).toMatchObject({ amount_fen: 2_000_000, status: 'pending' })
    await page.locator('[data-test="deposit-row"]', { hasText: '王建国' }).first().waitFor()
    await screenshot(page, 'projects-01-deposits')

    // the new deposit opens in its drawer, ready to follow up or sign
    await page.locator('[data-test="deposit-drawer"] [data-test="deposit-sign"]').click()
    const contract = '[data-test="contract-dialog"]'
    await page.locator(`${contract} ${input('contract-no')}`).fill('HT-2026-0418')
    await page.locator(`${contract} ${input('contract-address')}`).fill('阳光花园 3 号楼 1201')
    await choose(page, 'contract-project-manager', '钱工', contract)
    await choose(page, 'contract-supervisor', '杨监理', contract)
    await choose(page, 'contract-crew', '孙工队', contract)
    await choose(page, 'contract-agent', '客服小李', contract)
    await page.locator(`${contract} ${input('contract-amount')}`).fill('300000')
    await page.locator(`${contract} ${input('contract-payment-first')}`).fill('90000')
    await page.locator(`${contract} ${input('contract-payment-midterm')}`).fill('150000')
    await page.locator(`${contract} ${input('contract-payment-final')}`).fill('60000')
    await screenshot(page, 'projects-02-contract')
    await page.locator('[data-test="contract-save"]').click()
    const project = await eventually(
      () => row<{ id: number; status: string; deposit_id: number; amount_fen: number; final_fen: number }>(server.dbFile, 'SELECT id, status, deposit_id, amount_fen, final_fen FROM project'),
      (p) => p !== undefined,
      'the project row',
    )
    expect(project).toMatchObject({ status: 'pending', deposit_id: deposit!.id, amount_fen: 30_000_000, final_fen: 6_000_000 })
    projectId = project!.id
    expect(await row(server.dbFile, 'SELECT status FROM deposit WHERE id = ?', deposit!.id)).toEqual({ status: 'signed' })
  })

  it('the start notice (开工通知单) puts weekly callbacks on the agent’s desk', async () => {
    await page.goto(route(server, `/projects/${projectId}`))
    await page.locator('[data-test="project-detail"]').waitFor()
    await page.locator('[data-test="milestone-record-start"]').click()
    await page.locator('[data-test="project-action-submit"]').click()
    await eventually(() => row<{ n: number }>(server.dbFile, "SELECT COUNT(*) AS n FROM callback WHERE kind = 'construction' AND status = 'open'"), (r) => (r?.n ?? 0) >= 4, 'the weekly callbacks')
    await page.locator('[data-test="project-detail-status"]', { hasText: '施工中' }).waitFor()
    await page.locator('[data-test="project-action-dialog"]').waitFor({ state: 'hidden' })
    await page.locator('[data-test="project-callbacks"]', { hasText: '施工期回访' }).waitFor()
    await screenshot(page, 'projects-03-started')

    // a week later the first weekly callback is due today on the agent's desk
    await advanceHours(server, 7 * 24, page)
    await login(page, server, 'agent1')
    await page.goto(route(server, '/callbacks'))
    const desk = page.locator('[data-test="callbacks-table"]')
    await desk.locator('.el-table__row', { hasText: '施工期回访' }).first().waitFor()
    await expect(desk.locator('.el-table__row', { hasText: '王建国' }).count()).resolves.toBe(1)
    await screenshot(page, 'projects-04-desk-weekly')
  })

  it('completion (完工通知单) shows the monthly and quarterly plan', async () => {
    await page.goto(route(server, `/projects/${projectId}`))
    await page.locator('[data-test="milestone-record-completion"]').click()
    await page.locator('[data-test="project-action-submit"]').click()
    await page.locator('[data-test="project-detail-status"]', { hasText: '已竣工' }).waitFor()
    await page.locator('[data-test="project-action-dialog"]').waitFor({ state: 'hidden' })
    const aftercare = await eventually(
      () => rows<{ plan_key: string; due_on: string }>(server.dbFile, "SELECT plan_key, due_on FROM callback WHERE kind = 'aftercare' AND status = 'open' ORDER BY due_on"),
      (r) => r.length === 16,
      'twelve monthly and four quarterly callbacks',
    )
    expect(aftercare.map((r) => r.plan_key)).toEqual([...Array.from({ length: 12 }, (_, i) => `aftercare:m${i + 1}`), 'aftercare:m15', 'aftercare:m18', 'aftercare:m21', 'aftercare:m24'])
    const plan = page.locator('[data-test="project-callbacks"]')
    await plan.locator('.el-table__row', { hasText: '维保回访' }).nth(15).waitFor()
    await expect(plan.locator('.el-table__row', { hasText: '维保回访' }).count()).resolves.toBe(16)
    // routine callbacks after the completion are gone
    expect(await row(server.dbFile, "SELECT COUNT(*) AS n FROM callback WHERE kind = 'construction' AND status = 'open' AND due_on > ?", aftercare[0].due_on)).toEqual({ n: 0 })
    await screenshot(page, 'projects-05-aftercare-plan')
  })

  it('a callback that finds a problem raises a 回访联系单: a ticket for the responsible person', async () => {
    // the completion's control-point callback falls due the next day
    await advanceHours(server, 24, page)
    await login(page, server, 'agent1')
    await page.goto(route(server, '/callbacks'))
    const desk = page.locator('[data-test="callbacks-table"]')
    const milestoneRow = desk.locator('.el-table__row', { hasText: '节点回访' }).first()
    await milestoneRow.waitFor()
    await milestoneRow.locator('[data-test="callbacks-complete"]').click()
    const dialog = '[data-test="callback-complete-dialog"]'
    await page.locator(`${dialog} [data-test="callback-result-fair"]`).click()
    await page.locator(`${dialog} [data-test="callback-score-quality"] .el-rate__item`).nth(2).click()
    await page.locator(`${dialog} [data-test="callback-score-service"] .el-rate__item`).nth(4).click()
    await page.locator(`${dialog} [data-test="callback-has-problem"]`).click()
    await page.locator(`${dialog} ${input('callback-problem-description')}`).fill('卫生间墙角有渗水痕迹，客户要求尽快处理')
    await choose(page, 'callback-problem-category', '工程质量', dialog)
    await page.locator(`${dialog} [data-test="callback-problem-severity-较重"]`).click()
    await choose(page, 'ticket-department', '工程部', dialog)
    await choose(page, 'ticket-person', '钱工', dialog)
    await screenshot(page, 'projects-06-problem-found')
    await page.locator('[data-test="callback-complete-save"]').click()

    const ticket = await eventually(
      () => row<{ id: number; no: string; source: string; state: string; person_id: number; project_id: number }>(server.dbFile, 'SELECT id, no, source, state, person_id, project_id FROM ticket'),
      (t) => t !== undefined,
      'the 回访联系单 ticket',
    )
    expect(ticket).toMatchObject({ source: 'callback', state: 'dispatched', person_id: pmId, project_id: projectId })
    expect(await row(server.dbFile, "SELECT status, result, score_quality, score_service, problem_ticket_id FROM callback WHERE plan_key = 'milestone:completion'")).toEqual({
      status: 'done',
      result: 'fair',
      score_quality: 3,
      score_service: 5,
      problem_ticket_id: ticket!.id,
    })
    await page.locator('[data-test="callback-problem-ticket"], [data-test="callbacks-problem-ticket"]').first().waitFor()
    await screenshot(page, 'projects-07-problem-ticket')
    await page.goto(route(server, `/tickets/${ticket!.id}`))
    await page.locator('text=钱工').first().waitFor()
    await screenshot(page, 'projects-08-ticket')
  })
})
