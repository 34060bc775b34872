import type { Tx } from "../platform/db/index.ts";
import { systemActor, type Role } from "../policies/actor.ts";
import { hashPassword } from "../platform/auth/password.ts";
import { getRegion } from "../modules/regions/queries/find-regions.ts";
import { createAccountsWithHash } from "../modules/accounts/commands/manage-account.ts";
import { importRegions } from "../modules/regions/commands/import-regions.ts";
import { createVenue } from "../modules/venues/commands/save-venue.ts";
import { recordAudit } from "../modules/audit/record-audit.ts";
import { seedDemoArticles } from "./demo-articles.ts";
import { seedDemoKnowledge } from "./demo-knowledge.ts";
import { loadStaffActor } from "../modules/accounts/queries/load-staff-actor.ts";
import { saveMyProfile } from "../modules/directory/commands/save-my-profile.ts";
import { createProvider } from "../modules/directory/commands/save-provider.ts";
import type { CreateProviderInput, SaveMyProfileInput } from "../modules/directory/directory.types.ts";
import { createSlots } from "../modules/appointments/commands/create-slots.ts";
import { addDays, beijingDate } from "../modules/calendar/working-calendar.ts";
import { addStandard } from "../modules/legal-aid/commands/add-standard.ts";
import { saveCommittee } from "../modules/mediation/commands/save-committee.ts";
import { reportScreening } from "../modules/mediation/commands/report-screening.ts";
import type { SaveCommitteeInput } from "../modules/mediation/mediation.types.ts";
import { createShift } from "../modules/hotline/commands/save-shift.ts";
import { copyRosterWeek } from "../modules/hotline/commands/plan-roster.ts";
import { mondayOf } from "../modules/hotline/hotline-roster.rules.ts";

export const DEMO_PASSWORD = "santai-demo";
export const DEMO_CITY_CODE = "990100";

/**
 * A fictional city, 云岭市 in 演示省 (all codes start with 99, which GB/T 2260 does
 * not use), with two counties, four townships and twelve villages.
 */
export const DEMO_REGIONS: [code: string, name: string, parentCode: string, level: string][] = [
  ["990000", "演示省", "", "province"],
  ["990100", "云岭市", "990000", "city"],
  ["990102", "青川区", "990100", "county"],
  ["990103", "石桥县", "990100", "county"],
  ["990102001", "东关街道", "990102", "township"],
  ["990102002", "西坪镇", "990102", "township"],
  ["990103001", "柳河镇", "990103", "township"],
  ["990103002", "白岩乡", "990103", "township"],
  ["990102001001", "东关社区", "990102001", "village"],
  ["990102001002", "南门社区", "990102001", "village"],
  ["990102001003", "北街社区", "990102001", "village"],
  ["990102002001", "西坪村", "990102002", "village"],
  ["990102002002", "杏树村", "990102002", "village"],
  ["990102002003", "龙潭村", "990102002", "village"],
  ["990103001001", "柳河村", "990103001", "village"],
  ["990103001002", "上坝村", "990103001", "village"],
  ["990103001003", "下坝村", "990103001", "village"],
  ["990103002001", "白岩村", "990103002", "village"],
  ["990103002002", "松林村", "990103002", "village"],
  ["990103002003", "石门村", "990103002", "village"],
];

/**
 * The demo accounts the README and the tests rely on: username → roles, region,
 * and for handlers the dispute categories and languages the dispatch suggestion weighs.
 */
export const DEMO_ACCOUNTS: { username: string; displayName: string; roles: Role[]; regionCode: string; skills?: string[]; languages?: string[] }[] = [
  // The province admin loads the national holiday arrangement each year (only a root node's admin may).
  { username: "provadmin", displayName: "省级管理员", roles: ["admin"], regionCode: "990000" },
  { username: "admin", displayName: "系统管理员", roles: ["admin"], regionCode: "990100" },
  { username: "leader", displayName: "王局长", roles: ["leader"], regionCode: "990100" },
  { username: "dispatcher", displayName: "李调度", roles: ["dispatcher"], regionCode: "990100" },
  { username: "supervisor", displayName: "赵督办", roles: ["supervisor"], regionCode: "990100" },
  { username: "operator", displayName: "陈话务", roles: ["operator"], regionCode: "990100" },
  { username: "reviewer", displayName: "周审查", roles: ["reviewer"], regionCode: "990102", skills: ["劳动争议", "婚姻家庭", "损害赔偿"] },
  { username: "window", displayName: "孙窗口", roles: ["window"], regionCode: "990102" },
  { username: "lawyer", displayName: "吴律师", roles: ["lawyer"], regionCode: "990102", skills: ["劳动争议", "合同", "借贷"], languages: ["zh"] },
  { username: "mediator", displayName: "郑调解", roles: ["mediator"], regionCode: "990102001", skills: ["邻里", "婚姻家庭", "房屋宅基地"], languages: ["zh", "bo"] },
  { username: "advisor", displayName: "冯顾问", roles: ["advisor"], regionCode: "990103001", skills: ["山林土地", "房屋宅基地"], languages: ["zh", "bo"] },
  // More staff, so that every county has its window, lawyers, mediators and reviewers (same password).
  { username: "window2", displayName: "钱窗口", roles: ["window"], regionCode: "990103" },
  { username: "lawyer2", displayName: "郭律师", roles: ["lawyer"], regionCode: "990103", skills: ["婚姻家庭", "交通事故", "损害赔偿"], languages: ["zh", "bo"] },
  { username: "reviewer2", displayName: "卓玛", roles: ["reviewer"], regionCode: "990103", skills: ["劳动争议", "婚姻家庭"], languages: ["zh", "bo"] },
  { username: "mediator2", displayName: "何调解", roles: ["mediator"], regionCode: "990103002", skills: ["邻里", "山林土地"], languages: ["zh", "bo"] },
  { username: "mediator3", displayName: "林调解", roles: ["mediator"], regionCode: "990102002", skills: ["邻里", "损害赔偿", "婚姻家庭"], languages: ["zh"] },
  { username: "advisor2", displayName: "蒋顾问", roles: ["advisor"], regionCode: "990102002", skills: ["合同", "借贷"], languages: ["zh"] },
  // The mediator of 青川区's labour dispute committee (an industry committee is the county's: its mediators sit there).
  { username: "mediator4", displayName: "许调解", roles: ["mediator"], regionCode: "990102", skills: ["劳动争议"], languages: ["zh"] },
];

/**
 * 演示省's legal aid hardship standard (法律援助法 第三十四条). A demo value, not any
 * province's: twice a made-up 低保 line of 900 yuan, the form several provinces use
 * (a multiple of the local minimum living standard); and one matter of the province's
 * own (第三十一条第（九）项) so the form shows how added matters appear.
 */
export const DEMO_LEGAL_AID_STANDARD = {
  provinceCode: "990000",
  effectiveFrom: "2025-01-01",
  incomeLinePerMember: 1800,
  extraMatters: [{ key: "rural_land_contract", label: "农村土地承包经营纠纷", isHardshipRequired: true }],
  basis: "演示数据：按演示省城乡最低生活保障标准（演示值 900 元/月）的 2 倍计，并非任何省份的真实标准",
};

export async function hasDemoData(tx: Tx): Promise<boolean> {
  return Boolean(await getRegion(tx, DEMO_CITY_CODE));
}

/** Loads the demo city once; a second call does nothing. Returns whether it loaded. */
export async function seedDemo(tx: Tx, now: Date): Promise<boolean> {
  if (await hasDemoData(tx)) return false;
  const actor = systemActor("seed");
  const csv = DEMO_REGIONS.map((row) => row.join(",")).join("\n");
  await importRegions(tx, actor, csv, now);

  // Same password for every demo account, so one hash serves them all.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created = await createAccountsWithHash(tx, actor, DEMO_ACCOUNTS, passwordHash, now);
  const idOf = (username: string) => created.get(username)!;
  await recordAudit(tx, { actor, action: "demo.seed", entityType: "platform", at: now, detail: { accounts: created.size } });

  const windows = {
    full: [
      { name: "综合接待窗口", services: ["consultation", "lawyer_referral", "notarization", "forensic_appraisal", "arbitration", "complaint", "suggestion"] },
      { name: "法律援助窗口", services: ["legal_aid"] },
      { name: "人民调解窗口", services: ["mediation"] },
      { name: "行政复议窗口", services: ["administrative_reconsideration"] },
    ],
    station: [
      { name: "综合服务窗口", services: ["consultation", "legal_aid", "mediation"] },
    ],
  } as const;
  const equipment = (video: boolean) => ({ hasTouchKiosk: true, hasDisplayScreen: true, hasRemoteVideo: video });
  const venues = [
    { name: "云岭市公共法律服务大厅", level: "hall", regionCode: "990100", address: "云岭市人民路 1 号（临街一层）", phone: "0999-6612348", floorArea: 650, isStreetFacingGroundFloor: true, windows: windows.full, equipment: equipment(true), posts: [{ post: "reception", accountIds: [idOf("operator")] }] },
    { name: "青川区公共法律服务中心", level: "center", regionCode: "990102", address: "青川区政务服务中心一层", phone: "0999-2234567", floorArea: 240, isStreetFacingGroundFloor: true, windows: windows.full, equipment: equipment(true), posts: [{ post: "reception", accountIds: [idOf("window")] }, { post: "consultation", accountIds: [idOf("lawyer")] }, { post: "legal_aid", accountIds: [idOf("reviewer")] }] },
    { name: "石桥县公共法律服务中心", level: "center", regionCode: "990103", address: "石桥县城关大道 18 号", phone: "0999-3345678", floorArea: 210, isStreetFacingGroundFloor: true, windows: windows.full, equipment: equipment(true), posts: [] },
    { name: "东关街道公共法律服务工作站", level: "station", regionCode: "990102001", address: "东关街道司法所一层", phone: "0999-2238001", floorArea: 60, isStreetFacingGroundFloor: true, windows: windows.station, equipment: equipment(true), posts: [{ post: "mediation", accountIds: [idOf("mediator")] }] },
    { name: "西坪镇公共法律服务工作站", level: "station", regionCode: "990102002", address: "西坪镇综治中心", phone: "0999-2238002", floorArea: 55, isStreetFacingGroundFloor: true, windows: windows.station, equipment: equipment(false), posts: [] },
    { name: "柳河镇公共法律服务工作站", level: "station", regionCode: "990103001", address: "柳河镇司法所", phone: "0999-3348001", floorArea: 52, isStreetFacingGroundFloor: false, windows: windows.station, equipment: equipment(true), posts: [] },
    { name: "白岩乡公共法律服务工作站", level: "station", regionCode: "990103002", address: "白岩乡政府院内", phone: "0999-3348002", floorArea: 50, isStreetFacingGroundFloor: true, windows: windows.station, equipment: equipment(false), posts: [] },
    ...DEMO_REGIONS.filter(([, , , level]) => level === "village").map(([code, name]) => ({
      name: `${name}公共法律服务工作室`,
      level: "room",
      regionCode: code,
      address: `${name}村（居）委会`,
      phone: "",
      floorArea: 24,
      isStreetFacingGroundFloor: false,
      windows: [{ name: "法律顾问接待", services: ["consultation", "mediation"] }],
      equipment: { hasTouchKiosk: true, hasDisplayScreen: false, hasRemoteVideo: true },
      posts: code.startsWith("990103001") ? [{ post: "consultation", accountIds: [idOf("advisor")] }] : [],
    })),
  ] as const;
  const venueIds = new Map<string, string>();
  for (const venue of venues) {
    venueIds.set(venue.regionCode, await createVenue(tx, actor, { openingHours: "周一至周五 9:00-17:00", ...structuredClone(venue) } as Parameters<typeof createVenue>[2], now));
  }
  await seedDemoArticles(tx, { admin: idOf("admin"), leader: idOf("leader") }, now);
  await seedDemoKnowledge(tx, idOf, now);
  await seedDemoDirectory(tx, idOf, venueIds, now);
  await seedAppointmentSlots(tx, [venueIds.get("990102")!, venueIds.get("990103")!], now);
  await addStandard(tx, actor, (await getRegion(tx, "990000"))!, DEMO_LEGAL_AID_STANDARD, now);
  await seedDemoMediation(tx, idOf, now);
  await seedDemoRoster(tx, idOf, venueIds, now);
  return true;
}

/**
 * The duty roster of the demo (docs/hotline-roster.md): 吴律师 at 青川区's center and 郭律师 at
 * 石桥县's on call around the clock (whole-day shifts, every day), from nine weeks back (the demo
 * history's 60 days) to the end of next week — one week entered shift by shift, then copied, as a
 * supervisor would. Dispatch counts them on duty whenever the demo is tried, as the old per-account
 * default did, so consultations still go to them.
 */
async function seedDemoRoster(tx: Tx, idOf: (username: string) => string, venueIds: Map<string, string>, now: Date): Promise<void> {
  const actor = systemActor("seed");
  const first = addDays(mondayOf(beijingDate(now)), -63);
  for (let day = 0; day < 7; day += 1) {
    const date = addDays(first, day);
    for (const [username, regionCode] of [["lawyer", "990102"], ["lawyer2", "990103"]] as const) {
      await createShift(tx, actor, { accountId: idOf(username), role: "duty_lawyer", venueId: venueIds.get(regionCode)!, startsAt: `${date}T00:00:00+08:00`, endsAt: `${addDays(date, 1)}T00:00:00+08:00` }, now);
    }
  }
  await copyRosterWeek(tx, actor, { regionCode: "990100", weekOf: first, weeks: 10 }, now);
}

/**
 * 人民调解 in the demo: a committee in every village (Art. 8) and township (Art. 34) and one
 * industry committee at 青川区 for labour disputes. A committee has no member list: its
 * mediators are the mediator accounts of its region (a village committee calls on its
 * township's), so 郑调解 (东关街道) takes the cases before 东关街道's and its three
 * communities' committees, 林调解 西坪镇's, 何调解 白岩乡's, 许调解 (青川区) the labour
 * committee's; 柳河镇 has no mediator account yet. 东关社区 has reported this month's screening.
 */
async function seedDemoMediation(tx: Tx, idOf: (username: string) => string, now: Date): Promise<void> {
  const actor = systemActor("seed");
  const committees: SaveCommitteeInput[] = [
    ...DEMO_REGIONS.filter(([, , , level]) => level === "village" || level === "township").map(([code, name, , level]) => ({
      name: `${name}人民调解委员会`,
      kind: level as "village" | "township",
      regionCode: code,
    })),
    { name: "青川区劳动争议人民调解委员会", kind: "industry", regionCode: "990102", industry: "劳动争议" },
  ];
  for (const committee of committees) await saveCommittee(tx, actor, null, committee, now);
  const mediator = await loadStaffActor(tx, idOf("mediator"), null);
  await reportScreening(tx, mediator!, {
    regionCode: "990102001001",
    isNothingFound: false,
    items: [{ category: "邻里", partiesCount: 2, riskLevel: "medium", summary: "东关社区 3 号楼两户因楼上漏水多次争吵，已上门劝解，拟引导申请调解。" }],
  }, now);
}

/**
 * The public directory of the demo: each person saves their own public profile (as they would
 * in the workbench, through the same command), some listed and some not, each with the details
 * they chose to show; and a few legal service providers added by the seed.
 */
async function seedDemoDirectory(tx: Tx, idOf: (username: string) => string, venueIds: Map<string, string>, now: Date): Promise<void> {
  const base = { officePhone: "", isOfficePhonePublic: false, email: "", isEmailPublic: false, venueId: null, isVenuePublic: false, introduction: "" };
  const profiles: [username: string, profile: SaveMyProfileInput][] = [
    // The browser test makes 吴律师's office phone public: it starts private.
    ["lawyer", { ...base, isListed: true, displayName: "吴律师", role: "lawyer", officePhone: "0999-2234501", venueId: venueIds.get("990102")!, isVenuePublic: true, specialities: ["labour", "contract", "debt"], languages: ["zh"], introduction: "青川区公共法律服务中心值班律师，擅长劳动争议、合同和借贷纠纷。" }],
    ["lawyer2", { ...base, isListed: true, displayName: "郭律师", role: "lawyer", officePhone: "0999-3345601", isOfficePhonePublic: true, email: "guo.lawyer@example.org", isEmailPublic: true, specialities: ["marriage_family", "traffic_accident", "injury_compensation"], languages: ["zh", "bo", "bo_kham"], introduction: "可用藏语提供法律咨询。" }],
    ["mediator", { ...base, isListed: true, displayName: "郑调解", role: "mediator", venueId: venueIds.get("990102001")!, isVenuePublic: true, specialities: ["neighbour", "marriage_family", "land_housing"], languages: ["zh", "bo"] }],
    ["mediator2", { ...base, isListed: true, displayName: "何调解", role: "mediator", officePhone: "0999-3348002", isOfficePhonePublic: true, specialities: ["neighbour", "land_acquisition"], languages: ["zh", "bo", "bo_amdo"] }],
    ["advisor", { ...base, isListed: true, displayName: "冯顾问", role: "advisor", venueId: venueIds.get("990103001")!, isVenuePublic: true, specialities: ["land_housing", "land_acquisition"], languages: ["zh", "bo"], introduction: "柳河镇三个村的法律顾问，每周二、周四到村坐班。" }],
    // Not listed: they keep a profile but have not chosen to appear.
    ["mediator3", { ...base, isListed: false, displayName: "林调解", role: "mediator", officePhone: "0999-2238002", specialities: ["neighbour"], languages: ["zh"] }],
    ["advisor2", { ...base, isListed: false, displayName: "蒋顾问", role: "advisor", specialities: ["contract", "debt"], languages: ["zh"] }],
  ];
  for (const [username, profile] of profiles) {
    const person = await loadStaffActor(tx, idOf(username), null);
    await saveMyProfile(tx, person!, profile, now);
  }
  const actor = systemActor("seed");
  const providers: CreateProviderInput[] = [
    { kind: "law_firm", name: "云岭明德律师事务所", regionCode: "990102", address: "青川区河滨路 8 号", phone: "0999-2256789", openingHours: "周一至周五 9:00-17:30", services: ["consultation", "lawyer_referral", "legal_aid"], licenceNumber: "19901202010000001", description: "承办劳动争议、婚姻家庭、合同纠纷，承接法律援助案件。" },
    { kind: "notary_office", name: "云岭市公证处", regionCode: "990100", address: "云岭市人民路 3 号", phone: "0999-6623456", openingHours: "周一至周五 9:00-17:00", services: ["notarization"], licenceNumber: "19901000000000002", description: "办理继承、委托、声明、学历等公证事项。" },
    { kind: "appraisal_institution", name: "云岭正信司法鉴定所", regionCode: "990100", address: "云岭市建设路 45 号", phone: "0999-6634567", openingHours: "周一至周五 8:30-17:30", services: ["forensic_appraisal"], licenceNumber: "19901000000000003", description: "法医临床、文书、痕迹鉴定。" },
    { kind: "arbitration_commission", name: "云岭仲裁委员会", regionCode: "990100", address: "云岭市政务服务中心四楼", phone: "0999-6645678", openingHours: "周一至周五 9:00-17:00", services: ["arbitration"], licenceNumber: "", description: "受理合同纠纷和其他财产权益纠纷的仲裁申请。" },
    { kind: "legal_aid_center", name: "石桥县法律援助中心", regionCode: "990103", address: "石桥县城关大道 18 号", phone: "0999-3312348", openingHours: "周一至周五 9:00-17:00", services: ["legal_aid", "consultation"], licenceNumber: "", description: "受理本县法律援助申请。" },
    { kind: "grassroots_legal_office", name: "柳河镇法律服务所", regionCode: "990103001", address: "柳河镇司法所二楼", phone: "", openingHours: "周二、周四 9:00-16:00", services: ["consultation", "mediation"], licenceNumber: "", description: "", isListed: false },
  ];
  for (const provider of providers) await createProvider(tx, actor, provider, now);
}

/**
 * 预约: the two county centers open their consultation and legal aid windows for
 * the next two weeks' working days, two morning and two afternoon hours, three
 * citizens an hour — through the same command the workbench uses.
 */
async function seedAppointmentSlots(tx: Tx, venueIds: string[], now: Date): Promise<void> {
  const from = beijingDate(now);
  const blocks = [{ start: "09:00", end: "10:00" }, { start: "10:00", end: "11:00" }, { start: "14:30", end: "15:30" }, { start: "15:30", end: "16:30" }];
  for (const venueId of venueIds) {
    for (const [windowPosition, serviceType] of [[0, "consultation"], [1, "legal_aid"]] as const) {
      await createSlots(tx, systemActor("seed"), { venueId, windowPosition, serviceType, from, to: addDays(from, 13), blocks, capacity: 3 }, now);
    }
  }
}
