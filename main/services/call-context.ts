import type { SessionUser } from '../contract/auth.contract'
import { AppError } from '../contract/errors'

/** Who is calling: set by the dispatcher before any handler runs. */
export interface CallContext {
  user: SessionUser | null
  /** the caller's session token, so that logout can end it */
  token: string | null
}

/** The caller of a method that requires a session (the dispatcher has already checked it). */
export function actor(ctx: CallContext): SessionUser {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', '请先登录')
  return ctx.user
}
