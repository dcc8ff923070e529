/**
 * Batches handed to a BatchProcessor and not yet processed. The side that hands them over
 * (a folder pass, an import) waits once more than `ahead` are outstanding, so it runs ahead of
 * processing by that many batches and no further. A failed batch's error comes out where the
 * batch is waited for, never as an unhandled rejection.
 */
export class Handoffs {
  readonly #pending: Promise<unknown>[] = [];

  constructor(private readonly ahead: number) {}

  async add(batch: Promise<unknown>): Promise<void> {
    batch.catch(() => undefined);
    this.#pending.push(batch);
    if (this.#pending.length > this.ahead) await this.#pending.shift();
  }

  /** Waits for every batch, in order; throws the first failure. */
  async finish(): Promise<void> {
    while (this.#pending.length > 0) await this.#pending.shift();
  }

  /** Waits for every batch to end, failed or not: before a lock is let go or an error goes up. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#pending);
  }
}
