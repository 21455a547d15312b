/**
 * The collation of indexes on names and logins, which GitHub compares in any case: strength 2 ignores
 * case (not accents). A query sends the same collation to equal a name any case on the index, on MongoDB
 * and the embedded server alike; a case-insensitive regex would be read by scanning the collection.
 */
export const ANY_CASE = { locale: "en", strength: 2 } as const;
