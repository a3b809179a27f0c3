import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMs, percentile } from '../../src/cli/report/stats.js';
import { formatTable } from '../../src/cli/report/table.js';

describe('percentile', () => {
  it('is one of the samples, between min and max, and grows with p', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (samples, p, q) => {
        const value = percentile(samples, p);
        expect(samples).toContain(value);
        expect(value).toBeGreaterThanOrEqual(Math.min(...samples));
        expect(value).toBeLessThanOrEqual(Math.max(...samples));
        if (p <= q) expect(value).toBeLessThanOrEqual(percentile(samples, q));
      }),
    );
  });

  it('uses the nearest rank', () => {
    const samples = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it('formats milliseconds with precision that fits their size', () => {
    expect([formatMs(0.1234), formatMs(12.345), formatMs(1234.5), formatMs(Number.NaN)]).toEqual(['0.12', '12.3', '1235', '-']);
  });
});

describe('formatTable', () => {
  it('aligns text left and numbers right under a rule', () => {
    const table = formatTable(['tier', 'requests'], [['flex', '52'], ['default', '8']], ['left', 'right']);
    expect(table.split('\n')).toEqual(['tier     requests', '-------  --------', 'flex           52', 'default         8']);
  });

  it('gives every row the same column starts whatever the cell widths', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })), { maxLength: 8 }), (rows) => {
        const safe = rows.map((row) => row.map((cell) => cell.replace(/\s/g, 'x')));
        const lines = formatTable(['a', 'b'], safe).split('\n');
        const secondColumn = lines[1]!.indexOf(' -') + 1;
        for (const [index, row] of safe.entries()) expect(lines[index + 2]!.slice(secondColumn)).toBe(row[1]);
      }),
    );
  });
});
