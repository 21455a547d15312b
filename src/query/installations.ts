import { ANY_CASE } from "../storage/models/any-case.js";
import type { Store } from "../storage/store.js";
import { NotFoundError } from "./errors.js";

/**
 * `--installation <id|account login>`: an installation id first, else the account login (any case,
 * as GitHub compares logins). All-digit logins exist, so a number that is no id is tried as a login.
 */
export async function resolveInstallation(store: Store, idOrLogin: string): Promise<number> {
  if (/^\d+$/.test(idOrLogin)) {
    const byId = await store.installations.findOne({ installationId: Number(idOrLogin) }).lean();
    if (byId) return byId.installationId;
  }
  const byLogin = await store.installations
    .findOne({ "account.login": idOrLogin }, { installationId: 1 })
    .collation(ANY_CASE)
    .lean();
  if (byLogin) return byLogin.installationId;
  // Only to say what exists: installations are few, and this is the error's path.
  const all = await store.installations.find({}, { installationId: 1, account: 1 }).lean();
  const known = all.map((item) => `${item.account.login} (${item.installationId})`).join(", ");
  throw new NotFoundError(
    `no installation with id or account login "${idOrLogin}"; known: ${known || "none (install the app first)"}`,
  );
}
