/**
 * The ingest section's yardstick, run as a child process: a bare Probot 14 server (the same Probot as
 * mergelens) whose only handler does nothing, with the webhook secret mergelens gets. Ready when
 * `GET /ping` answers.
 */
import { pino } from "pino";
import { Probot, Server } from "probot";
import { z } from "zod";

const env = z
  .object({
    PORT: z.coerce.number().int().positive(),
    APP_ID: z.coerce.number().int().positive(),
    PRIVATE_KEY: z.string().min(1),
    WEBHOOK_SECRET: z.string().min(1),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("warn"),
  })
  .parse(process.env);

const log = pino({ level: env.LOG_LEVEL, name: "bare-probot" });
const server = new Server({
  Probot: Probot.defaults({
    appId: env.APP_ID,
    privateKey: env.PRIVATE_KEY,
    secret: env.WEBHOOK_SECRET,
    log,
  }),
  port: env.PORT,
  host: "127.0.0.1",
  log,
});
await server.load((app) => {
  app.onAny(() => undefined);
});
await server.start();
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => void server.stop().finally(() => process.exit(0)));
}
