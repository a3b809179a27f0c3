/** Plain-text tables for the terminal: the demo report and the benchmark results. */

/** Column alignment: text left, numbers right. */
export type Align = 'left' | 'right';

/**
 * Lays rows out in aligned columns, two spaces apart, with a rule under the header.
 * Rows shorter than the header are padded with empty cells.
 *
 * @example
 * formatTable(['tier', 'requests'], [['flex', '52'], ['default', '28']], ['left', 'right']);
 * // tier     requests
 * // ----     --------
 * // flex           52
 * // default        28
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = header.map((title, col) => Math.max(title.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((width, col) => {
        const cell = cells[col] ?? '';
        return (align[col] ?? 'left') === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
