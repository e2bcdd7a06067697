// Admin routes: the server's own (under /_admin) and those every vendor fake
// offers the same way (under /_admin/<vendor>).
import type { EmulatorClock } from "./clock";
import { badRequest, objectBody } from "./errors";
import type { FaultKind } from "./faults";
import { type EmulatorRequest, type EmulatorResponse, type Route, bodyFields } from "./routing";
import type { EmulatorServer } from "./server";

/** POST /clock/advance `{ ms }`: moves the vendor's clock; due jobs run before the answer. */
export function clockAdvanceRoute(clock: EmulatorClock): Route {
  return {
    method: "POST",
    pattern: "/clock/advance",
    handler: (req) => {
      const ms = Number(bodyFields(req.body).ms);
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

/** The server's own admin routes (/_admin/requests, /faults, /latency, /echo). */
export function serverAdminRoutes(server: EmulatorServer): Route[] {
  const ok = adminOk();
  return [
    { method: "GET", pattern: "/requests", handler: () => ({ status: 200, body: server.requests }) },
    { method: "DELETE", pattern: "/requests", handler: () => (server.resetRequests(), ok) },
    {
      method: "POST",
      pattern: "/faults",
      handler: (req) => {
        const body = bodyFields(req.body);
        const number = (value: unknown) => (value === undefined ? undefined : Number(value));
        const kinds = Array.isArray(body.kinds) ? (body.kinds as FaultKind[]) : undefined;
        const faults = { rate: Number(body.rate ?? 0), kinds, slowMs: number(body.slowMs), lateHoldMs: number(body.lateHoldMs), seed: number(body.seed) };
        return rangeChecked(() => server.setFaults(faults), ok);
      },
    },
    { method: "POST", pattern: "/latency", handler: (req) => rangeChecked(() => server.setLatency(Number(bodyFields(req.body).ms)), ok) },
    { method: "POST", pattern: "/echo", handler: (req) => (server.setEchoRequestsInErrors(bodyFields(req.body).enabled === true), ok) },
  ];
}

/** A setter's RangeError as a 400 naming what was refused. */
function rangeChecked(apply: () => void, ok: EmulatorResponse): EmulatorResponse {
  try {
    apply();
  } catch (error) {
    if (error instanceof RangeError) throw badRequest(error.message);
    throw error;
  }
  return ok;
}
