import { parseArgs } from "node:util";
import { existsSync, readFileSync } from "node:fs";
import { loadConfig, type Config } from "./platform/config.ts";
import { openDatabase, type Database } from "./platform/db/index.ts";
import { AppError } from "./platform/errors.ts";
import { buildKeyring, ensureKeyFile, KeyConfigError, openKeyring, resolveKeySettings, type Key } from "./platform/keys.ts";
import { bindAuditKey, hasAuditKey } from "./platform/audit-chain.ts";

// Only what every command needs is imported up front. The app and the domain
// modules are loaded while the embedded database starts in its worker thread,
// which roughly halves the time to a healthy server.
const loadModules = () =>
  Promise.all([
    import("./app.ts"),
    import("./wiring.ts"),
    import("./seed/demo.ts"),
    import("./seed/demo-history.ts"),
    import("./seed/demo-hotline.ts"),
    import("./scheduler.ts"),
    import("./policies/actor.ts"),
    import("./modules/accounts/commands/manage-account.ts"),
    import("./modules/regions/commands/import-regions.ts"),
    import("./platform/personal/protect.ts"),
    import("./rotate-data-key.ts"),
    import("./verify-audit.ts"),
    import("./seed/core-laws.ts"),
    import("./modules/analytics/commands/rebuild-rollups.ts"),
  ]).then(([app, prepare, demo, history, hotline, scheduler, actor, accounts, regions, protect, rotation, verify, coreLaws, analytics]) => ({
    ...app,
    ...prepare,
    ...demo,
    ...history,
    ...hotline,
    ...scheduler,
    ...actor,
    ...accounts,
    ...regions,
    ...protect,
    ...rotation,
    ...verify,
    ...coreLaws,
    ...analytics,
  }));

type Modules = Awaited<ReturnType<typeof loadModules>>;

/**
 * The audit key from the environment or the key file (it never lives in the
 * database, so it is known before the database opens); null where no key is
 * configured (a server without keys may still `migrate`).
 */
function configuredAuditKey(config: Config): Key | null {
  try {
    const settings = resolveKeySettings(config);
    return buildKeyring(settings, ensureKeyFile(settings, config.dataDir)).audit;
  } catch (error) {
    if (error instanceof KeyConfigError) return null;
    throw error;
  }
}

/**
 * Starts the database and loads the modules at the same time. The audit key is
 * bound before anything is written, so the demo seed, the CLI's commands and the
 * first start's re-chain all chain under it.
 */
async function openWithModules(config: Config): Promise<{ database: Database; m: Modules }> {
  const [database, m] = await Promise.all([openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }), loadModules()]);
  const auditKey = configuredAuditKey(config);
  if (auditKey) bindAuditKey(database, auditKey);
  return { database, m };
}

const HELP = `santai — the Santai (三台) public legal service platform

Usage: santai <command> [options]

Commands:
  serve                 Run the platform (default port 3000). Migrates first.
                        On the embedded database, loads the demo city on first start,
                        and the core laws (core-laws/) in the background
      --demo            Also load the demo data on a PostgreSQL server (DATABASE_URL)
      --no-demo         Never load the demo data
  migrate               Apply pending database migrations and exit
  seed --demo           Load the demo city, its venues and accounts, and the core laws (once)
  create-admin          Create an administrator account
      --username NAME   (required)
      --password PASS   (required; or SANTAI_ADMIN_PASSWORD)
      --region CODE     Region the account governs (required)
      --name NAME       Display name (default: the username)
  import-regions FILE   Import regions from a CSV file: code,name,parentCode,level
  import-laws DIR       Import laws, regulations, interpretations and cases from a LawRefBook
                        folder (e.g. ../shared/data/lawrefbook); again to update (docs/laws.md).
                        Exits 1 if any file could not be imported (the others still are)
      --jsonl FILE      Import from a JSONL file instead, one law per line (docs/laws.md)
  rotate-data-key       Make a new personal-data key and re-seal everything under it
                        (restartable; the old key is kept to read older backups)
      --no-new-key      Only re-seal what is not under the current key yet
      --forget-retired  Then drop the retired keys from the key file
  verify-audit          Re-verify every ticket's audit chain, the audit log chain and the
                        daily checkpoints; exits 1 on any break (docs/audit-trail.md)
      --checkpoint FILE Also compare a checkpoint exported earlier with the trail now
  rebuild-analytics     Recompute the analytics rollups from the tickets and their trail
                        (docs/analytics.md); they are kept in step on their own otherwise
  --help                Show this help

Environment (all of them, with defaults and production notes: docs/configuration.md):
  PORT                  HTTP port (default 3000)
  SANTAI_DATA_DIR       Embedded database and attachments directory (default ./data); holds keys.json
  DATABASE_URL          postgres://… to use a PostgreSQL server instead of the embedded database
  SANTAI_DATA_KEY       Personal-data key (base64 of 32 bytes); SANTAI_DATA_KEYS_RETIRED older ones
  SANTAI_AUDIT_KEY      Audit-chain key (base64 of 32 bytes)
  SANTAI_KEY_FILE       Keep generated keys in this file (needed on a server without the keys above)
  SANTAI_SECURE_COOKIES 1 when served over HTTPS;  SANTAI_TRUST_PROXY  1 behind a reverse proxy
  SANTAI_LOG_LEVEL      Request log level (default info); SANTAI_LOG=0 turns the log off
  See docs/configuration.md and docs/keys.md.
`;

/** Opens the database, brings it up to date, runs `run`, and closes it cleanly. */
async function withDatabase<T>(config: Config, run: (database: Database, applied: string[], m: Modules) => Promise<T>): Promise<T> {
  const { database, m } = await openWithModules(config);
  try {
    const applied = await m.prepareDatabase(database);
    return await run(database, applied, m);
  } finally {
    await database.close();
  }
}

async function serve(config: Config, demo: "auto" | "yes" | "no"): Promise<void> {
  const startedAt = performance.now();
  // Before the database: a server without configured keys does not start (docs/keys.md).
  const keySettings = resolveKeySettings(config);
  const { database, m } = await openWithModules(config);
  const applied = await m.prepareDatabase(database);
  const keys = await openKeyring(keySettings, database, config.dataDir).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const shouldSeed = demo === "yes" || (demo === "auto" && database.kind === "embedded");
  let isDemoNew = false;
  if (shouldSeed) {
    isDemoNew = await database.db.transaction((tx) => m.seedDemo(tx, new Date()));
    if (isDemoNew) console.log("Loaded the demo city 云岭市; sign in as admin / santai-demo (see README).");
  } else if (!(await m.hasDemoData(database.db))) {
    const { rows } = await database.pool.query<{ n: number }>("select count(*)::int as n from regions");
    if (rows[0].n === 0) console.log("The database has no regions yet: `santai import-regions FILE` and `santai create-admin`, or `santai seed --demo`.");
  }
  const isLoadingLaws = shouldSeed && (await m.needsCoreLaws(database.db));
  const app = await m.buildApp({ config, database, keys, logger: true });
  const stopScheduler = m.startScheduler(app.ctx);
  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    console.log(`\n${signal}: shutting down…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await stopScheduler();
      await app.close();
    } finally {
      await database.close();
      console.log("Stopped cleanly.");
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  await app.listen({ port: config.port, host: config.host });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(2);
  console.log(
    `Santai is running on http://localhost:${config.port} (${database.kind} database${applied.length ? `, ${applied.length} migration(s) applied` : ""}, ready in ${seconds}s)`,
  );
  if (isLoadingLaws) {
    // The core laws (core-laws/) load after the server is up, in small transactions, so it answers at once;
    // law search finds them as they arrive, all of them within seconds.
    console.log("Loading the core laws (core-laws/) in the background…");
    void m
      .seedCoreLaws(database.db, new Date(), { batchSize: 10 })
      .then((laws) => {
        if (laws) console.log(`Core laws ready: ${laws.created + laws.updated + laws.unchanged} laws, ${laws.articles} articles in ${laws.seconds.toFixed(1)} s (the full collection: santai import-laws DIR).`);
      })
      .catch((error: unknown) => {
        if (!isClosing) console.error("Loading the core laws stopped:", error);
      });
  }
  if (isDemoNew && process.env.SANTAI_DEMO_HISTORY !== "0") {
    // The demo's two months of tickets are made through the ordinary commands, one ticket per
    // transaction, after the server is up: it answers at once and the boards fill within a minute.
    console.log("Making the demo history (two months of tickets) in the background…");
    void m
      .seedDemoHistory(database, app.ctx, new Date(), { log: (line) => console.log(line) })
      .then(({ tickets, seconds }) => console.log(`Demo history ready: ${tickets} tickets in ${seconds.toFixed(1)} s.`))
      .then(() => m.seedDemoHotline(database, app.ctx, new Date()))
      .then(({ calls, seconds }) => console.log(`Demo hotline ready: ${calls} calls in ${seconds.toFixed(1)} s.`))
      .catch((error: unknown) => {
        if (!isClosing) console.error("The demo history stopped:", error);
      });
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      demo: { type: "boolean" },
      "no-demo": { type: "boolean" },
      username: { type: "string" },
      password: { type: "string" },
      region: { type: "string" },
      name: { type: "string" },
      "no-new-key": { type: "boolean" },
      "forget-retired": { type: "boolean" },
      checkpoint: { type: "string" },
      jsonl: { type: "string" },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case "serve":
      return serve(config, values["no-demo"] ? "no" : values.demo ? "yes" : "auto");
    case "migrate":
      return withDatabase(config, async (_database, applied) => {
        console.log(applied.length ? `Applied ${applied.join(", ")}` : "The database is up to date.");
      });
    case "seed":
      if (!values.demo) throw new AppError("VALIDATION_FAILED", "Say what to seed: santai seed --demo");
      return withDatabase(config, async (database, _applied, m) => {
        const loaded = await database.db.transaction((tx) => m.seedDemo(tx, new Date()));
        console.log(loaded ? "Loaded the demo city 云岭市." : "The demo data is already there.");
        const laws = await m.seedCoreLaws(database.db, new Date());
        if (laws) console.log(`Loaded the core laws: ${laws.created} laws, ${laws.articles} articles.`);
        if (loaded && process.env.SANTAI_DEMO_HISTORY !== "0") {
          const keys = await openKeyring(resolveKeySettings(config), database, config.dataDir);
          const protector = m.createProtector(keys);
          const { tickets, seconds } = await m.seedDemoHistory(database, { protector }, new Date(), { log: (line) => console.log(line) });
          console.log(`Made the demo history: ${tickets} tickets in ${seconds.toFixed(1)} s.`);
          const hotline = await m.seedDemoHotline(database, { protector }, new Date());
          console.log(`Made the demo hotline: ${hotline.calls} calls in ${hotline.seconds.toFixed(1)} s.`);
        }
      });
    case "create-admin": {
      const username = values.username;
      const password = values.password ?? process.env.SANTAI_ADMIN_PASSWORD;
      const regionCode = values.region;
      if (!username || !password || !regionCode) throw new AppError("VALIDATION_FAILED", "create-admin needs --username, --password and --region");
      return withDatabase(config, async (database, _applied, m) => {
        await database.db.transaction((tx) =>
          m.createAccount(tx, m.systemActor("cli"), { username, password, regionCode, roles: ["admin"], displayName: values.name ?? username }, new Date()),
        );
        console.log(`Created the administrator ${username}.`);
      });
    }
    case "import-regions": {
      const file = rest[0];
      if (!file) throw new AppError("VALIDATION_FAILED", "import-regions needs a CSV file");
      const csv = readFileSync(file, "utf8");
      return withDatabase(config, async (database, _applied, m) => {
        const { imported } = await database.db.transaction((tx) => m.importRegions(tx, m.systemActor("cli"), csv, new Date()));
        console.log(`Imported ${imported} region(s).`);
      });
    }
    case "import-laws": {
      const dir = rest[0];
      if (values.jsonl && dir) throw new AppError("VALIDATION_FAILED", "import-laws takes a folder or --jsonl FILE, not both");
      if (!values.jsonl && !dir) throw new AppError("VALIDATION_FAILED", "import-laws needs a LawRefBook folder, or --jsonl FILE");
      const input = values.jsonl ? ({ kind: "jsonl", file: values.jsonl } as const) : ({ kind: "lawrefbook", dir } as const);
      // Before the database starts: a mistyped path fails at once.
      const path = values.jsonl ?? dir;
      if (!existsSync(path)) throw new AppError("VALIDATION_FAILED", `import-laws: ${path} does not exist`);
      return withDatabase(config, async (database, _applied, m) => {
        // The import is recorded in the audit log; without a key it would fail only after storing everything.
        if (!hasAuditKey(database)) throw new AppError("VALIDATION_FAILED", "import-laws needs the audit key: set SANTAI_AUDIT_KEY or SANTAI_KEY_FILE (docs/keys.md)");
        const { runLawImport, describeLawImport } = await import("./modules/knowledge/commands/run-law-import.ts");
        const report = await runLawImport(database.db, m.systemActor("cli"), input, {
          now: new Date(),
          progress: (line) => process.stderr.write(`${line}\n`),
        });
        for (const line of describeLawImport(report, input.kind === "jsonl" ? "lines" : "files")) console.log(line);
        if (report.failed.length) process.exitCode = 1;
      });
    }
    case "rotate-data-key": {
      const keySettings = resolveKeySettings(config);
      return withDatabase(config, async (database, _applied, m) => {
        const report = await m.rotateDataKey(database, keySettings, config, {
          isNewKey: !values["no-new-key"],
          isForgettingRetired: Boolean(values["forget-retired"]),
          log: (message) => console.log(message),
        });
        for (const line of m.describeRotation(report, keySettings)) console.log(line);
        if (!report.isComplete) process.exitCode = 1;
      });
    }
    case "verify-audit": {
      const checkpointFile = values.checkpoint ? readFileSync(values.checkpoint, "utf8") : null;
      return withDatabase(config, async (database, _applied, m) => {
        const isIntact = await m.verifyAuditCommand(database, { checkpointFile, log: (line) => console.log(line) });
        if (!isIntact) process.exitCode = 1;
      });
    }
    case "rebuild-analytics":
      return withDatabase(config, async (database, _applied, m) => {
        const started = performance.now();
        const rows = await database.db.transaction((tx) => m.rebuildAnalyticsRollups(tx));
        console.log(`Rebuilt the analytics rollups: ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      });
    default:
      throw new AppError("VALIDATION_FAILED", `Unknown command ${command}; see santai --help`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof KeyConfigError) console.error(`santai: ${error.message}`);
  else if (error instanceof AppError) {
    console.error(`santai: ${error.message}`);
    const problems = (error.extra as { errors?: { line: number; code: string; message: string }[] } | undefined)?.errors;
    for (const p of problems ?? []) console.error(`  line ${p.line}: ${p.code} ${p.message}`);
  } else console.error(error);
  process.exit(1);
});
