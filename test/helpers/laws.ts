/**
 * A few real articles in the LawRefBook format, for tests that need laws without
 * the corpus (../shared) or the shipped core set: 民法典 (two 编, one
 * file each), 劳动合同法, and two versions of one law (the older expired by the
 * newer).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Database } from "../../src/server/platform/db/index.ts";
import { readLawRefBook, storeLaws } from "../../src/server/modules/knowledge/commands/import-laws.ts";

export const SAMPLE_LAWS: Record<string, string> = {
  "民法典/总则.md": `# 中华人民共和国民法典

# 总则

2020年5月28日 第十三届全国人民代表大会第三次会议通过

2021年1月1日 施行

<!-- INFO END -->

## 第二章  自然人

### 第四节  个体工商户和农村承包经营户

第五十四条 自然人从事工商业经营，经依法登记，为个体工商户。个体工商户可以起字号。

第五十六条 个体工商户的债务，个人经营的，以个人财产承担；家庭经营的，以家庭财产承担；无法区分的，以家庭财产承担。

农村承包经营户的债务，以从事农村土地承包经营的农户财产承担；事实上由农户部分成员经营的，以该部分成员的财产承担。
`,
  "民法典/婚姻家庭编.md": `# 中华人民共和国民法典

# 婚姻家庭编

2020年5月28日 第十三届全国人民代表大会第三次会议通过

<!-- INFO END -->

## 第四章  离婚

第一千零八十四条 父母与子女间的关系，不因父母离婚而消除。离婚后，子女无论由父或者母直接抚养，仍是父母双方的子女。

离婚后，父母对于子女仍有抚养、教育、保护的权利和义务。

离婚后，不满两周岁的子女，以由母亲直接抚养为原则。已满两周岁的子女，父母双方对抚养问题协议不成的，由人民法院根据双方的具体情况，按照最有利于未成年子女的原则判决。子女已满八周岁的，应当尊重其真实意愿。

第一千零八十五条 离婚后，子女由一方直接抚养的，另一方应当负担部分或者全部抚养费。负担费用的多少和期限的长短，由双方协议；协议不成的，由人民法院判决。

前款规定的协议或者判决，不妨碍子女在必要时向父母任何一方提出超过协议或者判决原定数额的合理要求。
`,
  "社会法/劳动合同法(2012-12-28).md": `# 中华人民共和国劳动合同法

2007年6月29日 第十届全国人民代表大会常务委员会第二十八次会议通过

2012年12月28日 第十一届全国人民代表大会常务委员会第三十次会议修正

<!-- INFO END -->

## 第二章  劳动合同的订立

第十条 建立劳动关系，应当订立书面劳动合同。

已建立劳动关系，未同时订立书面劳动合同的，应当自用工之日起一个月内订立书面劳动合同。

## 第三章  劳动合同的履行和变更

第三十条 用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。

用人单位拖欠或者未足额支付劳动报酬的，劳动者可以依法向当地人民法院申请支付令，人民法院应当依法发出支付令。

## 第七章  法律责任

第八十二条 用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。
`,
  "诉讼与非诉讼程序法/行政复议法(2017-09-01).md": `# 中华人民共和国行政复议法

1999年4月29日 第九届全国人民代表大会常务委员会第九次会议通过

<!-- INFO END -->

第九条 公民、法人或者其他组织认为具体行政行为侵犯其合法权益的，可以自知道该具体行政行为之日起六十日内提出行政复议申请。
`,
  "诉讼与非诉讼程序法/行政复议法(2023-09-01).md": `# 中华人民共和国行政复议法

2023年9月1日 第十四届全国人民代表大会常务委员会第五次会议修订

<!-- INFO END -->

第二十条 公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请。
`,
};

/** Writes `files` (path → LawRefBook text) to a temporary folder and imports it; returns the import's counts. */
export async function importLawTexts(database: Database, files: Record<string, string> = SAMPLE_LAWS, now = new Date()) {
  const dir = mkdtempSync(join(tmpdir(), "santai-laws-"));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const read = await readLawRefBook(dir);
    const stored = await database.db.transaction((tx) => storeLaws(tx, read.sources, { now }));
    return { ...stored, failed: read.failed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
