import { createHash, randomBytes } from "node:crypto";
import type { ApiTokenRecord } from "../storage/models/api-token.js";
import type { Store } from "../storage/store.js";
import { NotFoundError } from "../query/errors.js";

/**
 * Query-API tokens. The secret is shown once at creation; only its SHA-256 is stored, and a bearer is
 * checked by looking its hash up (an index lookup, so no timing comparison of secrets happens in code).
 */
const PREFIX = "mlk_";

const hashOf = (token: string): string => createHash("sha256").update(token).digest("hex");

export interface TokenSummary {
  id: string;
  installationId: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function createToken(
  store: Store,
  input: { installationId: number; name?: string },
  now: Date = new Date(),
): Promise<{ id: string; token: string }> {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const id = randomBytes(6).toString("hex");
  await store.apiTokens.create({
    tokenId: id,
    installationId: input.installationId,
    name: input.name ?? "",
    hash: hashOf(token),
    createdAt: now,
  });
  return { id, token };
}

const summary = (record: ApiTokenRecord): TokenSummary => ({
  id: record.tokenId,
  installationId: record.installationId,
  name: record.name,
  createdAt: record.createdAt.toISOString(),
  lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
  revokedAt: record.revokedAt?.toISOString() ?? null,
});

export async function listTokens(store: Store): Promise<TokenSummary[]> {
  const records = await store.apiTokens.find({}, { hash: 0 }).sort({ createdAt: 1 }).lean<ApiTokenRecord[]>();
  return records.map(summary);
}

/** Revoking twice keeps the first revocation time; an unknown id is NotFoundError. */
export async function revokeToken(store: Store, id: string, now: Date = new Date()): Promise<TokenSummary> {
  await store.apiTokens.updateOne({ tokenId: id, revokedAt: null }, { $set: { revokedAt: now } });
  const record = await store.apiTokens.findOne({ tokenId: id }, { hash: 0 }).lean<ApiTokenRecord>();
  if (!record) throw new NotFoundError(`no token with id ${id}`);
  return summary(record);
}

/** The installation a bearer token belongs to, or null when it is missing, unknown or revoked. */
export async function authenticate(
  store: Store,
  bearer: string | undefined,
  now: Date = new Date(),
): Promise<number | null> {
  if (!bearer?.startsWith(PREFIX) || bearer.length > 100) return null;
  const record = await store.apiTokens
    .findOneAndUpdate({ hash: hashOf(bearer), revokedAt: null }, { $set: { lastUsedAt: now } })
    .lean<ApiTokenRecord>();
  return record?.installationId ?? null;
}
