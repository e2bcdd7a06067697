// Admin routes every vendor fake offers the same way (under /_admin/<vendor>).
import type { EmulatorClock } from "./clock";
import { badRequest, objectBody } from "./errors";
import type { EmulatorRequest, Route } from "./routing";

/** POST /clock/advance `{ ms }`: moves the vendor's clock; due jobs run before the answer. */
export function clockAdvanceRoute(clock: EmulatorClock): Route {
  return {
    method: "POST",
    pattern: "/clock/advance",
    handler: (req) => {
      const body = req.body as { ms?: unknown } | undefined;
      const ms = Number(typeof body === "object" && body !== null ? body.ms : undefined);
      if (!Number.isFinite(ms) || ms < 0) throw badRequest("ms must be a non-negative number");
      clock.advance(ms);
      return { status: 200, body: { now: clock.now() } };
    },
  };
}

/** Admin bodies are trusted test input: only their being a JSON object is checked, the helpers validate fields. */
export function adminBody<T>(req: EmulatorRequest): T {
  return objectBody<T>(req.body);
}

/** The `{ ok: true }` most admin writes answer. */
export const adminOk = (status = 200) => ({ status, body: { ok: true } });
