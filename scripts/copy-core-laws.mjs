#!/usr/bin/env node
// `node scripts/copy-core-laws.mjs LAWREFBOOK_DIR`: (re)makes core-laws/, the
// small set of statutes the repository carries (core-laws/README.md), by
// copying the files named below from a LawRefBook checkout, in its folder layout,
// so that a later import of the full collection finds the same source keys and
// updates them instead of adding copies. Only current versions are listed: the
// set ships without db.sqlite3, and nothing in it is expired.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET = join(ROOT, "core-laws");

/** Folder → files (or `*` for every .md file but the navigation stubs). */
const CORE_LAWS = {
  民法典: "*",
  社会法: [
    "劳动法(2018-12-29).md",
    "劳动合同法(2012-12-28).md",
    "社会保险法(2018-12-29).md",
    "妇女权益保障法(2022-10-30).md",
    "未成年人保护法(2024-04-26).md",
    "老年人权益保障法(2018-12-29).md",
    "反家庭暴力法(2015-12-27).md",
  ],
  行政法: ["法律援助法(2021-08-20).md", "道路交通安全法(2021-04-29).md"],
  民法商法: ["消费者权益保护法(2013-10-25).md", "农村土地承包法(2018-12-29).md"],
  诉讼与非诉讼程序法: [
    "劳动争议调解仲裁法(2007-12-29).md",
    "人民调解法(2010-08-28).md",
    "行政复议法(2023-09-01).md",
    "民事诉讼法(2023-09-01).md",
  ],
  行政法规: ["劳动合同法实施条例(2008-09-18).md", "道路交通安全法实施条例(2017-10-07).md", "工伤保险条例(2010-12-20).md"],
  司法解释: [
    "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）(2020-12-29).md",
    "最高人民法院关于审理民间借贷案件适用法律若干问题的规定(2020-12-29).md",
    "最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释(2022-04-24).md",
    "最高人民法院关于审理道路交通事故损害赔偿案件适用法律若干问题的解释(2020-12-29).md",
    "最高人民法院关于适用《民法典》婚姻家庭编的解释（一）(2020-12-29).md",
    "最高人民法院关于适用《民法典》婚姻家庭编的解释（二）(2025-01-15).md",
  ],
  案例: "**",
};

const isLawFile = (name) => name.endsWith(".md") && name !== "_index.md";

function copyTree(from, to) {
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (statSync(path).isDirectory()) copyTree(path, join(to, name));
    else if (isLawFile(name)) {
      mkdirSync(to, { recursive: true });
      cpSync(path, join(to, name));
    }
  }
}

function main() {
  const source = process.argv[2];
  if (!source || !existsSync(join(source, "db.sqlite3"))) {
    console.error("Usage: node scripts/copy-core-laws.mjs LAWREFBOOK_DIR (the folder holding db.sqlite3)");
    process.exit(2);
  }
  for (const folder of Object.keys(CORE_LAWS)) rmSync(join(TARGET, folder), { recursive: true, force: true });
  let missing = 0;
  for (const [folder, files] of Object.entries(CORE_LAWS)) {
    if (files === "**") copyTree(join(source, folder), join(TARGET, folder));
    else {
      const names = files === "*" ? readdirSync(join(source, folder)).filter(isLawFile) : files;
      mkdirSync(join(TARGET, folder), { recursive: true });
      for (const name of names) {
        if (!existsSync(join(source, folder, name))) {
          console.error(`missing: ${folder}/${name}`);
          missing++;
          continue;
        }
        cpSync(join(source, folder, name), join(TARGET, folder, name));
      }
    }
  }
  console.log(`Copied the core set into ${TARGET}${missing ? ` (${missing} missing)` : ""}.`);
  if (missing) process.exit(1);
}

main();
