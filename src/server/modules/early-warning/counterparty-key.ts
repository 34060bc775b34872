/**
 * 对方当事人/用人单位 as a cluster key: the name as people type it at a window or
 * on the phone varies ("四川某某建筑有限公司", "某某建筑 公司", "(四川)某某建筑"),
 * so it is folded before it is compared. Pure: the detector and its tests use it.
 */

/** Legal-form suffixes dropped from the end, longest first (a company is named with or without them). */
const LEGAL_FORM_SUFFIXES = ["股份有限公司", "有限责任公司", "有限公司", "责任公司", "股份公司", "集团公司", "分公司", "公司", "集团", "厂", "店"] as const;

/**
 * Words that name a relation, not a party: many unrelated people name "邻居" or
 * "丈夫" as the other side, which is no cluster.
 */
const GENERIC_NAMES = new Set([
  "邻居", "丈夫", "妻子", "前夫", "前妻", "老公", "老婆", "父亲", "母亲", "儿子", "女儿", "兄弟", "姐妹", "亲戚",
  "房东", "租客", "老板", "包工头", "个人", "本人", "对方", "不详", "未知", "无", "某某", "某", "其他", "村民",
]);

/**
 * Province names people put in front of a business's name ("四川某某建筑" and "某某建筑" are one
 * employer); the deployment's own cities and counties are passed in (`places`, from the region tree).
 */
const PROVINCES = [
  "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北",
  "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾",
];
const PROVINCE_PREFIX = new RegExp(`^(?:${PROVINCES.join("|")})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?`);

const PLACE_SUFFIXES = ["市", "县", "区", "州", "镇", "乡"];

/** A region's name as people shorten it in front of a business's name: "绵阳市" → "绵阳", "三台县" → "三台" (two characters at least). */
export function placeShortName(regionName: string): string {
  const folded = regionName.normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, "");
  const short = folded.replace(/(?:自治州|自治县|地区|市|县|区|州|镇|乡|街道)$/u, "");
  return short.length >= 2 ? short : folded;
}

/** The shortest folded key that still names someone (one character names nobody). */
const MIN_KEY_LENGTH = 2;

/**
 * The folded key of a counterparty name, or null when there is nothing to cluster
 * on: full-width to half-width (NFKC), lower case, everything but letters and
 * digits removed (spaces, punctuation, brackets), a leading bracketed province
 * kept as text, legal-form suffixes stripped from the end, generic relations dropped.
 */
export function counterpartyKey(name: string | null | undefined, places: readonly string[] = []): string | null {
  if (!name) return null;
  let key = name.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  if ((LEGAL_FORM_SUFFIXES as readonly string[]).includes(key)) return null;
  const withoutProvince = key.replace(PROVINCE_PREFIX, "");
  if (withoutProvince.length >= MIN_KEY_LENGTH + 1) key = withoutProvince;
  for (const place of places) {
    for (const written of [place, ...PLACE_SUFFIXES.map((s) => place + s)].sort((a, b) => b.length - a.length)) {
      if (written && key.startsWith(written) && key.length - written.length >= MIN_KEY_LENGTH + 1) {
        key = key.slice(written.length);
        break;
      }
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of LEGAL_FORM_SUFFIXES) {
      if (key.endsWith(suffix) && key.length > suffix.length + 1) {
        key = key.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  if (key.length < MIN_KEY_LENGTH || GENERIC_NAMES.has(key)) return null;
  return key;
}
