import Table from "cli-table3";
import { Option } from "commander";
import { toCsv } from "../query/csv.js";
import type { Output } from "./context.js";

/** Human tables by default; JSON and CSV identical to the API's, for scripts. */
export type Format = "table" | "json" | "csv";

export const formatOption = () =>
  new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table");

export function writeJson(out: Output, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeCsv(out: Output, records: readonly object[], columns: readonly string[]): void {
  out.write(toCsv(records, columns));
}

export type TableCell = string | number | boolean | null;

/**
 * No rule between rows, so a table is as dense as the terminal allows. cli-table3 draws the header's rule
 * with the same characters, so that one rule is put back by hand from the top border.
 */
const NO_ROW_RULES = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };
const headerRule = (top: string) => top.replace("┌", "├").replace("┐", "┤").replaceAll("┬", "┼");

/** Uncoloured, so piping a table to a file or `grep` gives plain text. */
export function writeTable(out: Output, head: string[], rows: TableCell[][]): void {
  const table = new Table({ head, chars: NO_ROW_RULES, style: { head: [], border: [] } });
  for (const row of rows) table.push(row.map((cell) => (cell === null ? "-" : String(cell))));
  const [top, header, ...body] = table.toString().split("\n");
  out.write(`${[top, header, headerRule(top), ...body].join("\n")}\n`);
}

/** `2024-05-01T10:00:00.000Z` → `2024-05-01 10:00` (UTC), for table cells. */
export const shortTime = (iso: string | null): string | null =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : null;

export const percent = (share: number | null): string | null =>
  share === null ? null : `${Math.round(share * 1000) / 10}%`;

const pluralRules = new Intl.PluralRules("en");

/** `1 repository`, `3 repositories`, `1 page`: a count with its noun in the number English wants. */
export const countOf = (count: number, one: string, other = `${one}s`): string =>
  `${count} ${pluralRules.select(count) === "one" ? one : other}`;
