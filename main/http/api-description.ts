import { z } from 'zod'
import { API_METHODS } from '../contract/app-api'

export interface MethodDescription {
  name: string
  permission: string
  public: boolean
  audit: string | null
  input: unknown
}

/** `GET /api/methods`: the API describes itself from the same registry the dispatcher uses. */
export function describeApi(): MethodDescription[] {
  return API_METHODS.map((m) => ({
    name: m.name,
    permission: m.def.permission,
    public: m.def.permission === 'public',
    audit: m.def.audit ?? null,
    input: z.toJSONSchema(m.def.input, { io: 'input', unrepresentable: 'any' }),
  }))
}
