import { promisify } from "node:util";
import { deflateRaw, inflateRawSync } from "node:zlib";
import { Binary } from "mongodb";

const deflate = promisify(deflateRaw);

/**
 * The raw body is nearly all of a delivery's bytes; deflated (fastest level, in libuv's thread pool, off
 * the event loop) it is about a tenth, which the database writes, keeps for replay and reads back.
 */
export async function packPayload(body: string): Promise<Binary> {
  return new Binary(await deflate(body, { level: 1 }));
}

export function unpackPayload(stored: Binary): string {
  return inflateRawSync(stored.buffer).toString("utf8");
}
