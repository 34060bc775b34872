import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** The Markdown files of a LawRefBook folder, without navigation stubs, the template and READMEs. */
export function lawRefBookFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".md") && name !== "_index.md" && name !== "法律法规模版.md" && name !== "README.md") files.push(path);
    }
  };
  walk(dir);
  return files;
}

/** A file's path under the folder, with `/` (社会法/劳动法(2018-12-29).md). */
export const lawRefBookPath = (dir: string, file: string) => relative(dir, file).split(sep).join("/");

/**
 * Where a LawRefBook file is stored: its path under the folder, so the same file
 * imported from another copy of the collection (or from the core set, which keeps
 * the layout) is the same law.
 */
export const lawRefBookSourceKey = (path: string) => `lawrefbook:${path}`;
