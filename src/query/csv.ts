import { stringify } from "csv-stringify/sync";

/**
 * CSV for every list the API and the CLI return, so both write the same columns. Nested objects become
 * dotted columns (`author.login`, `metrics.cycleTimeHours`, `cycleTimeHours.median`), lists are joined
 * with `;`, times are ISO 8601 UTC, and null is an empty cell. Text cells that a spreadsheet would run as
 * a formula (starting `=`, `+`, `-`, `@`, tab or CR: a PR title is anyone's text) get OWASP's `'` prefix;
 * number cells stay numbers, negative ones included.
 */
type Cell = string | number;

function flattenInto(row: Map<string, Cell>, prefix: string, value: unknown): void {
  if (value === null || value === undefined) row.set(prefix, "");
  else if (value instanceof Date) row.set(prefix, value.toISOString());
  else if (Array.isArray(value)) row.set(prefix, value.map(String).join(";"));
  else if (typeof value === "object") {
    for (const [key, inner] of Object.entries(value))
      flattenInto(row, prefix ? `${prefix}.${key}` : key, inner);
  } else if (typeof value === "number") row.set(prefix, value);
  else row.set(prefix, String(value));
}

export function flattenRecord(record: object): Map<string, Cell> {
  const row = new Map<string, Cell>();
  flattenInto(row, "", record);
  return row;
}

/**
 * A header row and one line per record. The columns are `columns` when given (so an empty list still has
 * its header), else every flattened key in first-seen order.
 */
export function toCsv(records: readonly object[], columns?: readonly string[]): string {
  const rows = records.map(flattenRecord);
  const header = columns ?? [...new Set(rows.flatMap((row) => [...row.keys()]))];
  if (header.length === 0) return "";
  return stringify([header, ...rows.map((row) => header.map((column) => row.get(column) ?? ""))], {
    escape_formulas: true,
  });
}
