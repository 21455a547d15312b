/* global Chart, document, window */
/**
 * Draws a chart description (chart-configs.js) into its `<figure data-chart>`: a Chart.js canvas with an
 * accessible name, a message in place of an empty chart, and the same numbers as a table for screen
 * readers and for anyone who prefers figures to bars.
 */

const charts = new Map();

export function setChartDefaults() {
  const style = window.getComputedStyle(document.body);
  Chart.defaults.font.family = style.fontFamily;
  Chart.defaults.color = style.color;
  Chart.defaults.maintainAspectRatio = false;
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) Chart.defaults.animation = false;
}

function part(figure, selector, create) {
  const existing = figure.querySelector(selector);
  if (existing) return existing;
  const element = create();
  figure.append(element);
  return element;
}

function frameOf(figure) {
  return part(figure, ".chart-frame", () => {
    const frame = document.createElement("div");
    frame.className = "chart-frame";
    const empty = document.createElement("p");
    empty.className = "chart-empty";
    frame.append(empty);
    return frame;
  });
}

function tableOf(figure) {
  return part(figure, "details", () => {
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "Show the numbers";
    details.append(summary, document.createElement("table"));
    details.querySelector("table").className = "data-table";
    return details;
  }).querySelector("table");
}

function cell(tag, text, scope) {
  const element = document.createElement(tag);
  element.textContent = text;
  if (scope) element.scope = scope;
  return element;
}

function fillTable(table, description) {
  const head = document.createElement("tr");
  head.append(cell("th", description.rowHeader, "col"));
  for (const set of description.datasets) head.append(cell("th", set.label, "col"));
  const rows = description.rowLabels.map((label, index) => {
    const row = document.createElement("tr");
    row.append(cell("th", label, "row"));
    description.datasets.forEach((set, at) =>
      row.append(cell("td", description.formats[at](set.data[index]))),
    );
    return row;
  });
  table.replaceChildren(document.createElement("thead"), document.createElement("tbody"));
  table.tHead.append(head);
  table.tBodies[0].append(...rows);
}

export function renderChart(id, description) {
  const figure = document.querySelector(`[data-chart="${id}"]`);
  const title = figure.querySelector("h2").textContent;
  const frame = frameOf(figure);
  charts.get(id)?.destroy();
  frame.querySelector("canvas")?.remove();
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute(
    "aria-label",
    `${title}: ${description.datasets.map((set) => set.label).join(", ")} over ${description.labels.length} ` +
      `${description.over}. "Show the numbers" below lists every value.`,
  );
  frame.prepend(canvas);
  // A chart whose rows each need a label (review load) sets its own height; CSS sizes the others.
  frame.style.height = description.heightPx ? `${description.heightPx}px` : "";
  const formats = description.formats;
  charts.set(
    id,
    new Chart(canvas, {
      type: description.type,
      data: { labels: description.labels, datasets: description.datasets },
      options: {
        indexAxis: description.indexAxis ?? "x",
        scales: description.scales,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label}: ${formats[item.datasetIndex](item.raw)}` },
          },
        },
      },
    }),
  );
  const empty = frame.querySelector(".chart-empty");
  empty.textContent = description.empty;
  empty.hidden = description.hasData;
  figure.classList.toggle("is-empty", !description.hasData);
  fillTable(tableOf(figure), description);
}
