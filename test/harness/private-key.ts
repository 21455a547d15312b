import { generateKeyPairSync } from "node:crypto";

let privateKey: string | undefined;

/**
 * A GitHub App private key for tests, one per test file: generating RSA keys is slow, and neither nock
 * nor the simulator checks the JWTs it signs.
 */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return privateKey;
}
