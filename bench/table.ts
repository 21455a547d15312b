/** A plain-text table that reads well in a terminal and pastes into Markdown as is. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? "").padEnd(width)).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

/** A number with a fixed count of decimals and thousands separators: 7272 → "7,272", 1.5 → "1.50". */
export function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export const formatRatio = (value: number | null): string =>
  value === null ? "—" : `${formatNumber(value, value >= 10 ? 1 : 2)}×`;

export const formatSeconds = (ms: number): string => `${formatNumber(ms / 1000, 1)} s`;
