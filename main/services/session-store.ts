import { createHash, randomBytes } from 'node:crypto'
import type { SessionUser } from '../contract/auth.contract'

interface SessionEntry {
  user: SessionUser
  lastSeen: number
}

/**
 * Sessions live in the core's memory: each seat runs its own core, and a restart asks for a
 * new login. Tokens are kept only as hashes, so a heap dump does not hand out sessions.
 */
export class SessionStore {
  private readonly sessions = new Map<string, SessionEntry>()

  /** told of every user whose session is used: the staffing plan counts who was logged in */
  onSeen: (user: SessionUser) => void = () => undefined

  constructor(private readonly now: () => Date) {}

  create(user: SessionUser): string {
    const token = randomBytes(32).toString('base64url')
    this.sessions.set(digest(token), { user, lastSeen: this.now().getTime() })
    this.onSeen(user)
    return token
  }

  /** The users of every session still within the idle limit. */
  liveUsers(idleMinutes: number): SessionUser[] {
    const since = this.now().getTime() - idleMinutes * 60_000
    return [...this.sessions.values()].filter((e) => e.lastSeen >= since).map((e) => e.user)
  }

  /** The session's user, or null when unknown or idle longer than allowed. */
  touch(token: string, idleMinutes: number): SessionUser | null {
    const key = digest(token)
    const entry = this.sessions.get(key)
    if (!entry) return null
    const now = this.now().getTime()
    if (now - entry.lastSeen > idleMinutes * 60_000) {
      this.sessions.delete(key)
      return null
    }
    entry.lastSeen = now
    this.onSeen(entry.user)
    return entry.user
  }

  end(token: string): void {
    this.sessions.delete(digest(token))
  }

  /** Deactivation, a role change or a new password ends the account's sessions (but the one that asked, if given). */
  endAllFor(accountId: number, exceptToken?: string | null): void {
    const kept = exceptToken ? digest(exceptToken) : null
    for (const [key, entry] of this.sessions) if (entry.user.id === accountId && key !== kept) this.sessions.delete(key)
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}
