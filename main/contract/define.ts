import type { z } from 'zod'
import type { Permission } from './roles'

/** What the dispatcher records in the audit log after a successful call. */
export type AuditKind = 'view' | 'change' | 'export'

export interface MethodDef<I extends z.ZodType = z.ZodType, R = unknown> {
  readonly input: I
  /** 'public' methods need no session (login, first-start setup). */
  readonly permission: Permission | 'public'
  readonly audit?: AuditKind
  /** Never set: carries the result type for the client and the handlers. */
  readonly resultType?: R
}

/** Declares one API method: `defineMethod<Result>()({ input, permission })`. */
export function defineMethod<R>() {
  return <I extends z.ZodType>(spec: { input: I; permission: Permission | 'public'; audit?: AuditKind }): MethodDef<I, R> =>
    spec
}

export type AreaContract = Record<string, MethodDef>
export type Contract = Record<string, AreaContract>

/** When every field is optional the argument may be left out: `api.auth.status()`. */
type ArgsOf<I extends z.ZodType> = Record<never, never> extends z.input<I> ? [input?: z.input<I>] : [input: z.input<I>]

/** The typed client a renderer, test or tool calls: `api.customers.search({ q })`. */
export type ClientOf<C extends Contract> = {
  [A in keyof C]: {
    [M in keyof C[A]]: C[A][M] extends MethodDef<infer I, infer R> ? (...args: ArgsOf<I>) => Promise<R> : never
  }
}

/** The services' side: each handler gets the parsed input and the caller. */
export type HandlersOf<C extends Contract, Ctx> = {
  [A in keyof C]: {
    [M in keyof C[A]]: C[A][M] extends MethodDef<infer I, infer R> ? (input: z.output<I>, ctx: Ctx) => Promise<R> : never
  }
}

export type ResultOf<D> = D extends MethodDef<z.ZodType, infer R> ? R : never
