// A one-line progress bar on a terminal (stderr); silent when stderr is not a TTY.

export class Progress {
  #last = 0;
  readonly #tty: boolean;

  constructor(private readonly total: number, private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.#tty = Boolean(stream.isTTY);
  }

  update(done: number, detail: string): void {
    if (!this.#tty) return;
    const now = Date.now();
    if (now - this.#last < 100 && done < this.total) return;
    this.#last = now;
    const width = 30;
    const ratio = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, '.');
    this.stream.write(`\r[${bar}] ${done}/${this.total} ${detail}\u001b[K`);
  }

  done(): void {
    if (this.#tty) this.stream.write('\n');
  }
}
