#!/usr/bin/env node
// The `santai` command. The server is TypeScript run through tsx's loader, so
// there is no separate build step for it.
import { register } from "tsx/esm/api";

register();
await import("../src/server/main.ts");
