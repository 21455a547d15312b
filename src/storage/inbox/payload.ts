import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from "node:zlib";
import { Binary } from "mongodb";

/** A user-defined BSON subtype marks Brotli; payloads stored before it (subtype 0) are raw deflate. */
const BROTLI_SUBTYPE = 0x80;
const FASTEST = { params: { [constants.BROTLI_PARAM_QUALITY]: 0 } };

/**
 * The raw body is nearly all of a delivery's bytes; compressed it is about a sixth, which the database
 * writes, keeps for replay and reads back. Brotli at quality 0 packs webhook JSON as tightly as deflate
 * at level 1 in half the time (45 µs for 11 KB): it runs on the event loop for every acknowledgement,
 * where a fifth of the webhook route's time went to deflate.
 */
export function packPayload(body: string): Binary {
  return new Binary(brotliCompressSync(body, FASTEST), BROTLI_SUBTYPE);
}

export function unpackPayload(stored: Binary): string {
  const bytes = stored.buffer;
  return (stored.sub_type === BROTLI_SUBTYPE ? brotliDecompressSync(bytes) : inflateRawSync(bytes)).toString(
    "utf8",
  );
}
