/** Errors that cross the API boundary: a stable code, a zh-CN message, and per-field messages. */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'COLLISION'
  | 'LOCKED'
  | 'SETUP_REQUIRED'
  | 'UNKNOWN_METHOD'
  | 'PAYLOAD_TOO_LARGE'
  | 'BAD_REQUEST'
  | 'INTERNAL'

export interface AppErrorShape {
  code: ErrorCode
  message: string
  /** field path ("phone", "phones.1") → zh-CN message naming the field */
  fields?: Record<string, string>
}

export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode
  readonly fields?: Record<string, string>

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    if (fields && Object.keys(fields).length > 0) this.fields = fields
  }

  toShape(): AppErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message }
  }

  static fromShape(shape: AppErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.fields)
  }

  /** One invalid field, for rules the schema cannot express (they need the database or settings). */
  static field(field: string, message: string): AppError {
    return new AppError('VALIDATION', message, { [field]: message })
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorShape).code === 'string' &&
    typeof (value as AppErrorShape).message === 'string'
  )
}

/** HTTP status for an error code; 5xx only for real faults. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401
    case 'FORBIDDEN':
      return 403
    case 'NOT_FOUND':
    case 'UNKNOWN_METHOD':
      return 404
    case 'CONFLICT':
    case 'COLLISION':
      return 409
    case 'PAYLOAD_TOO_LARGE':
      return 413
    case 'LOCKED':
      return 423
    case 'INTERNAL':
      return 500
    default:
      return 400
  }
}
