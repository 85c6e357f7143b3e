import type { AppEvent, EventHandler } from '../contract/events'

/** The core's one push channel; the IPC and HTTP transports forward it to every open screen. */
export class EventBus {
  private readonly handlers = new Set<EventHandler>()

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler)
    return () => this.handlers.delete(handler)
  }

  emit(event: AppEvent): void {
    for (const handler of this.handlers) {
      try {
        handler(event)
      } catch {
        // one broken subscriber must not stop the others
      }
    }
  }
}
