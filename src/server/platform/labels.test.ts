import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { zhLabel, zhLabels } from "./labels.ts";
import { DISPUTE_CATEGORIES, SERVICE_TYPES } from "../modules/services/service-catalogue.ts";
import { SERVICE_TYPE_LABELS } from "../modules/services/service-labels.ts";
import { CHANNELS } from "../modules/tickets/ticket-rules.ts";
import { TICKET_STATUSES } from "../modules/tickets/tickets.state.ts";
import { CHANNEL_LABELS, STATUS_LABELS, SERVICE_TYPE_LABELS as EXPORT_SERVICE_LABELS } from "../modules/oversight/export-labels.ts";
import { renderNotification } from "../modules/notifications/notification-texts.ts";
import { DISPATCH_ROUTES } from "../modules/dispatch/dispatch-rules.ts";

const webZh = JSON.parse(readFileSync(new URL("../../web/locales/zh-CN.json", import.meta.url), "utf8"));
const webEn = JSON.parse(readFileSync(new URL("../../web/locales/en.json", import.meta.url), "utf8"));

describe("one source for every label (the web app's zh-CN translation)", () => {
  it("names every dispute category in both languages: the stored Chinese name, and English for the English workbench", () => {
    expect(Object.keys(webZh.categories)).toEqual([...DISPUTE_CATEGORIES]);
    for (const category of DISPUTE_CATEGORIES) {
      expect(zhLabel(`categories.${category}`)).toBe(category);
      expect(webEn.categories[category]).toMatch(/^[A-Z][a-z ]+$/);
    }
  });

  it("has a Chinese label for every service type, channel and status", () => {
    for (const type of SERVICE_TYPES) expect(SERVICE_TYPE_LABELS[type]).toBe(webZh.services[type]);
    for (const channel of CHANNELS) expect(CHANNEL_LABELS[channel]).toBe(webZh.tickets.channels[channel]);
    for (const status of TICKET_STATUSES) expect(STATUS_LABELS[status]).toBe(webZh.tickets.statuses[status]);
    expect(EXPORT_SERVICE_LABELS).toBe(SERVICE_TYPE_LABELS);
  });

  it("the export, the SMS and the dispatch reason call lawyer_referral what the screen calls it", () => {
    const label = webZh.services.lawyer_referral;
    expect(EXPORT_SERVICE_LABELS.lawyer_referral).toBe(label);
    expect(renderNotification("ticket_received", { number: "N-1", serviceType: "lawyer_referral" })).toContain(label);
    expect(DISPATCH_ROUTES.lawyer_referral.clause("青川区", "合同")).toContain(label);
  });

  it("reads nested paths and falls back to the key's last segment", () => {
    expect(zhLabel("services.legal_aid")).toBe("法律援助");
    expect(zhLabel("services.no_such_thing")).toBe("no_such_thing");
    expect(zhLabels("no.such.path")).toEqual({});
  });
});
