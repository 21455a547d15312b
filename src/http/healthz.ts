import type { IncomingMessage, ServerResponse } from "node:http";
import type { Connection } from "mongoose";

const PING_TIMEOUT_MS = 2_000;

async function databaseAnswers(db: Connection): Promise<boolean> {
  const admin = db.db?.admin();
  if (!admin) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  const ping = admin.ping().then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /healthz`: 200 when the database answers a ping, 503 otherwise (CONTRACT.md). */
export function createHealthHandler(db: Connection) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/healthz") return false;
    const ok = await databaseAnswers(db);
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: ok ? "ok" : "unavailable" }));
    return true;
  };
}
