import { Clock } from "../clock";
import { formatDuration } from "../duration";
import { RequestPacer } from "../http";
import { Logger } from "../log";

/**
 * ZoneID allows 60 requests per minute per IP and answers 429 past that
 * ("Rate limit", ZoneID API v2 documentation). Every resource of a deployment runs in
 * one provider process and shares that budget, so one limiter per endpoint
 * and account paces all of them: a sliding window that lets at most `limit`
 * requests start in any `windowMs`, corrected by what the API reports.
 *
 * - A request counts from when it starts until a window after its answer
 *   arrived: the vendor counted it somewhere in between, and a burst of
 *   requests sent together reaches the vendor spread out. Counting from the
 *   start alone lets the next burst through while the vendor still counts
 *   the late arrivals of the last one (a 429 at 60x time).
 * - `X-Ratelimit-Limit` replaces the assumed limit.
 * - `X-Ratelimit-Remaining` lower than our own count means someone else
 *   (another process, a script on the same IP) spends the budget too: the
 *   difference is booked as spent now, so we slow down instead of hitting 429.
 * - A 429 that still happens blocks every request until `Retry-After` passes,
 *   or, without one, until a whole window has passed.
 */
export interface RateLimiterOptions {
  clock: Clock;
  logger: Logger;
  /** Assumed until the API reports its own; default 60. */
  limit?: number;
  /** Default 60 000 ms. */
  windowMs?: number;
  /**
   * Extra spacing added to the window: request start times on our side and
   * arrival times on the vendor's differ by network jitter. Default 1500 ms.
   */
  guardMs?: number;
  /** Minimum time between two "waiting for the rate limit" lines. Default 15 000 ms. */
  logEveryMs?: number;
  /** Label for log lines, e.g. "ZoneID". */
  label?: string;
}

export class SlidingWindowLimiter implements RequestPacer {
  private limit: number;
  private readonly windowMs: number;
  private readonly guardMs: number;
  private readonly logEveryMs: number;
  /** When each request in the current window started, or when its answer came; oldest first. */
  private started: number[] = [];
  /** Start times of requests still waiting for their answer. */
  private readonly inFlight: number[] = [];
  private blockedUntil = 0;
  private lastLogAt = Number.NEGATIVE_INFINITY;
  private waiting = 0;
  /** Requests delayed by the limiter, for tests and log lines. */
  delayedRequests = 0;
  /** 429 answers seen. */
  rateLimitedAnswers = 0;

  constructor(private readonly options: RateLimiterOptions) {
    this.limit = options.limit ?? 60;
    this.windowMs = options.windowMs ?? 60_000;
    this.guardMs = options.guardMs ?? 1500;
    this.logEveryMs = options.logEveryMs ?? 15_000;
  }

  async beforeRequest(): Promise<void> {
    const { clock } = this.options;
    let delayed = false;
    for (;;) {
      const now = clock.now();
      this.forget(now);
      const wait = this.blockedUntil > now ? this.blockedUntil - now : this.started.length >= this.limit ? this.started[0] + this.span() - now : 0;
      if (wait <= 0) {
        this.started.push(now);
        this.inFlight.push(now);
        return;
      }
      if (!delayed) {
        delayed = true;
        this.delayedRequests++;
      }
      this.waiting++;
      this.logProgress(now, wait);
      try {
        await clock.sleep(wait);
      } finally {
        this.waiting--;
      }
    }
  }

  afterResponse(status: number, headers: Record<string, string>): void {
    const now = this.options.clock.now();
    this.countFromAnswer(now);
    const limit = Number(headers["x-ratelimit-limit"]);
    if (Number.isInteger(limit) && limit > 0) this.limit = limit;
    if (status === 429) {
      this.rateLimitedAnswers++;
      const retryAfter = retryAfterMs(headers["retry-after"]);
      this.blockedUntil = Math.max(this.blockedUntil, now + (retryAfter ?? this.span()));
      return;
    }
    const remaining = Number(headers["x-ratelimit-remaining"]);
    if (!Number.isInteger(remaining) || remaining < 0) return;
    this.forget(now);
    // Requests the vendor counted that we did not start: book them as spent now.
    const unaccounted = this.limit - remaining - this.started.length;
    for (let i = 0; i < unaccounted; i++) this.started.push(now);
  }

  /** A request that got no answer counts from now, like an answered one, and frees its place in the in-flight queue. */
  afterNoAnswer(): void {
    this.countFromAnswer(this.options.clock.now());
  }

  /** Requests counted in the current window; for tests. */
  inWindow(): number {
    this.forget(this.options.clock.now());
    return this.started.length;
  }

  /** Moves the oldest unanswered request's entry to the time of its answer. */
  private countFromAnswer(now: number): void {
    const startedAt = this.inFlight.shift();
    if (startedAt === undefined) return;
    const index = this.started.indexOf(startedAt);
    if (index < 0) return;
    this.started.splice(index, 1);
    this.started.push(now);
  }

  private span(): number {
    return this.windowMs + this.guardMs;
  }

  private forget(now: number): void {
    while (this.started.length > 0 && this.started[0] + this.span() <= now) this.started.shift();
  }

  private logProgress(now: number, wait: number): void {
    if (now - this.lastLogAt < this.logEveryMs) return;
    this.lastLogAt = now;
    const label = this.options.label ?? "API";
    this.options.logger.info(
      `${label}: pacing to ${this.limit} requests per ${formatDuration(this.windowMs)}; ` +
        `${this.waiting} request(s) waiting, next slot in ${formatDuration(wait)}`,
    );
  }
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header || !/^\d+(\.\d+)?$/.test(header.trim())) return undefined;
  return Math.round(Number(header.trim()) * 1000);
}
