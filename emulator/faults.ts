// Fault injection: which requests fail and how, from a seeded PRNG so a run
// can be reproduced.
import * as http from "node:http";
import { EmulatorError } from "./errors";
import type { EmulatorResponse } from "./routing";

/**
 * "late" is "applied after the client gave up": the request is held longer
 * than the client waits for an answer and only then applied, so the client
 * sees a timeout and the object appears a moment later.
 */
export type FaultKind = "429" | "5xx" | "drop" | "slow" | "late";

export interface FaultOptions {
  /** Probability (0..1) that a vendor request gets a fault. */
  rate: number;
  /** Picked uniformly; defaults to "429", "5xx", "drop" and "slow" ("late" holds requests for long, so it is asked for by name). */
  kinds?: FaultKind[];
  /** How long a "slow" fault delays the answer; default 30000. */
  slowMs?: number;
  /**
   * How long a "late" fault holds the request before applying it, on the
   * server's clock (EmulatorServerOptions.clock); default 65000, a bit more
   * than the provider's default request timeout of 60 s. Make it longer than
   * the client's EURO_HOSTING_REQUEST_TIMEOUT, measured on the same clock.
   */
  lateHoldMs?: number;
  /** Seed of the fault PRNG, so a run can be reproduced; default 1. */
  seed?: number;
}

/** What an injected fault does to one request. */
export interface FaultPlan {
  kind: FaultKind;
  /** Status to answer with (429, 500, 502, 503); unused for "drop", "slow" and "late". */
  status: number;
  /**
   * Run the handler first and fail only the answer: the vendor applied the
   * change but the client never learns it. Only "5xx" and "drop" do this (half
   * of the time), because those are the failures where real vendors may or may
   * not have committed the write — the case clients find hardest to handle.
   * A "429" is always refused before anything is applied.
   */
  applyFirst: boolean;
  /** Real milliseconds to wait before handling the request ("slow"). */
  delayMs: number;
  /** Milliseconds of the server's clock to hold the request before applying it ("late"). */
  holdMs: number;
}

const DEFAULT_FAULT_KINDS: FaultKind[] = ["429", "5xx", "drop", "slow"];
const ALL_FAULT_KINDS: FaultKind[] = [...DEFAULT_FAULT_KINDS, "late"];
const DEFAULT_LATE_HOLD_MS = 65_000;

export class FaultInjector {
  private readonly random: () => number;
  private readonly kinds: FaultKind[];

  constructor(private readonly options: FaultOptions) {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new RangeError(`fault rate must be within 0..1, got ${options.rate}`);
    this.kinds = options.kinds && options.kinds.length > 0 ? options.kinds : DEFAULT_FAULT_KINDS;
    for (const kind of this.kinds) {
      if (!ALL_FAULT_KINDS.includes(kind)) throw new RangeError(`unknown fault kind ${JSON.stringify(kind)}`);
    }
    const hold = options.lateHoldMs;
    if (hold !== undefined && !(Number.isFinite(hold) && hold >= 0)) throw new RangeError(`lateHoldMs must be >= 0 ms, got ${hold}`);
    this.random = seededRandom(options.seed ?? 1);
  }

  next(): FaultPlan | undefined {
    if (this.random() >= this.options.rate) return undefined;
    const kind = this.kinds[Math.floor(this.random() * this.kinds.length)];
    switch (kind) {
      case "429":
        return { kind, status: 429, applyFirst: false, delayMs: 0, holdMs: 0 };
      case "5xx":
        return { kind, status: [500, 502, 503][Math.floor(this.random() * 3)], applyFirst: this.random() < 0.5, delayMs: 0, holdMs: 0 };
      case "drop":
        return { kind, status: 0, applyFirst: this.random() < 0.5, delayMs: 0, holdMs: 0 };
      case "slow":
        return { kind, status: 0, applyFirst: false, delayMs: this.options.slowMs ?? 30_000, holdMs: 0 };
      case "late":
        return { kind, status: 0, applyFirst: false, delayMs: 0, holdMs: this.options.lateHoldMs ?? DEFAULT_LATE_HOLD_MS };
    }
  }
}

/**
 * A faulted answer: 429 and 500 in the vendor's own error shape (an
 * EmulatorError for its `errorAnswer`), 502/503 as plain text, because those
 * come from the load balancer in front of a vendor, not the vendor's code.
 */
export function faultAnswer(fault: FaultPlan): EmulatorError | EmulatorResponse {
  switch (fault.status) {
    case 429:
      return new EmulatorError(429, "Too many requests", { headers: { "retry-after": "1" } });
    case 500:
      return new EmulatorError(500, "Internal server error");
    default:
      return { status: fault.status, text: `${fault.status} ${http.STATUS_CODES[fault.status]}\n` };
  }
}

/** mulberry32: tiny, fast and good enough to make fault sequences reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
