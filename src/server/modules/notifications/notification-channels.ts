/**
 * Senders of outbox messages, one per channel. Sending happens after the
 * ticket's transaction has committed; a failure is retried by the outbox and
 * never touches the ticket.
 */
export type NotificationMessage = {
  id: string;
  channel: string;
  /** The applicant's number, decrypted for the send only; never log it. */
  to: string;
  template: string;
  text: string;
};

export type NotificationChannel = {
  /** What `notifications.delivered_via` records for a successful send. */
  readonly deliveredVia: string;
  send(message: NotificationMessage): Promise<void>;
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

/** A real gateway: takes the number and the text, resolves once the provider has accepted the message. */
export type Gateway = (to: string, text: string) => Promise<void>;

/**
 * SMS. There is no SMS gateway in this deployment: unless one is configured, the
 * message goes to the dev record like devChannel, and `delivered_via` says 'dev'
 * so nobody mistakes it for a message the citizen got.
 */
export function smsChannel(gateway?: Gateway): NotificationChannel {
  if (!gateway) return { ...devChannel };
  return { deliveredVia: "sms", send: (m) => gateway(m.to, m.text) };
}

/**
 * WeChat template messages. Same placeholder as SMS: without a configured
 * official-account gateway the message goes to the dev record.
 */
export function wechatChannel(gateway?: Gateway): NotificationChannel {
  if (!gateway) return { ...devChannel };
  return { deliveredVia: "wechat", send: (m) => gateway(m.to, m.text) };
}

/** The senders used when nothing else is configured: everything lands in the dev record. */
export function defaultChannels(overrides: Partial<NotificationChannels> = {}): NotificationChannels {
  return { sms: smsChannel(), wechat: wechatChannel(), in_app: devChannel, dev: devChannel, ...overrides };
}
