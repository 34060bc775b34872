import { describe, expect, it } from "vitest";
import { handlingUnitName, UNIT_KIND_OF } from "./handling-unit.ts";
import { DISPATCH_ROUTES } from "../dispatch/dispatch-rules.ts";
import { SERVICE_TYPES } from "./service-catalogue.ts";

describe("the name of a handling unit", () => {
  it.each([
    ["legal_aid", { name: "青川区", level: "county" }, "青川区法律援助中心"],
    ["mediation", { name: "东关街道", level: "township" }, "东关街道人民调解委员会"],
    ["consultation", { name: "青川区", level: "county" }, "青川区公共法律服务中心"],
    ["notarization", { name: "云岭市", level: "city" }, "云岭市公共法律服务大厅"],
    ["lawyer_referral", { name: "西坪村", level: "village" }, "西坪村公共法律服务工作室"],
  ] as const)("%s at %j is %s", (serviceType, region, name) => {
    expect(handlingUnitName(serviceType, region)).toBe(name);
  });

  it("is the body dispatch routes each service to", () => {
    for (const type of SERVICE_TYPES) expect(DISPATCH_ROUTES[type].unitKind).toBe(UNIT_KIND_OF[type]);
  });

  it("falls back to the region's name for a service it does not know", () => {
    expect(handlingUnitName("retired_service", { name: "青川区", level: "county" })).toBe("青川区");
  });
});
