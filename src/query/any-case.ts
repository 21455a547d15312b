/**
 * GitHub compares names and logins in any case: a filter matching the whole text literally, any case.
 * Written as `$regex`/`$options` rather than a RegExp: the embedded test server (SecantusDB) finds nothing
 * when a BSON regex meets a compound index, while the operator form works there and on MongoDB alike.
 */
export const exactAnyCase = (text: string): { $regex: string; $options: "i" } => ({
  $regex: `^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
  $options: "i",
});
