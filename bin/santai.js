#!/usr/bin/env node
// The `santai` command. `npm start` compiles the server into dist/server/main.js
// (scripts/build-server.mjs); it runs from there when that is newer than every server
// source, and from src/server through tsx's loader otherwise (a checkout being edited,
// `npm run dev`), so there is no build step to remember.
import { pathToFileURL } from "node:url";
import { isServerBundleFresh, SERVER_BUNDLE } from "../scripts/server-bundle.mjs";

if (process.env.SANTAI_RUN_SOURCE !== "1" && isServerBundleFresh()) {
  await import(pathToFileURL(SERVER_BUNDLE).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/server/main.ts");
}
