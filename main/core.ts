import { createApiClient, type ApiClient, type Transport } from './contract/app-api'
import type { StoreConfig } from '../database/data-source'
import { openStore, type Store } from '../database/store'
import { createDispatcher, type ApiHandlers, type Dispatch } from './dispatcher'
import { AuditService } from './services/audit.service'
import { AuthService } from './services/auth.service'
import { CustomersService } from './services/customers.service'
import { EventBus } from './services/event-bus'
import { OrgService } from './services/org.service'
import { DEFAULT_SCRYPT, type ScryptParams } from './services/password-hasher'
import { SessionStore } from './services/session-store'
import { SettingsService } from './services/settings.service'
import { StaffService } from './services/staff.service'
import { VisitsService } from './services/visits.service'
import { CallBoard } from './services/call-board'
import { CallsService } from './services/calls.service'
import { CtiService } from './services/cti.service'
import { FollowUps } from './services/follow-ups'
import { MissedCalls } from './services/missed-calls'
import { ScreenPopService } from './services/screen-pop'
import { TemplatesService } from './services/templates.service'
import { AttachmentsService } from './services/attachments.service'
import { ExportStore } from './services/export-store'
import { CallbacksService, settleTickets } from './services/callbacks.service'
import { Notifications } from './services/notifications.service'
import { TicketAssessments } from './services/ticket-assessments'
import { TicketWatch } from './services/ticket-watch'
import { actor as actorOf } from './services/call-context'
import { repo } from '../database/entities'
import { TicketsService } from './services/tickets.service'
import { CallbackPlans } from './services/callback-plans'
import { DepositsService } from './services/deposits.service'
import { EvaluationsService } from './services/evaluations.service'
import { GreetingsService } from './services/greetings.service'
import { InspectionsService } from './services/inspections.service'
import { ProjectReads } from './services/project-reads'
import { ProjectsService } from './services/projects.service'
import { ReportsService } from './services/reports.service'
import { DashboardService } from './services/dashboard.service'
import { StaffPresence } from './services/staff-presence'
import { Summaries } from './services/summaries'
import { ViewingsService } from './services/viewings.service'
import { AppError } from './contract/errors'
import { ROLE_LABELS, roleHas, type Permission } from './contract/roles'
import type { SessionUser } from './contract/auth.contract'

export interface CoreOptions {
  store: StoreConfig
  /** injected so tests can move time */
  now?: () => Date
  scrypt?: ScryptParams
  logError?: (error: unknown, method: string) => void
  /** where attachments are kept; default `<sqlite file>.files`, required for PostgreSQL */
  filesDir?: string
  /** how often the deadline watcher runs; 0 turns it off (tests call `sweep()` themselves) */
  watchIntervalMs?: number
}

export interface Core {
  dispatch: Dispatch
  events: EventBus
  settings: SettingsService
  /** the telephony events' entry point, for the CTI listener */
  cti: CtiService
  store: Store
  audit: AuditService
  /** ticket photos and files, beside the JSON API */
  files: AttachmentsService
  /** built report files waiting for their one download (`files.downloadExport`) */
  exportStore: ExportStore
  /** one pass of the deadline watcher (near-breach notices, escalations) */
  sweep(): Promise<number>
  close(): Promise<void>
}

function filesDirOf(options: CoreOptions): string {
  if (options.filesDir) return options.filesDir
  if (options.store.kind === 'sqlite') return `${options.store.file}.files`
  throw new Error('filesDir is required with a PostgreSQL store: a folder every seat can reach')
}

/** The composition root: store → services → dispatcher. Runs in plain Node; Electron is only a shell around it. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const store = await openStore(options.store)
  const now = options.now ?? (() => new Date())
  const events = new EventBus()
  const settings = new SettingsService(store, events)
  await settings.load()
  const sessions = new SessionStore(now)
  const audit = new AuditService(store, now)
  const scrypt = options.scrypt ?? DEFAULT_SCRYPT

  const auth = new AuthService({ store, now, sessions, settings, audit, scrypt })
  const staff = new StaffService(store, sessions, scrypt, events)
  const org = new OrgService(store, events)
  const customers = new CustomersService(store, settings, events, now)
  const visits = new VisitsService(store, customers, settings, events, now)
  const followUps = new FollowUps(store, settings, events, now)
  const summaries = new Summaries(store, () => settings.get().timeZone, now)
  await summaries.ensureBuilt()
  // the summaries count by the company's days and hours: another time zone re-buckets them in the same write
  settings.onChange(async (em, before, after) => {
    if (before.timeZone !== after.timeZone) await summaries.rebuildIn(em, after.timeZone)
  })
  const calls = new CallsService(store, customers, settings, followUps, events, now, summaries.calls)
  followUps.startCall = (input, ctx) => calls.start(input, ctx)
  const missed = new MissedCalls(store, events, now)
  const screenPop = new ScreenPopService(store, customers, settings, now)
  const board = new CallBoard(store, settings, now)
  const templates = new TemplatesService(store, events, now)
  const cti = new CtiService(store, settings, events, now, summaries.calls)
  await cti.load()
  const notifications = new Notifications(store, events)
  const tickets = new TicketsService(store, customers, settings, notifications, events, now, screenPop, summaries.tickets)
  const callbacks = new CallbacksService(store, settings, notifications, events, now, customers, screenPop, summaries.callbacks)
  const assessments = new TicketAssessments(store, tickets, settings, notifications, now)
  tickets.callbacks = callbacks
  tickets.reads.callbacks = callbacks
  tickets.reads.assessments = assessments
  callbacks.registerSettler('ticketSatisfaction', settleTickets(tickets))
  callbacks.raiseProblem = async (em, callback, problem, user, at) => {
    const project = callback.projectId ? await repo(em, 'project').findOne({ select: { address: true }, where: { id: callback.projectId } }) : null
    const { id, pushed } = await tickets.insertTicket(
      em,
      {
        kind: 'complaint',
        source: 'callback',
        customerId: callback.customerId,
        projectId: callback.projectId,
        callId: null,
        visitId: null,
        category: problem.category,
        severity: problem.severity,
        description: problem.description,
        expectation: null,
        address: project?.address ?? null,
        preferredTime: null,
        completionDate: null,
        workerId: null,
        appointmentAt: null,
        dispatch: { departmentId: problem.departmentId, personId: problem.personId, dueAt: problem.dueAt },
      },
      user,
      at,
    )
    return { ticketId: id, pushed }
  }
  const plans = new CallbackPlans(store, settings, now)
  const projectReads = new ProjectReads(store, settings, now, customers, screenPop)
  projectReads.callbacks = callbacks
  const projects = new ProjectsService(store, settings, plans, events, now, projectReads)
  const deposits = new DepositsService(store, settings, events, now, customers, screenPop)
  const inspections = new InspectionsService(store, settings, events, now, customers)
  const viewings = new ViewingsService(store, events, now)
  const evaluations = new EvaluationsService(store, events, now)
  const greetings = new GreetingsService(store, settings, events, now)
  const logError = options.logError ?? ((error: unknown, method: string) => console.error(`[${method}]`, error))
  const watch = new TicketWatch(store, settings, notifications, events, now, (error) => logError(error, 'ticket-watch'))
  /** For the routes beside the JSON API: the same session and permission checks the dispatcher makes. */
  const authorize = (session: string | null, permission: Permission): SessionUser => {
    const user = session ? sessions.touch(session, settings.get().sessionIdleMinutes) : null
    if (!user) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录')
    if (!roleHas(user.role, permission)) throw new AppError('FORBIDDEN', `当前角色（${ROLE_LABELS[user.role]}）无权执行此操作`)
    return user
  }
  const exportStore = new ExportStore(now)
  const files = new AttachmentsService({ store, filesDir: filesDirOf(options), now, events, audit, authorize, logError, exports: exportStore })
  const dashboard = new DashboardService(store, settings, deposits, now)
  const reports = new ReportsService(store, settings, dashboard, deposits, projectReads, exportStore, events, now)
  const presence = new StaffPresence(store, now, logError)
  sessions.onSeen = (user) => presence.seen([user])

  const handlers: ApiHandlers = {
    auth: {
      status: () => auth.status(),
      setupAdmin: (input) => auth.setupAdmin(input),
      login: (input) => auth.login(input),
      logout: (_input, ctx) => auth.logout(ctx),
      me: (_input, ctx) => auth.me(ctx),
      changePassword: (input, ctx) => auth.changePassword(input, ctx),
    },
    staff: {
      list: () => staff.list(),
      create: (input) => staff.create(input),
      update: (input, ctx) => staff.update(input, ctx),
      resetPassword: (input) => staff.resetPassword(input),
      unlock: (input) => staff.unlock(input),
    },
    org: {
      chart: () => org.chart(),
      saveDepartment: (input) => org.saveDepartment(input),
      listPeople: (input) => org.listPeople(input),
      savePerson: (input) => org.savePerson(input),
      setGeneralManager: (input) => org.setGeneralManager(input),
    },
    settings: {
      get: async () => settings.get(),
      update: (input, ctx) => settings.update(input.changes, ctx),
      telephony: (input, ctx) => cti.config(input, ctx),
      rotateCtiToken: (input, ctx) => cti.rotateToken(input, ctx),
    },
    customers: {
      lookupByPhone: (input, ctx) => customers.lookupByPhone(input, ctx),
      search: (input, ctx) => customers.search(input, ctx),
      get: (input, ctx) => customers.get(input, ctx),
      timeline: (input, ctx) => customers.timeline(input, ctx),
      create: (input, ctx) => customers.create(input, ctx),
      update: (input, ctx) => customers.update(input, ctx),
      addPhone: (input, ctx) => customers.addPhone(input, ctx),
      removePhone: (input, ctx) => customers.removePhone(input, ctx),
      setPrimaryPhone: (input, ctx) => customers.setPrimaryPhone(input, ctx),
    },
    visits: {
      register: (input, ctx) => visits.register(input, ctx),
      today: (input, ctx) => visits.today(input, ctx),
      setStatus: (input, ctx) => visits.setStatus(input, ctx),
      list: (input, ctx) => visits.list(input, ctx),
    },
    calls: {
      screenPop: (input, ctx) => screenPop.pop(input, ctx),
      start: (input, ctx) => calls.start(input, ctx),
      saveIntake: (input, ctx) => calls.saveIntake(input, ctx),
      get: (input, ctx) => calls.get(input, ctx),
      list: (input, ctx) => calls.list(input, ctx),
      followUps: (input, ctx) => followUps.list(input, ctx),
      startFollowUp: (input, ctx) => followUps.start(input, ctx),
      rescheduleFollowUp: (input, ctx) => followUps.reschedule(input, ctx),
      missed: (input, ctx) => missed.list(input, ctx),
      handleMissed: (input, ctx) => missed.handle(input, ctx),
      liveBoard: (input, ctx) => board.live(input, ctx),
      agents: () => board.agents(),
    },
    templates: {
      list: (input) => templates.list(input),
      save: (input, ctx) => templates.save(input, ctx),
      remove: (input) => templates.remove(input),
    },
    tickets: {
      create: (input, ctx) => tickets.create(input, ctx),
      get: (input, ctx) => tickets.get(input, ctx),
      list: (input, ctx) => tickets.reads.list(input, ctx),
      risk: (input, ctx) => tickets.reads.risk(input, ctx),
      transition: (input, ctx) => tickets.transition(input, ctx),
      update: (input, ctx) => tickets.update(input, ctx),
      addNote: (input, ctx) => tickets.addNote(input, ctx),
      recordLeaderComplaint: (input, ctx) => assessments.recordLeaderComplaint(input, ctx),
      assessments: (input, ctx) => assessments.list(input, ctx),
      decideAssessment: (input, ctx) => assessments.decide(input, ctx),
      removeAttachment: (input, ctx) => tickets.removeAttachment(input, ctx),
    },
    callbacks: {
      list: (input, ctx) => callbacks.list(input, ctx),
      complete: (input, ctx) => callbacks.complete(input, ctx),
      get: (input, ctx) => callbacks.get(input, ctx),
      recordAttempt: (input, ctx) => callbacks.recordAttempt(input, ctx),
      claim: (input, ctx) => callbacks.claim(input, ctx),
      assign: (input, ctx) => callbacks.assign(input, ctx),
      replan: async () => {
        const counts = await plans.regenerateAll()
        events.emit({ type: 'dataChanged', area: 'callbacks' })
        return counts
      },
      greetings: (input) => greetings.list(input),
      greetingRecipients: (input, ctx) => greetings.recipients(input, ctx),
      markGreetingDone: (input, ctx) => greetings.markDone(input, ctx),
    },
    deposits: {
      register: (input, ctx) => deposits.register(input, ctx),
      list: (input, ctx) => deposits.list(input, ctx),
      get: (input, ctx) => deposits.get(input, ctx),
      followUp: (input, ctx) => deposits.followUp(input, ctx),
      markLost: (input, ctx) => deposits.markLost(input, ctx),
      designerStats: (input) => deposits.designerStats(input),
    },
    projects: {
      create: (input, ctx) => projects.create(input, ctx),
      update: (input, ctx) => projects.update(input, ctx),
      get: (input, ctx) => projectReads.detail(input.id, actorOf(ctx)),
      list: (input, ctx) => projectReads.list(input, ctx),
      recordMilestone: (input, ctx) => projects.recordMilestone(input, ctx),
      recordPayment: (input, ctx) => projects.recordPayment(input, ctx),
      stop: (input, ctx) => projects.stop(input, ctx),
      resume: (input, ctx) => projects.resume(input, ctx),
      cancel: (input, ctx) => projects.cancel(input, ctx),
      markSettlementSent: (input, ctx) => projects.markSettlementSent(input, ctx),
      weeklyCounts: (input) => projectReads.weeklyCounts(input),
      evaluations: (input) => evaluations.month(input),
      saveEvaluation: (input, ctx) => evaluations.save(input, ctx),
    },
    inspections: {
      due: (input) => inspections.due(input),
      record: (input, ctx) => inspections.record(input, ctx),
      list: (input) => inspections.list(input),
      get: (input) => inspections.get(input),
      rectifications: (input) => inspections.rectifications(input),
      recheck: (input, ctx) => inspections.recheck(input, ctx),
    },
    viewings: {
      list: (input) => viewings.list(input),
      get: (input) => viewings.get(input),
      save: (input, ctx) => viewings.save(input, ctx),
      report: (input, ctx) => viewings.report(input, ctx),
    },
    dashboard: {
      overview: (input) => dashboard.overview(input),
      staffing: (input) => dashboard.staffing(input),
    },
    reports: {
      build: (input, ctx) => reports.build(input, ctx),
      exportXlsx: (input, ctx) => reports.exportXlsx(input, ctx),
    },
    notifications: {
      list: (input, ctx) => notifications.list(input, ctx),
      markRead: (input, ctx) => notifications.markRead(input, ctx, now()),
    },
    audit: {
      list: (input) => audit.list(input),
    },
  }

  const dispatch = createDispatcher({
    handlers,
    sessions,
    audit,
    sessionIdleMinutes: () => settings.get().sessionIdleMinutes,
    logError,
  })
  const watchInterval = options.watchIntervalMs ?? 60_000
  watch.start(watchInterval)
  // weekly plans of sites still building run a few weeks ahead of today: extended once a company day
  const extendPlans = () => plans.extendDaily().catch((error: unknown) => logError(error, 'callback-plans'))
  // an agent logged in but idle still counts as staffed for the hour
  const notePresence = () => presence.seen(sessions.liveUsers(settings.get().sessionIdleMinutes))
  const planTimer =
    watchInterval > 0
      ? setInterval(() => {
          void extendPlans()
          notePresence()
        }, watchInterval)
      : null

  return {
    dispatch,
    events,
    settings,
    cti,
    store,
    audit,
    files,
    exportStore,
    async sweep() {
      const n = await watch.sweep()
      await extendPlans()
      notePresence()
      return n
    },
    async close() {
      watch.stop()
      if (planTimer) clearInterval(planTimer)
      await audit.flush()
      await store.close()
    },
  }
}

/** Direct calls for tests, benches and the CLI: the same dispatcher the IPC and HTTP transports use. */
export function directTransport(core: Core): Transport {
  return {
    call: (request) => core.dispatch(request),
    onEvent: (handler) => core.events.subscribe(handler),
    files: core.files,
  }
}

export function directClient(core: Core): ApiClient {
  return createApiClient(directTransport(core))
}
