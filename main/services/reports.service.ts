import type { SessionUser } from '../contract/auth.contract'
import { AppError } from '../contract/errors'
import type { EventBus } from './event-bus'
import { REPORT_PERIODS, REPORT_TITLES, type Report, type ReportExport, type ReportKind, type ReportSection } from '../contract/reports.contract'
import { roleHas } from '../contract/roles'
import { shiftDate, shiftMonths, weekStartOf } from '../contract/time'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { DashboardService } from './dashboard.service'
import type { DepositsService } from './deposits.service'
import type { ExportStore } from './export-store'
import { periodOf, previousRange, type Period } from './period-sql'
import type { ProjectReads } from './project-reads'
import {
  agentSection,
  ASSESSED_ROLES,
  callbackKindSection,
  callsByDaySection,
  callTypeSection,
  complaintSection,
  designerSection,
  overviewSection,
  performanceSection,
  problemSection,
  projectManagerSection,
  projectSummarySections,
  scoreSection,
  siteCountSection,
  walkInSourceSection,
} from './report-builders'
import { reportWorkbook } from './report-xlsx'
import type { SettingsService } from './settings.service'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The manual's weekly and monthly reports, built from the same figures the dashboard shows. */
export class ReportsService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly dashboard: DashboardService,
    private readonly deposits: DepositsService,
    private readonly projects: ProjectReads,
    private readonly exports: ExportStore,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {}

  async build(input: { kind: ReportKind; on: string }, ctx: CallContext): Promise<Report> {
    const user = actor(ctx)
    this.checkKind(input.kind, user)
    return this.assemble(input)
  }

  async exportXlsx(input: { kind: ReportKind; on: string }, ctx: CallContext): Promise<ReportExport> {
    const user = actor(ctx)
    this.checkKind(input.kind, user)
    const task = 'report-export'
    const progress = (done: number, total: number, label: string) => this.events.emit({ type: 'progress', staffId: user.id, task, done, total, label })
    progress(0, 100, '正在汇总数据')
    const report = await this.assemble(input)
    // the figures are the slow half; writing the sheets reports its own steps after them
    progress(50, 100, '正在生成 Excel')
    const bytes = await reportWorkbook(report, (done, total) => progress(50 + Math.round((done / total) * 50), 100, '正在生成 Excel'), this.settings.get().timeZone)
    const fileName = `${report.title}_${report.from}_${report.to}.xlsx`
    const stored = this.exports.put(user.id, { name: fileName, mime: XLSX_MIME, bytes })
    progress(100, 100, '已完成')
    return { exportId: stored.exportId, fileName, size: stored.size }
  }

  /** 月业绩考核表 names people's assessment amounts: only whoever assesses reads it. */
  private checkKind(kind: ReportKind, user: SessionUser): void {
    if (kind === 'performanceMonthly' && !roleHas(user.role, 'tickets.assess')) throw new AppError('FORBIDDEN', '只有客服经理可以查看月业绩考核表')
  }

  private async assemble(input: { kind: ReportKind; on: string }): Promise<Report> {
    const { timeZone, companyName } = this.settings.get()
    const weekly = REPORT_PERIODS[input.kind] === 'week'
    const from = weekly ? weekStartOf(input.on) : `${input.on.slice(0, 7)}-01`
    const to = weekly ? shiftDate(from, 6) : shiftDate(shiftMonths(from, 1), -1)
    const period = periodOf({ from, to }, timeZone)
    const sections = await this.sections(input.kind, period)
    return {
      kind: input.kind,
      title: REPORT_TITLES[input.kind],
      companyName,
      from,
      to,
      periodLabel: weekly ? `${from} 至 ${to}` : `${from.slice(0, 4)}年${Number(from.slice(5, 7))}月`,
      generatedAt: this.now().toISOString(),
      sections,
    }
  }

  private async sections(kind: ReportKind, p: Period): Promise<ReportSection[]> {
    const em = this.store.read
    const now = this.now()
    const { consultationCountsMeasures } = this.settings.get()
    const overview = async (label: string, previousLabel: string) => {
      const previous = periodOf(previousRange(p), this.settings.get().timeZone)
      return overviewSection(
        [
          { label, kpis: await this.dashboard.kpisOnly(p, now) },
          { label: previousLabel, kpis: await this.dashboard.kpisOnly(previous, now) },
        ],
        `${previousLabel}：${previous.from} 至 ${previous.to}。接通率 = 接通来电 ÷ 已结束来电；达成率 = 签约数 ÷ 谈单量；按时办结率按本期办结的工单统计。`,
      )
    }
    const designers = async () => designerSection(await this.deposits.designerStats({ from: p.from, to: p.to }), consultationCountsMeasures)
    switch (kind) {
      case 'serviceWeekly':
        return [
          await overview('本周', '上周'),
          await callTypeSection(em, p),
          await complaintSection(em, p, now),
          await designers(),
          siteCountSection(await this.projects.weeklyCounts({ weekOf: p.from })),
          await agentSection(em, p),
        ]
      case 'callbackWeekly':
        return [await callbackKindSection(em, p), await scoreSection(em, p), await problemSection(em, p), await agentSection(em, p)]
      case 'serviceMonthly':
        return [
          await overview('本月', '上月'),
          await callsByDaySection(em, p),
          await callTypeSection(em, p),
          await walkInSourceSection(em, p),
          await complaintSection(em, p, now),
          await callbackKindSection(em, p),
          await designers(),
          await agentSection(em, p),
        ]
      case 'projectMonthly':
        return [...(await projectSummarySections(em, p)), await projectManagerSection(em, p)]
      case 'performanceMonthly': {
        const sections: ReportSection[] = []
        for (const role of ASSESSED_ROLES) sections.push(await performanceSection(em, p, role))
        return sections
      }
    }
  }
}
