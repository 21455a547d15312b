import { createHmac } from "node:crypto";

/** GitHub's `X-Hub-Signature-256`: HMAC-SHA256 of the exact body bytes with the webhook secret. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
