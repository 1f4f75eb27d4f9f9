const cell = (text: string | number) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
const row = (cells: (string | number)[]) => `| ${cells.map(cell).join(" | ")} |`;

/** A Markdown table, one line per row, pipes and newlines in cells escaped. */
export const markdownTable = (head: string[], rows: (string | number)[][]): string[] => [
  row(head),
  row(head.map(() => "---")),
  ...rows.map(row),
];
