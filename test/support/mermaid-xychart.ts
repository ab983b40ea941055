/** A strict reader of the Mermaid xychart-beta blocks the summary writes: malformed ones throw. */
export interface XyChart {
  title: string;
  xTitle: string;
  xLabels: string[];
  yTitle: string;
  yMin: number;
  yMax: number;
  bars: number[][];
  lines: number[][];
  /** the `%%{init: …}%%` directive's configuration, if the block starts with one */
  init: unknown;
}

function quotedList(text: string): string[] {
  const inner = /^\[(.*)\]$/.exec(text.trim());
  if (!inner) throw new Error(`not a list: ${text}`);
  return inner[1].split(',').map((item) => {
    const m = /^\s*"([^"]*)"\s*$/.exec(item) ?? /^\s*([^\s"]+)\s*$/.exec(item);
    if (!m) throw new Error(`bad list item: ${item}`);
    return m[1];
  });
}

export function parseXyChart(block: string): XyChart {
  const lines = block.split('\n').filter((l) => l.trim() !== '');
  const init = /^%%\{init: (.*)\}%%$/.exec(lines[0] ?? '');
  if (init) lines.shift();
  if (lines[0] !== 'xychart-beta')
    throw new Error(`first line is ${JSON.stringify(lines[0])}, not xychart-beta`);
  const chart: Partial<XyChart> = { bars: [], lines: [], init: init ? JSON.parse(init[1]) : undefined };
  for (const line of lines.slice(1)) {
    const text = line.trim();
    const title = /^title "([^"]+)"$/.exec(text);
    const xAxis = /^x-axis "([^"]+)" (\[.*\])$/.exec(text);
    const yAxis = /^y-axis "([^"]+)" (-?\d+(?:\.\d+)?) --> (-?\d+(?:\.\d+)?)$/.exec(text);
    const bar = /^bar (\[.*\])$/.exec(text);
    const lineSeries = /^line (\[.*\])$/.exec(text);
    if (title) chart.title = title[1];
    else if (xAxis) {
      chart.xTitle = xAxis[1];
      chart.xLabels = quotedList(xAxis[2]);
    } else if (yAxis) {
      chart.yTitle = yAxis[1];
      chart.yMin = Number(yAxis[2]);
      chart.yMax = Number(yAxis[3]);
    } else if (bar) {
      const values = quotedList(bar[1]).map(Number);
      if (values.some((v) => !Number.isFinite(v))) throw new Error(`bar has a non-number: ${text}`);
      chart.bars?.push(values);
    } else if (lineSeries) {
      const values = quotedList(lineSeries[1]).map(Number);
      if (values.some((v) => !Number.isFinite(v))) throw new Error(`line has a non-number: ${text}`);
      chart.lines?.push(values);
    } else throw new Error(`unknown line: ${text}`);
  }
  if (!chart.title || !chart.xLabels || chart.yMax === undefined || chart.bars?.length === 0) {
    throw new Error('chart lacks a title, an x-axis, a y-axis or a bar series');
  }
  for (const series of [...(chart.bars ?? []), ...(chart.lines ?? [])]) {
    if (series.length !== chart.xLabels.length) throw new Error('a series does not match the x-axis');
    if (series.some((v) => v < (chart.yMin ?? 0) || v > (chart.yMax ?? 0)))
      throw new Error('a bar is off the y-axis');
  }
  return chart as XyChart;
}

/** Every ```mermaid block in a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
}
