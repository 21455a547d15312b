import type { Actor } from "../../records/types.js";
import type { AccountPayload } from "../schemas/common.js";

/** GitHub shows a deleted account as `ghost`; payloads may carry `null` for it. */
const GHOST: Actor = { login: "ghost", id: null, type: null };

/** Keeps GitHub's `type`: the bot rule of METRICS.md is applied when metrics are computed. */
export function toActor(account: AccountPayload | null | undefined): Actor {
  if (!account) return { ...GHOST };
  return { login: account.login, id: account.id, type: account.type ?? null };
}
