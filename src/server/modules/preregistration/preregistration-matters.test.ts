import { describe, expect, it } from "vitest";
import { assessAnswers, findMatter, MATTERS, mattersOf, PREREGISTRATION_SERVICES } from "./preregistration-matters.ts";

// Monday 1 June 2026, 10:00 Beijing time (02:00 UTC).
const NOW = new Date("2026-06-01T10:00:00+08:00");
const matter = (service: string, code: string) => {
  const found = findMatter(service, code);
  if (!found) throw new Error(`no matter ${service}/${code}`);
  return found;
};

describe("the guided matters", () => {
  it("covers every service with matters, each with a checklist, notes citing an article, and unique codes", () => {
    for (const service of PREREGISTRATION_SERVICES) expect(mattersOf(service).length).toBeGreaterThan(0);
    for (const m of MATTERS) {
      expect(m.checklist.some((i) => i.isRequired), m.code).toBe(true);
      expect(new Set(m.checklist.map((i) => i.key)).size, m.code).toBe(m.checklist.length);
      for (const note of m.notes) {
        expect(note.lawTitle).toMatch(/^中华人民共和国/);
        expect(note.articleNo).toMatch(/^第[一二三四五六七八九十百]+条$/);
      }
    }
    expect(new Set(MATTERS.map((m) => `${m.service}/${m.code}`)).size).toBe(MATTERS.length);
  });

  it("routes each service to its provider kind, and reconsideration to the service centre", () => {
    expect(matter("notarization", "inheritance").target).toEqual({ kind: "notary_office" });
    expect(matter("forensic_appraisal", "paternity").target).toEqual({ kind: "appraisal_institution" });
    expect(matter("arbitration", "labour").target).toEqual({ kind: "arbitration_commission", nameFilter: "labour" });
    expect(matter("arbitration", "commercial").target).toEqual({ kind: "arbitration_commission", nameFilter: "not_labour" });
    expect(matter("administrative_reconsideration", "reconsideration").target).toBeNull();
  });

  it("tells that a will is notarized in person (Notarization Law Art. 26) and labour arbitration is free (Art. 53)", () => {
    expect(matter("notarization", "will").notes).toContainEqual(expect.objectContaining({ articleNo: "第二十六条" }));
    expect(matter("arbitration", "labour").notes).toContainEqual(expect.objectContaining({ lawTitle: "中华人民共和国劳动争议调解仲裁法", articleNo: "第五十三条" }));
  });
});

describe("assessAnswers", () => {
  const reconsideration = matter("administrative_reconsideration", "reconsideration");
  const rc = (actKnownOn: string, respondentKind = "county_department") => assessAnswers(reconsideration, { actKnownOn, respondentKind, respondentName: "某县市场监督管理局" }, NOW);

  it.each([
    ["2026-04-02", "info", 0], // 60 days ago: the last day
    ["2026-04-01", "warning", 61],
    ["2026-06-01", "info", 60],
  ])("administrative act known on %s → %s (Art. 20: 60 days)", (known, level, days) => {
    const finding = rc(known).findings.find((f) => f.articleNo === "第二十条")!;
    expect(finding.level).toBe(level);
    expect(finding.lawTitle).toBe("中华人民共和国行政复议法");
    expect(finding.message).toContain(String(days));
  });

  it("sends a county government's act a level up (Art. 24) and a tax bureau's to its superior department (Art. 27)", () => {
    expect(rc("2026-05-20", "county_government").level).toBe("parent");
    expect(rc("2026-05-20", "vertical_agency").level).toBe("elsewhere");
    expect(rc("2026-05-20", "vertical_agency").findings).toContainEqual(expect.objectContaining({ articleNo: "第二十七条" }));
    expect(rc("2026-05-20", "township_government").level).toBe("applicant");
  });

  it("stops commercial arbitration without a written agreement (Arbitration Law Art. 4)", () => {
    const commercial = matter("arbitration", "commercial");
    expect(assessAnswers(commercial, { hasArbitrationAgreement: false }, NOW).findings).toEqual([expect.objectContaining({ level: "stop", articleNo: "第四条" })]);
    expect(assessAnswers(commercial, { hasArbitrationAgreement: true, agreedCommission: "云岭仲裁委员会" }, NOW).findings).toEqual([]);
  });

  it("warns when the one-year labour arbitration limitation has run (Art. 27)", () => {
    const labour = matter("arbitration", "labour");
    expect(assessAnswers(labour, { rightsInfringedOn: "2025-06-01" }, NOW).findings).toEqual([]);
    expect(assessAnswers(labour, { rightsInfringedOn: "2025-05-31" }, NOW).findings).toEqual([expect.objectContaining({ level: "warning", articleNo: "第二十七条" })]);
  });

  it("warns a party commissioning an appraisal themselves (Civil Procedure Law Art. 79), not a court", () => {
    const paternity = matter("forensic_appraisal", "paternity");
    expect(assessAnswers(paternity, { commissionedBy: "party" }, NOW).findings).toEqual([expect.objectContaining({ level: "warning", articleNo: "第七十九条" })]);
    expect(assessAnswers(paternity, { commissionedBy: "court" }, NOW).findings).toEqual([]);
  });

  it.each([
    [{}, "answers.actKnownOn"],
    [{ actKnownOn: "2026-13-01", respondentKind: "county_department", respondentName: "x" }, "answers.actKnownOn"],
    [{ actKnownOn: "2026-06-02", respondentKind: "county_department", respondentName: "x" }, "answers.actKnownOn"],
    [{ actKnownOn: "2026-05-01", respondentKind: "mayor", respondentName: "x" }, "answers.respondentKind"],
    [{ actKnownOn: "2026-05-01", respondentKind: "county_department" }, "answers.respondentName"],
    [{ actKnownOn: "2026-05-01", respondentKind: "county_department", respondentName: "x", extra: "y" }, "answers.extra"],
  ])("names the wrong answer: %j → %s", (answers, field) => {
    expect(assessAnswers(reconsideration, answers, NOW).problem?.field).toBe(field);
  });

  it("wants a yes/no as a boolean", () => {
    expect(assessAnswers(matter("notarization", "gift"), { usedAbroad: "no" }, NOW).problem?.field).toBe("answers.usedAbroad");
    expect(assessAnswers(matter("notarization", "gift"), { usedAbroad: false }, NOW).problem).toBeUndefined();
  });
});
