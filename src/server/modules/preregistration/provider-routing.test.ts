import { describe, expect, it } from "vitest";
import { findMatter } from "./preregistration-matters.ts";
import { offerProviders, type RoutableProvider } from "./provider-routing.ts";

const PATH = "/980000/980100/980102/980102001/"; // province / city / county / township
const p = (id: string, name: string, regionCode: string): RoutableProvider => ({ id, name, regionCode, regionPath: "" });
const notary = findMatter("notarization", "inheritance")!;
const labour = findMatter("arbitration", "labour")!;
const commercial = findMatter("arbitration", "commercial")!;
const reconsideration = findMatter("administrative_reconsideration", "reconsideration")!;

describe("offerProviders", () => {
  it("offers the providers of the nearest node on the applicant's path: county before city", () => {
    const county = [p("a", "乙县公证处", "980102"), p("b", "甲县第二公证处", "980102")];
    const offered = offerProviders(notary, "applicant", PATH, "980102", [p("c", "市公证处", "980100"), ...county]);
    expect(offered.map((o) => o.id).sort()).toEqual(["a", "b"]);
    expect(offerProviders(notary, "applicant", PATH, "980102", [p("c", "市公证处", "980100")]).map((o) => o.id)).toEqual(["c"]);
  });

  it("offers nothing when no node on the path has one (the caller falls back to the service centre)", () => {
    expect(offerProviders(notary, "applicant", PATH, "980102", [p("x", "邻县公证处", "980103")])).toEqual([]);
  });

  it("sends labour disputes to a labour commission and other arbitration to the others", () => {
    const both = [p("l", "县劳动人事争议仲裁委员会", "980102"), p("c", "市仲裁委员会", "980100")];
    expect(offerProviders(labour, "applicant", PATH, "980102", both).map((o) => o.id)).toEqual(["l"]);
    expect(offerProviders(commercial, "applicant", PATH, "980102", both).map((o) => o.id)).toEqual(["c"]);
  });

  it("starts above the county at level parent, and offers no provider for reconsideration or elsewhere", () => {
    const both = [p("k", "县公证处", "980102"), p("c", "市公证处", "980100")];
    expect(offerProviders(notary, "parent", PATH, "980102", both).map((o) => o.id)).toEqual(["c"]);
    expect(offerProviders(notary, "elsewhere", PATH, "980102", both)).toEqual([]);
    expect(offerProviders(reconsideration, "applicant", PATH, "980102", both)).toEqual([]);
  });
});
