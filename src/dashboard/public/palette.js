/* global document */
/**
 * Colours from the Okabe–Ito palette, which stays distinguishable with colour-vision deficiencies, and
 * hatching for the second series of a pair, so no chart depends on colour alone.
 */
export const COLOURS = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  sky: "#56B4E9",
  grey: "#6B7280",
};

const patterns = new Map();

/** A diagonal hatch of `colour` on a pale tint of it, usable wherever Chart.js takes a colour. */
export function hatch(colour) {
  if (patterns.has(colour)) return patterns.get(colour);
  const size = 8;
  const tile = document.createElement("canvas");
  tile.width = size;
  tile.height = size;
  const context = tile.getContext("2d");
  context.fillStyle = `${colour}40`;
  context.fillRect(0, 0, size, size);
  context.strokeStyle = colour;
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(0, size);
  context.lineTo(size, 0);
  context.moveTo(-2, 2);
  context.lineTo(2, -2);
  context.moveTo(size - 2, size + 2);
  context.lineTo(size + 2, size - 2);
  context.stroke();
  const pattern = context.createPattern(tile, "repeat");
  patterns.set(colour, pattern);
  return pattern;
}
