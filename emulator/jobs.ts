// The one job clock of the vendor fakes: asynchronous vendor work (a snapshot
// completing, an order building a server, a VM unlocking) is scheduled at a
// due time on the emulator clock, and the core runs every due job before it
// handles each request, admin requests included (so after /clock/advance the
// next request sees the jobs applied). Vendors neither settle by hand nor
// compare timestamps on read. State that tests also call in-process (past
// the server) runs due jobs at its lookups: `jobs.runDue()` is cheap and
// idempotent.
//
// Jobs are closures and are not persisted. A vendor keeps the due time in its
// stored state (as it always has: `readyAt`, `lockedUntil`, …) and schedules
// the job again from it in restore(); a due time already past runs at the next
// request. That keeps snapshots written before the job clock restorable.
import type { EmulatorClock } from "./clock";

export interface ScheduledJob {
  readonly dueAt: number;
  cancel(): void;
}

interface QueuedJob {
  dueAt: number;
  /** Scheduling order: jobs due at the same time run in the order they were scheduled. */
  sequence: number;
  key: string | undefined;
  run: (dueAt: number) => void;
  cancelled: boolean;
}

export class JobClock {
  private queue: QueuedJob[] = [];
  private sequence = 0;
  private readonly byKey = new Map<string, QueuedJob>();

  constructor(readonly clock: EmulatorClock) {}

  /**
   * Runs `run` once the clock reaches `dueAt`. A `key` names the job: a new
   * job under a key already waiting replaces it (e.g. a VM's lock restarted).
   */
  at(dueAt: number, run: (dueAt: number) => void, key?: string): ScheduledJob {
    if (!Number.isFinite(dueAt)) throw new RangeError(`a job needs a finite due time, got ${dueAt}`);
    if (key !== undefined) this.cancel(key);
    const job: QueuedJob = { dueAt, sequence: this.sequence++, key, run, cancelled: false };
    this.queue.push(job);
    if (key !== undefined) this.byKey.set(key, job);
    return { dueAt, cancel: () => this.drop(job) };
  }

  /** Runs `run` `ms` from now on the emulator clock. */
  after(ms: number, run: (dueAt: number) => void, key?: string): ScheduledJob {
    return this.at(this.clock.now() + ms, run, key);
  }

  /** Cancels the job waiting under `key`, if any. */
  cancel(key: string): void {
    const job = this.byKey.get(key);
    if (job) this.drop(job);
  }

  /** Whether a job is waiting under `key`. */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * Runs every job due by now, earliest due time first (ties in scheduling
   * order). A job that schedules another already due runs it in the same
   * pass. `now` is read once, so a pass is deterministic on a running clock.
   */
  runDue(): number {
    const now = this.clock.now();
    let ran = 0;
    for (let job = this.nextDue(now); job; job = this.nextDue(now)) {
      this.drop(job);
      job.run(job.dueAt);
      ran++;
    }
    return ran;
  }

  /** How many jobs are waiting. */
  get pending(): number {
    return this.queue.length;
  }

  /** Forgets every waiting job (restore() starts from the stored state). */
  clear(): void {
    for (const job of this.queue) job.cancelled = true;
    this.queue = [];
    this.byKey.clear();
  }

  private nextDue(now: number): QueuedJob | undefined {
    let next: QueuedJob | undefined;
    for (const job of this.queue) {
      if (job.dueAt > now) continue;
      if (!next || job.dueAt < next.dueAt || (job.dueAt === next.dueAt && job.sequence < next.sequence)) next = job;
    }
    return next;
  }

  private drop(job: QueuedJob): void {
    if (job.cancelled) return;
    job.cancelled = true;
    this.queue = this.queue.filter((queued) => queued !== job);
    if (job.key !== undefined && this.byKey.get(job.key) === job) this.byKey.delete(job.key);
  }
}
