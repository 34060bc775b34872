/**
 * `santai rotate-data-key`: a new current personal-data key, everything sealed
 * re-sealed under it, the old key retired (docs/keys.md, "Rotation"). At the
 * composition root because it touches the sealed data of several modules, each
 * through its own reseal command.
 */
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/index.ts";
import { buildKeyring, forgetLegacyKey, generateKey, keyIdOf, openKeyring, readKeyFile, readLegacyKey, writeKeyFile, type KeySettings } from "./platform/keys.ts";
import { createProtector, type ResealReport } from "./platform/personal/protect.ts";
import { resealTicketData } from "./modules/tickets/commands/reseal-ticket-data.ts";
import { resealNotifications } from "./modules/notifications/commands/reseal-notifications.ts";
import { resealUpstreamSecrets } from "./modules/upstream/commands/reseal-upstream-secrets.ts";
import { resealCitizens } from "./modules/citizens/commands/reseal-citizens.ts";
import { resealAppointmentContacts } from "./modules/appointments/commands/reseal-appointment-contacts.ts";
import { resealAttachments, type AttachmentResealReport } from "./modules/attachments/commands/reseal-attachments.ts";
import { attachmentRoot, diskAttachmentStore } from "./modules/attachments/attachment-store.ts";
import { resealArticleCovers, type CoverResealReport } from "./modules/content/commands/reseal-article-covers.ts";
import { resealHotlineData } from "./modules/hotline/commands/reseal-hotline-data.ts";

export type RotationOptions = {
  /** Make a new current key first (the key file's; a key from SANTAI_DATA_KEY is the operator's to change). */
  isNewKey: boolean;
  /** After a complete run, drop the retired keys from the key file (backups sealed under them can no longer be read). */
  isForgettingRetired: boolean;
  log?: (message: string) => void;
};

export type RotationReport = {
  keyId: string;
  /** The data keys other than the current one that the run started with. */
  retiredKeyIds: string[];
  isNewKey: boolean;
  tickets: ResealReport;
  notifications: ResealReport;
  upstreamClients: ResealReport;
  citizens: ResealReport;
  /** 预约: the bookings' contact names and phones. */
  appointments: ResealReport;
  attachments: AttachmentResealReport;
  /** Article covers (modules/content) live in the same store, sealed the same way. */
  articleCovers: CoverResealReport;
  /** 12348 热线: the phone systems' secrets, the callers' numbers in call records and events. */
  hotline: ResealReport;
  /** Everything opened and re-sealed: the retired keys are needed only for backups from before. */
  isComplete: boolean;
  /** Retired keys dropped from the key file. */
  forgottenKeyIds: string[];
};

/**
 * Rotates the data key. Restartable: each record is re-sealed in its own short
 * transaction (files replaced whole), values already under the current key are
 * skipped, and an interrupted rotation is continued, not begun again (the key
 * file says so). Nothing is retired or forgotten while a value cannot be opened.
 */
export async function rotateDataKey(database: Database, settings: KeySettings, config: Pick<Config, "dataDir">, options: RotationOptions): Promise<RotationReport> {
  const log = options.log ?? (() => undefined);
  let keys = await openKeyring(settings, database, config.dataDir);
  let isNewKey = false;
  if (options.isNewKey && !settings.env.data && settings.file) {
    const file = readKeyFile(settings.file) ?? {};
    if (file.rotation) {
      log(`Continuing the rotation to key ${file.rotation.to} begun ${file.rotation.startedAt}.`);
    } else {
      const next = generateKey();
      const data = file.data ?? { retired: [] };
      const retired = [data.current, ...data.retired].filter((k): k is string => Boolean(k));
      writeKeyFile(settings.file, { ...file, data: { current: next.key.toString("base64"), retired }, rotation: { to: next.id, startedAt: new Date().toISOString() } });
      isNewKey = true;
      log(`New data key ${next.id}; ${keys.data.id} is retired (it still opens older values and backups).`);
    }
    keys = buildKeyring(settings, readKeyFile(settings.file), await readLegacyKey(database));
  }
  const protector = createProtector(keys);
  const retiredKeyIds = keys.dataKeys.filter((k) => k.id !== keys.data.id).map((k) => k.id);

  const tickets = await resealTicketData(database.db, protector);
  const notifications = await resealNotifications(database.db, protector);
  const upstreamClients = await resealUpstreamSecrets(database.db, protector);
  const citizens = await resealCitizens(database.db, protector);
  const appointments = await resealAppointmentContacts(database.db, protector);
  const store = diskAttachmentStore(attachmentRoot(config), protector);
  const attachments = await resealAttachments(database.db, store, log);
  const articleCovers = await resealArticleCovers(database.db, store, log);
  const hotline = await resealHotlineData(database.db, protector);
  const isComplete = [tickets, notifications, upstreamClients, citizens, appointments, attachments, articleCovers, hotline].every((r) => r.unreadable === 0);

  const forgottenKeyIds: string[] = [];
  if (isComplete) {
    // Nothing needs the key an earlier version kept in the database any more.
    await forgetLegacyKey(database);
    if (settings.file) {
      const file = readKeyFile(settings.file);
      if (file) {
        const { rotation: _done, ...rest } = file;
        let next = rest;
        if (options.isForgettingRetired && file.data) {
          // With SANTAI_DATA_KEY set, the file's own current key is retired too.
          const dropped = [settings.env.data ? file.data.current : undefined, ...file.data.retired].filter((k): k is string => Boolean(k));
          forgottenKeyIds.push(...dropped.map((k) => keyIdOf(Buffer.from(k, "base64"))).filter((id) => id !== keys.data.id));
          next = { ...rest, data: settings.env.data ? undefined : { current: file.data.current, retired: [] } };
        }
        if (file.rotation || next !== rest) writeKeyFile(settings.file, next);
      }
    }
  }
  return { keyId: keys.data.id, retiredKeyIds, isNewKey, tickets, notifications, upstreamClients, citizens, appointments, attachments, articleCovers, hotline, isComplete, forgottenKeyIds };
}

/** The report as the CLI prints it. */
export function describeRotation(report: RotationReport, settings: KeySettings): string[] {
  const line = (name: string, r: ResealReport & { missing?: number }) =>
    `${name}: ${r.resealed} re-sealed, ${r.current} already under ${report.keyId}, ${r.unreadable} unreadable${r.missing !== undefined ? `, ${r.missing} file(s) missing` : ""}`;
  const lines = [
    line("tickets", report.tickets),
    line("notifications", report.notifications),
    line("upstream clients", report.upstreamClients),
    line("citizens", report.citizens),
    line("appointments", report.appointments),
    line("attachments", report.attachments),
    line("article covers", report.articleCovers),
    line("hotline", report.hotline),
  ];
  if (!report.isComplete) {
    lines.push(
      "Some values open with no key this server has: nothing was retired or forgotten. Add the missing key (SANTAI_DATA_KEYS_RETIRED) and run `santai rotate-data-key --no-new-key` again.",
    );
    return lines;
  }
  lines.push(`Everything is sealed under key ${report.keyId}.`);
  if (report.forgottenKeyIds.length > 0) lines.push(`Forgot the retired key(s) ${report.forgottenKeyIds.join(", ")}: backups sealed under them can no longer be read here.`);
  else if (report.retiredKeyIds.length > 0) lines.push(`Retired key(s) ${report.retiredKeyIds.join(", ")} are kept to read older backups (--forget-retired drops them from the key file).`);
  if (settings.env.data) {
    lines.push(
      settings.env.retired.length > 0
        ? `The current key comes from SANTAI_DATA_KEY; the keys in SANTAI_DATA_KEYS_RETIRED are needed only to read backups from before this run.`
        : `The current key comes from SANTAI_DATA_KEY. To rotate it: set SANTAI_DATA_KEY to a new key (\`openssl rand -base64 32\`), move the old one to SANTAI_DATA_KEYS_RETIRED, and run this again.`,
    );
  }
  return lines;
}
