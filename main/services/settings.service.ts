import type { EntityManager } from 'typeorm'
import { AppError } from '../contract/errors'
import { DEFAULT_SETTINGS, SETTING_KEYS, settingsSchema, type AppSettings } from '../contract/settings.contract'
import { repo } from '../../database/entities'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { EventBus } from './event-bus'

/**
 * Settings are rows of key → JSON, read once at start and kept in memory: every lookup and
 * registration consults them, and they change a few times a year.
 */
/** Work another area must do in the same transaction when settings change (e.g. moving risk moments). */
export type SettingsChangeHook = (em: EntityManager, before: AppSettings, after: AppSettings) => Promise<void>

export class SettingsService {
  private current: AppSettings = { ...DEFAULT_SETTINGS }
  private readonly hooks: SettingsChangeHook[] = []

  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
  ) {}

  async load(): Promise<void> {
    const rows = await repo(this.store.read, 'setting').find()
    const stored: Record<string, unknown> = {}
    for (const row of rows) {
      if ((SETTING_KEYS as string[]).includes(row.key)) stored[row.key] = JSON.parse(row.value)
    }
    const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored })
    // A stored value that no longer fits the schema falls back to the defaults rather than stopping the app.
    this.current = parsed.success ? parsed.data : { ...DEFAULT_SETTINGS }
  }

  onChange(hook: SettingsChangeHook): void {
    this.hooks.push(hook)
  }

  get(): AppSettings {
    return this.current
  }

  async update(changes: Partial<AppSettings>, ctx: CallContext): Promise<AppSettings> {
    const user = actor(ctx)
    const next = { ...this.current, ...changes }
    for (const range of next.budgetRanges) {
      if (range.maxFen !== null && range.maxFen <= range.minFen) {
        throw AppError.field('budgetRanges', `预算档「${range.label}」的上限必须大于下限`)
      }
    }
    if (next.assessmentLeadersMaxFen < next.assessmentLeadersMinFen) {
      throw AppError.field('assessmentLeadersMaxFen', '投诉到公司领导考核金额上限不能小于下限')
    }
    const before = this.current
    await this.store.write(async (em) => {
      const settings = repo(em, 'setting')
      for (const key of Object.keys(changes) as (keyof AppSettings)[]) {
        await settings.save({ key, value: JSON.stringify(next[key]), updatedBy: user.id })
      }
      for (const hook of this.hooks) await hook(em, before, next)
    })
    this.current = next
    this.events.emit({ type: 'dataChanged', area: 'settings' })
    return next
  }
}
