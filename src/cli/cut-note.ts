import { TEXT_LIMITS, type TruncatedField } from "../records/bounded-text.js";

/**
 * How a table shows text that was stored cut to its bound (records/bounded-text.ts): a mark in the cell,
 * and one line under the table naming each cut field shown and its bound. Nothing when none was cut.
 */
export const CUT_MARK = "[cut]";

/** At most `width` characters (an ellipsis where shortened for the table), ending in CUT_MARK if `cut`. */
export function textCell(text: string, width: number, cut: boolean): string {
  const room = cut ? width - CUT_MARK.length - 1 : width;
  const short = text.length > room ? `${text.slice(0, room - 1)}…` : text;
  return cut ? `${short} ${CUT_MARK}` : short;
}

/** The legend for the cut fields a table showed, or null when it showed none. */
export function cutLegend(fields: readonly TruncatedField[]): string | null {
  if (fields.length === 0) return null;
  const bounds = [...new Set(fields)].map(
    (field) => `${field} stored cut to its first ${TEXT_LIMITS[field].toLocaleString("en")} characters`,
  );
  return `${CUT_MARK} ${bounds.join("; ")}; GitHub has the whole text`;
}
