// Runs PGlite (PostgreSQL in WebAssembly) in a worker thread and exposes it on a
// Unix socket through pglite-socket, so the app speaks the ordinary `pg` protocol
// to the embedded database exactly as it does to a PostgreSQL server, and a long
// query runs here instead of stalling the main event loop.
// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const { dataDir, socketPath } = workerData;

let db;
let server;

async function start() {
  db = await PGlite.create(dataDir ?? undefined, { extensions: { pg_trgm } });
  // The app's pool holds one connection (PGlite is a single session, and the
  // multiplexer can interleave extended-protocol messages of two clients outside a
  // transaction). The socket allows two so that the pool's replacement for a client
  // it discarded after an error is not refused while the old one is still closing.
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 2 });
  await server.start();
  parentPort.postMessage({ type: "ready" });
}

async function stop() {
  try {
    if (server) await server.stop();
    if (db && !db.closed) await db.close();
  } finally {
    parentPort.postMessage({ type: "stopped" });
  }
}

parentPort.on("message", (message) => {
  if (message?.type === "stop") void stop();
});

start().catch((error) => {
  parentPort.postMessage({ type: "error", message: String(error?.stack ?? error) });
});
