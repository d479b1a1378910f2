import { describe, expect, it } from 'vitest';
import { Deadline } from './deadline.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Deadline', () => {
  it('aborts its signal when the time is up, and says it was the clock', async () => {
    const d = new Deadline(10);
    expect(d.signal.aborted).toBe(false);
    await sleep(40);
    expect(d.signal.aborted).toBe(true);
    expect(d.expired).toBe(true);
  });

  it('cleared in time, it never fires', async () => {
    const d = new Deadline(10);
    d.clear();
    await sleep(40);
    expect(d.signal.aborted).toBe(false);
    expect(d.expired).toBe(false);
  });

  it('clear(true) cancels the call without counting as a timeout', async () => {
    const d = new Deadline(1_000);
    d.clear(true);
    expect(d.signal.aborted).toBe(true);
    expect(d.expired).toBe(false);
  });
});
