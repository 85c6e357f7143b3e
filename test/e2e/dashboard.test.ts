import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { DashboardOverview } from '../../main/contract/dashboard.contract'
import { formatReportValue, type Report } from '../../main/contract/reports.contract'
import { companyDate, shiftDate, shiftMonths } from '../../main/contract/time'
import { callApi } from './api-fixture'
import { ARTIFACTS, launchChromium, openPage, screenshot, startBrowserMode, type BrowserMode } from './browser-mode'
import { login, route } from './ui-fixture'

const DEMO_PASSWORD = 'demo1234'
/** every chart the dashboard draws (`data-test="chart-<name>"`) */
const CHARTS = ['calls-per-day', 'heatmap', 'funnel', 'walk-ins-by-source', 'complaints', 'on-time', 'satisfaction', 'designers']

describe('the manager decides from the dashboard and sends the monthly report (seeded data)', () => {
  let server: BrowserMode
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startBrowserMode({ seed: ['--customers', '600', '--calls', '6000', '--tickets', '300', '--projects', '60'] })
    browser = await launchChromium()
    page = await openPage(browser)
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, `dashboard-failed-${context.task.name.slice(0, 40)}`)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('lands on the dashboard, which draws every chart, and a card opens the list behind its number', async () => {
    await login(page, server, 'manager', DEMO_PASSWORD)
    await page.waitForURL(/#\/dashboard/)
    await page.locator('[data-test="period-month"]').click()
    const manager = await callApi<{ token: string }>(server, 'auth.login', { username: 'manager', password: DEMO_PASSWORD })
    const today = companyDate(new Date(), 'Asia/Shanghai')
    const month = { from: `${today.slice(0, 7)}-01`, to: shiftDate(shiftMonths(`${today.slice(0, 7)}-01`, 1), -1) }
    const overview = await callApi<DashboardOverview>(server, 'dashboard.overview', month, manager.token)
    const missed = overview.kpis.callsMissed
    expect(missed).toBeGreaterThan(0)
    const shown = (card: string) => page.locator(`[data-test="kpi-${card}"] [data-test="kpi-value"]`).innerText()
    await expect.poll(async () => Number((await shown('callsMissed')).replace(/[^\d]/g, ''))).toBe(missed)
    expect(Number((await shown('callsIn')).replace(/[^\d]/g, ''))).toBe(overview.kpis.callsIn)
    for (const name of CHARTS) await page.locator(`[data-test="chart-${name}-canvas"] canvas`).first().waitFor()
    await page.locator('[data-test="agent-row"]').first().waitFor()
    await screenshot(page, 'dashboard-01-month')

    await page.locator('[data-test="kpi-callsMissed"]').click()
    await page.waitForURL(/#\/call-log\?.*missed=true/)
    // the list behind the card counts the same calls the card does
    await expect.poll(async () => Number((await page.locator('[data-test="call-log-total"]').innerText()).replace(/[^\d]/g, ''))).toBe(missed)
    await screenshot(page, 'dashboard-02-drill-missed')
  })

  it('builds 《客服月报表》, and the Excel export and the printed page carry the numbers on screen', async () => {
    const manager = await callApi<{ token: string }>(server, 'auth.login', { username: 'manager', password: DEMO_PASSWORD })
    const on = companyDate(new Date(), 'Asia/Shanghai')
    const report = await callApi<Report>(server, 'reports.build', { kind: 'serviceMonthly', on }, manager.token)

    await page.goto(route(server, `/reports?kind=serviceMonthly&on=${on}`))
    await page.locator('[data-test="report-build"]').click()
    await page.locator('[data-test="report-section-overview"]').waitFor()
    const overview = report.sections.find((s) => s.key === 'overview')!
    const screenRow = await page.locator('[data-test="report-section-overview"] .el-table__body tr').first().locator('td').allInnerTexts()
    expect(screenRow.map((t) => t.trim())).toEqual(overview.columns.map((c) => formatReportValue(overview.rows[0][c.key], c.format)))
    await screenshot(page, 'dashboard-03-monthly-report')

    const download = page.waitForEvent('download')
    await page.locator('[data-test="report-export"]').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^客服月报表_.*\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet(overview.title)!
    const excelRow = overview.columns.map((c, i) => {
      const value = sheet.getRow(2).getCell(i + 1).value as number | string | null
      // the workbook holds yuan for money; the screen's text comes from fen
      return formatReportValue(c.format === 'fen' && typeof value === 'number' ? Math.round(value * 100) : value, c.format)
    })
    expect(excelRow).toEqual(screenRow.map((t) => t.trim()))

    await page.goto(route(server, `/print/reports/serviceMonthly/${on}`))
    await page.locator('[data-test="report-sheet"]').waitFor()
    const pdf = join(ARTIFACTS, 'dashboard-monthly-report.pdf')
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true })
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('客服月报表')
    expect(text).toContain(formatReportValue(overview.rows[0].callsIn, 'int'))
  })
})
