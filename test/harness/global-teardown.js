export default async function globalTeardown() {
  await globalThis.__mongoServer?.stop();
}
