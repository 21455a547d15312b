import { generateKeyPairSync } from "node:crypto";

let privateKey: string | undefined;

/**
 * A GitHub App private key for a GitHub that never checks the JWTs it signs (the simulator, nock): the
 * demo, the benchmarks and the tests. One per process, because generating an RSA key is slow.
 */
export function throwawayPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return privateKey;
}
