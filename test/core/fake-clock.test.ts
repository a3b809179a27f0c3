import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/fake-clock.js';

describe('FakeClock', () => {
  it('fires due timers earliest first, same-time timers in the order they were set, each at its due time', () => {
    const clock = new FakeClock(100);
    const fired: string[] = [];
    const record = (name: string) => () => fired.push(`${name}@${clock.now()}`);
    clock.setTimeout(record('late'), 30);
    clock.setTimeout(record('first-at-10'), 10);
    clock.setTimeout(record('second-at-10'), 10);
    clock.setTimeout(record('beyond'), 31);

    clock.advance(30);
    expect(fired).toEqual(['first-at-10@110', 'second-at-10@110', 'late@130']);
    expect(clock.now()).toBe(130);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('fires timers set by a firing timer within the same advance when they fall due', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      clock.setTimeout(() => fired.push(clock.now()), 5);
      clock.setTimeout(() => fired.push(clock.now()), 50);
    }, 10);
    clock.advance(20);
    expect(fired).toEqual([15]);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('treats zero, negative and non-number delays as due at once', () => {
    const clock = new FakeClock();
    let count = 0;
    clock.setTimeout(() => count++, 0);
    clock.setTimeout(() => count++, -5);
    clock.setTimeout(() => count++, Number.NaN);
    expect(count).toBe(0); // nothing fires until time is advanced
    clock.advance(0);
    expect(count).toBe(3);
  });

  it('does not fire cleared timers and ignores unknown handles', () => {
    const clock = new FakeClock();
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 10);
    clock.clearTimeout(handle);
    clock.clearTimeout('not a handle');
    clock.clearTimeout(handle);
    clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('refuses to move backwards or to nest advances', () => {
    const clock = new FakeClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(/finite number >= 0/);
    clock.setTimeout(() => clock.advance(1), 1);
    expect(() => clock.advance(5)).toThrow(/inside a timer/);
  });

  it('lets a throwing timer propagate and keeps later timers pending', () => {
    const clock = new FakeClock();
    clock.setTimeout(() => {
      throw new Error('boom');
    }, 5);
    let later = false;
    clock.setTimeout(() => (later = true), 8);
    expect(() => clock.advance(10)).toThrow('boom');
    expect(clock.now()).toBe(5);
    expect(later).toBe(false);
    clock.advance(5);
    expect(later).toBe(true);
  });
});
