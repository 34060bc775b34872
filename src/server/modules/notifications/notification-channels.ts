/**
 * Senders of outbox messages, one per channel. Sending happens after the
 * ticket's transaction has committed; a failure is retried by the outbox and
 * never touches the ticket.
 *
 * Delivery is at least once. Every send has a deadline (SANTAI_GATEWAY_TIMEOUT_MS);
 * a send that misses it counts as a failed attempt and is tried again later,
 * although the gateway may have delivered it after all. A citizen told twice that
 * their application was rejected is better served than one never told; and the
 * message id goes with every send as an idempotency key, so a gateway that
 * honours one delivers a retried message once.
 */
export type NotificationMessage = {
  /** The outbox row's id: the same on every attempt, hence the idempotency key. */
  id: string;
  channel: string;
  /** The applicant's number, decrypted for the send only; never log it. */
  to: string;
  template: string;
  text: string;
};

export type SendOptions = {
  /** Aborted when the send's deadline passes: stop, the attempt has failed. */
  signal: AbortSignal;
};

export type NotificationChannel = {
  /** What `notifications.delivered_via` records for a successful send. */
  readonly deliveredVia: string;
  send(message: NotificationMessage, options: SendOptions): Promise<void>;
};

export type ChannelName = "sms" | "wechat" | "in_app" | "dev";
export type NotificationChannels = Record<ChannelName, NotificationChannel>;

/**
 * The development channel: the outbox row itself, marked sent, is the delivery.
 * Admins read it in the UI (GET /api/notifications), text rendered from the template.
 */
export const devChannel: NotificationChannel = {
  deliveredVia: "dev",
  async send() {
    // Nothing leaves the process: marking the row sent is the whole delivery.
  },
};

/**
 * A real gateway: takes the number and the text, resolves once the provider has
 * accepted the message. `idempotencyKey` is the message id, the same on every
 * retry: pass it to a provider that deduplicates (as its request or business id).
 * `signal` is aborted at the send's deadline.
 */
export type Gateway = (to: string, text: string, options: { idempotencyKey: string; signal: AbortSignal }) => Promise<void>;

/**
 * SMS. There is no SMS gateway in this deployment: unless one is configured, the
 * message goes to the dev record like devChannel, and `delivered_via` says 'dev'
 * so nobody mistakes it for a message the citizen got.
 */
export function smsChannel(gateway?: Gateway): NotificationChannel {
  if (!gateway) return { ...devChannel };
  return { deliveredVia: "sms", send: (m, { signal }) => gateway(m.to, m.text, { idempotencyKey: m.id, signal }) };
}

/**
 * WeChat template messages. Same placeholder as SMS: without a configured
 * official-account gateway the message goes to the dev record.
 */
export function wechatChannel(gateway?: Gateway): NotificationChannel {
  if (!gateway) return { ...devChannel };
  return { deliveredVia: "wechat", send: (m, { signal }) => gateway(m.to, m.text, { idempotencyKey: m.id, signal }) };
}

/** The senders used when nothing else is configured: everything lands in the dev record. */
export function defaultChannels(overrides: Partial<NotificationChannels> = {}): NotificationChannels {
  return { sms: smsChannel(), wechat: wechatChannel(), in_app: devChannel, dev: devChannel, ...overrides };
}

/** How long a gateway may take to accept a message, unless SANTAI_GATEWAY_TIMEOUT_MS says otherwise. */
export const DEFAULT_GATEWAY_TIMEOUT_MS = 10_000;

/**
 * Sends through `channel` with a deadline: after `timeoutMs` the channel's signal
 * is aborted and the send fails, whether or not the gateway heeds the signal, so
 * a gateway that never answers cannot hold the sender (or its claims) up.
 */
export async function sendWithin(channel: NotificationChannel, message: NotificationMessage, timeoutMs: number): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`timeout: the ${channel.deliveredVia} gateway did not answer within ${timeoutMs} ms`);
      error.name = "TimeoutError";
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([channel.send(message, { signal: controller.signal }), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
