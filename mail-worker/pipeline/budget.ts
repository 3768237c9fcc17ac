// Bounds the bytes and messages in flight between a source and the pipeline, so a large backlog cannot fill memory.

export class InFlightBudget {
  #bytes = 0;
  #count = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(private readonly maxBytes: number, private readonly maxCount: number) {}

  /** Wait until one more message of this size fits (a message larger than the budget waits for an empty pipe). */
  async acquire(size: number): Promise<void> {
    while (this.#count > 0 && (this.#count >= this.maxCount || this.#bytes + size > this.maxBytes)) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    this.#bytes += size;
    this.#count += 1;
  }

  release(size: number): void {
    this.#bytes -= size;
    this.#count -= 1;
    for (const wake of this.#waiters.splice(0)) wake();
  }
}
