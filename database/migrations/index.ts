import { InitialSchema1764201600001 } from './0001-initial-schema'
import { BinaryOrderSearchIndexes1764201600002 } from './0002-binary-order-search-indexes'
import { CallsAndTemplates1764201600003 } from './0003-calls-and-templates'
import { TicketsAndCallbacks1764201600004 } from './0004-tickets-and-callbacks'
import { TicketRiskCoveringIndexes1764201600005 } from './0005-ticket-risk-covering-indexes'
import { TicketClockColumns1764201600006 } from './0006-ticket-clock-columns'
import { ProjectsAndReturnVisits1764201600007 } from './0007-projects-and-return-visits'
import { DashboardSummaries1764201600008 } from './0008-dashboard-summaries'

/** In order. A landed migration is never edited: fix forward with a new one. */
export const MIGRATIONS = [InitialSchema1764201600001, BinaryOrderSearchIndexes1764201600002, CallsAndTemplates1764201600003, TicketsAndCallbacks1764201600004, TicketRiskCoveringIndexes1764201600005, TicketClockColumns1764201600006, ProjectsAndReturnVisits1764201600007, DashboardSummaries1764201600008]
