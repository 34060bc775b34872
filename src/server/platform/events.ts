import type { Tx } from "./db/index.ts";

/**
 * Domain events inside a transaction. A lower module publishes what happened
 * (a ticket was created, changed, is about to be archived); higher modules
 * subscribe (auto-dispatch, follow-ups, upstream callbacks) without the lower
 * module importing them, so dependencies run one way. Handlers run in order, in
 * the publisher's transaction: a handler that throws rolls the change back, which
 * is how a subscriber can veto (e.g. no archiving while a follow-up is open).
 */
export type EventHandler<P> = (tx: Tx, payload: P) => Promise<void>;

export type EventBus<Events extends Record<string, unknown>> = {
  /**
   * Registers `handler` for `type` under a name; registering the same name again
   * replaces it, so wiring the modules twice (app and tests) is harmless.
   */
  subscribe<K extends keyof Events & string>(type: K, name: string, handler: EventHandler<Events[K]>): void;
  publish<K extends keyof Events & string>(tx: Tx, type: K, payload: Events[K]): Promise<void>;
  /** The handler names registered for `type`, in the order they run. */
  subscribers<K extends keyof Events & string>(type: K): string[];
};

export function createEventBus<Events extends Record<string, unknown>>(): EventBus<Events> {
  const handlers = new Map<string, Map<string, EventHandler<never>>>();
  return {
    subscribe(type, name, handler) {
      let forType = handlers.get(type);
      if (!forType) handlers.set(type, (forType = new Map()));
      forType.set(name, handler as EventHandler<never>);
    },
    async publish(tx, type, payload) {
      for (const handler of handlers.get(type)?.values() ?? []) await (handler as EventHandler<typeof payload>)(tx, payload);
    },
    subscribers: (type) => [...(handlers.get(type)?.keys() ?? [])],
  };
}
