import { Clock, realClock } from "./clock";

/**
 * The age that keeps a listing for as long as the provider process lives, i.e.
 * for one CLI command, until a write drops or amends it: for a vendor whose
 * rate limit makes a long refresh outlive any fixed age (ZoneID).
 */
export const FOR_THE_WHOLE_COMMAND = Number.POSITIVE_INFINITY;

/**
 * Listings shared by the reads of one Pulumi command. Every CLI command
 * (`up`, `refresh`, `destroy`) starts a fresh provider process, so a listing
 * cached for a few seconds serves a whole refresh burst — one call per zone
 * instead of one per record — and can never outlive the command (with
 * `FOR_THE_WHOLE_COMMAND` as its age it serves the whole command). Concurrent
 * callers share one in-flight request. Writes invalidate the entry; callers
 * that just wrote ask for a fresh listing, which refreshes the entry.
 */
export class ShortLivedCache<T> {
  private readonly entries = new Map<string, { value: T; fetchedAt: number }>();
  private readonly inFlight = new Map<string, { promise: Promise<T>; generation: number }>();
  /** Bumped by every invalidation: a fetch begun before a write must not be reused or kept. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly clock: Clock = realClock,
  ) {}

  /**
   * A listing no older than the cache's age (or `maxAgeMs`, when a caller
   * needs a younger one), or a new one shared with concurrent callers.
   */
  get(key: string, fetch: () => Promise<T>, maxAgeMs = this.maxAgeMs): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && this.clock.now() - entry.fetchedAt <= Math.min(maxAgeMs, this.maxAgeMs)) return Promise.resolve(entry.value);
    return this.refresh(key, fetch);
  }

  /** Always fetches (joining a request begun since the last write), and keeps the result. */
  refresh(key: string, fetch: () => Promise<T>): Promise<T> {
    const generation = this.generations.get(key) ?? 0;
    const pending = this.inFlight.get(key);
    if (pending && pending.generation === generation) return pending.promise;
    const promise = fetch()
      .then((value) => {
        if ((this.generations.get(key) ?? 0) === generation) {
          this.entries.set(key, { value, fetchedAt: this.clock.now() });
        }
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, { promise, generation });
    return promise;
  }

  /**
   * After a write whose answer says what changed: the cached listing, if
   * any, becomes `update(listing)`; a fetch begun before the write is not kept.
   */
  amend(key: string, update: (value: T) => T): void {
    const entry = this.entries.get(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    if (entry) this.entries.set(key, { value: update(entry.value), fetchedAt: entry.fetchedAt });
  }

  /** Call before writing: later reads see nothing fetched before the write. */
  invalidate(key: string): void {
    this.entries.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }
}
