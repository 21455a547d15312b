import type { Command } from "commander";
import { createToken, listTokens, revokeToken } from "../../api/tokens.js";
import { resolveInstallation } from "../../query/installations.js";
import type { CliContext } from "../context.js";
import { formatOption, shortTime, writeCsv, writeJson, writeTable, type Format } from "../output.js";

const TOKEN_COLUMNS = ["id", "installationId", "name", "createdAt", "lastUsedAt", "revokedAt"];

export async function tokenCreate(ctx: CliContext, options: { installation: string; name?: string }) {
  const store = await ctx.store();
  const installationId = await resolveInstallation(store, options.installation);
  const { id, token } = await createToken(store, { installationId, name: options.name }, ctx.now());
  // The token alone on its own line, so a script can take it with `sed -n 's/^token: //p'`.
  ctx.stdout.write(`id: ${id}\ntoken: ${token}\n`);
  ctx.stderr.write(`Token for installation ${installationId}: store it now, it cannot be shown again.\n`);
}

export async function tokenList(ctx: CliContext, options: { format: Format }) {
  const tokens = await listTokens(await ctx.store());
  if (options.format === "json") return writeJson(ctx.stdout, tokens);
  if (options.format === "csv") return writeCsv(ctx.stdout, tokens, TOKEN_COLUMNS);
  writeTable(
    ctx.stdout,
    ["id", "installation", "name", "created", "last used", "revoked"],
    tokens.map((t) => [
      t.id,
      t.installationId,
      t.name,
      shortTime(t.createdAt),
      shortTime(t.lastUsedAt),
      shortTime(t.revokedAt),
    ]),
  );
}

export async function tokenRevoke(ctx: CliContext, id: string) {
  const token = await revokeToken(await ctx.store(), id, ctx.now());
  ctx.stdout.write(`revoked ${token.id} (${token.name || "unnamed"}) at ${token.revokedAt}\n`);
}

export function registerTokenCommands(program: Command, ctx: CliContext): void {
  const token = program.command("token").description("manage query-API tokens");
  token
    .command("create")
    .description("create an API token for one installation and print it once")
    .requiredOption("--installation <id|login>", "installation id or account login")
    .option("--name <text>", "what the token is for")
    .action((options: { installation: string; name?: string }) => tokenCreate(ctx, options));
  token
    .command("list")
    .description("list tokens (never their secrets)")
    .addOption(formatOption())
    .action((options: { format: Format }) => tokenList(ctx, options));
  token
    .command("revoke")
    .description("revoke a token; requests with it then answer 401")
    .argument("<id>", "token id, as printed by create and list")
    .action((id: string) => tokenRevoke(ctx, id));
}
