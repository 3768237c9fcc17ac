import { describe, expect, it } from 'vitest';
import { InFlightBudget } from '../../../mail-worker/pipeline/budget.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('InFlightBudget', () => {
  it('admits up to the limits, then serves waiters in order as space frees', async () => {
    const budget = new InFlightBudget(100, 3);
    const admitted: string[] = [];
    const take = (name: string, size: number) => budget.acquire(size).then(() => admitted.push(name));
    void take('a', 60);
    void take('b', 30);
    await tick();
    void take('big', 90); // does not fit beside a and b
    void take('small', 1); // fits, but must not jump the queue
    await tick();
    expect(admitted).toEqual(['a', 'b']);
    budget.release(60);
    await tick();
    expect(admitted).toEqual(['a', 'b']); // 30 + 90 > 100 still
    budget.release(30);
    await tick();
    expect(admitted).toEqual(['a', 'b', 'big', 'small']); // both fit together now, admitted in order
  });

  it('a burst of releases admits no more than fits', async () => {
    const budget = new InFlightBudget(1_000, 10);
    for (let i = 0; i < 10; i++) await budget.acquire(1);
    let admitted = 0;
    for (let i = 0; i < 20; i++) void budget.acquire(1).then(() => admitted++);
    await tick();
    expect(admitted).toBe(0);
    for (let i = 0; i < 5; i++) budget.release(1);
    await tick();
    expect(admitted).toBe(5);
  });

  it('lets a message larger than the whole budget through once the pipe is empty', async () => {
    const budget = new InFlightBudget(10, 5);
    await budget.acquire(1_000);
    let second = false;
    void budget.acquire(1).then(() => (second = true));
    await tick();
    expect(second).toBe(false);
    budget.release(1_000);
    await tick();
    expect(second).toBe(true);
  });
});
