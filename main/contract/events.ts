/** What the core pushes to every open screen (IPC in Electron, server-sent events in browser mode). */
export type AppEvent = { type: 'dataChanged'; area: string; id?: number }

export type EventHandler = (event: AppEvent) => void
