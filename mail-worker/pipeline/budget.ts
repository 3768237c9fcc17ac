// Bounds the bytes and messages in flight between the sources and the pipeline, so a large backlog cannot fill memory.
// Waiters are served in order, so a large message is not starved by a stream of small ones from other mailboxes.

interface Waiter {
  size: number;
  wake: () => void;
}

export class InFlightBudget {
  #bytes = 0;
  #count = 0;
  readonly #waiters: Waiter[] = [];

  constructor(private readonly maxBytes: number, private readonly maxCount: number) {}

  /** Wait until one more message of this size fits (one larger than the whole budget waits for an empty pipe). */
  async acquire(size: number): Promise<void> {
    if (this.#waiters.length === 0 && this.#fits(size)) {
      this.#charge(size);
      return;
    }
    // Charged by release() at the moment it wakes us, so a burst of releases cannot admit more than fits.
    await new Promise<void>((wake) => this.#waiters.push({ size, wake }));
  }

  release(size: number): void {
    this.#bytes -= size;
    this.#count -= 1;
    // Wake, in order, as many waiters as fit; the rest keep their place.
    while (this.#waiters.length > 0 && this.#fits(this.#waiters[0]!.size)) {
      const waiter = this.#waiters.shift()!;
      this.#charge(waiter.size);
      waiter.wake();
    }
  }

  #charge(size: number): void {
    this.#bytes += size;
    this.#count += 1;
  }

  #fits(size: number): boolean {
    if (this.#count === 0) return true;
    return this.#count + 1 <= this.maxCount && this.#bytes + size <= this.maxBytes;
  }
}
