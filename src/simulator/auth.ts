import { randomBytes } from "node:crypto";

/** Who a request says it is: the app (a JWT), an installation (a live token), or nobody valid. */
export type Credential =
  | { kind: "app" }
  | { kind: "installation"; installationId: number }
  | { kind: "missing" }
  | { kind: "invalid" };

const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Installation access tokens as GitHub hands them out: opaque, with a lifetime, revocable all at once. */
export class TokenStore {
  private readonly tokens = new Map<string, { installationId: number; expiresAt: number }>();

  constructor(private readonly lifetimeMs: number) {}

  issue(installationId: number): { token: string; expiresAt: number } {
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    const expiresAt = Date.now() + this.lifetimeMs;
    this.tokens.set(token, { installationId, expiresAt });
    return { token, expiresAt };
  }

  /** Every token issued so far stops working (new ones can still be created). */
  expireAll(): void {
    for (const entry of this.tokens.values()) entry.expiresAt = 0;
  }

  /** Reads `Authorization: token <t>` or `Bearer <t>`; signatures of app JWTs are not checked. */
  identify(header: string | undefined): Credential {
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? "");
    if (!match) return { kind: "missing" };
    const entry = this.tokens.get(match[1]);
    if (entry)
      return entry.expiresAt > Date.now()
        ? { kind: "installation", installationId: entry.installationId }
        : { kind: "invalid" };
    return JWT.test(match[1]) ? { kind: "app" } : { kind: "invalid" };
  }
}
