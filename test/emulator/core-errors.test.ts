// The shared error type, middleware and job clock, seen over HTTP through a
// minimal vendor.
import {
  EmulatorError,
  type EmulatorResponse,
  type EmulatorServer,
  JobClock,
  type Middleware,
  type Route,
  type VendorEmulator,
  clockAdvanceRoute,
  createEmulatorClock,
  invalidField,
  notFound,
  startEmulatorServer,
} from "../../emulator/core";
import { callJson } from "./harness";

class TicketVendor implements VendorEmulator {
  readonly vendor = "tickets";
  readonly basePath = "/tickets/v1";
  readonly clock = createEmulatorClock({ scale: 1e-9 });
  readonly jobs = new JobClock(this.clock);
  closed = new Set<string>();
  /** Layers run, outermost first; each records what it saw come back. */
  seen: string[] = [];

  routes(): Route[] {
    return [
      { method: "GET", pattern: "/tickets/:id", handler: (req) => this.ticket(req.params.id) },
      {
        method: "POST",
        pattern: "/tickets/:id/close",
        handler: (req) => {
          this.jobs.after(60_000, () => this.closed.add(req.params.id));
          return { status: 202, body: { closing: req.params.id } };
        },
      },
      {
        method: "POST",
        pattern: "/tickets",
        handler: () => {
          throw invalidField("title", "is required");
        },
      },
    ];
  }

  middleware(): Middleware[] {
    const stamp: Middleware = async (req, next) => {
      const response = await next();
      this.seen.push(`${req.pattern} -> ${response.status}`);
      return { ...response, headers: { ...response.headers, "x-stamp": "outer" } };
    };
    const guard: Middleware = (req, next) => {
      if (req.headers.authorization !== "Token good") throw new EmulatorError(401, "who are you", { headers: { "www-authenticate": "Token" } });
      return next();
    };
    return [stamp, guard];
  }

  adminRoutes(): Route[] {
    return [
      clockAdvanceRoute(this.clock),
      {
        method: "POST",
        pattern: "/refuse",
        handler: () => {
          throw new EmulatorError(409, "not now", { fields: { id: ["busy"] } });
        },
      },
    ];
  }

  errorAnswer(error: EmulatorError): EmulatorResponse {
    return { status: error.status, body: { problem: error.message, fields: error.fields ?? {} } };
  }

  snapshot(): unknown {
    return { closed: [...this.closed] };
  }

  restore(state: unknown): void {
    this.closed = new Set((state as { closed: string[] }).closed);
  }

  private ticket(id: string): EmulatorResponse {
    if (id === "missing") throw notFound("Ticket missing");
    return { status: 200, body: { id, closed: this.closed.has(id) } };
  }
}

describe("shared emulator mechanisms", () => {
  let vendor: TicketVendor;
  let server: EmulatorServer;
  const auth = "Token good";
  const call = (method: string, path: string, body?: unknown, authorization: string | null = auth) =>
    callJson(`${server.urlFor("tickets")}${path}`, method, body, authorization);

  beforeEach(async () => {
    vendor = new TicketVendor();
    server = await startEmulatorServer([vendor]);
  });
  afterEach(() => server.close());

  it("renders an EmulatorError a handler throws through the vendor's errorAnswer, fields included", async () => {
    const missing = await call("GET", "/tickets/missing");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ problem: "Ticket missing not found", fields: {} });
    const invalid = await call("POST", "/tickets", {});
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ problem: "title is required", fields: { title: ["is required"] } });
  });

  it("renders a refusal at the layer that threw it, so outer layers still see and decorate it; the error's headers are kept", async () => {
    const refused = await call("GET", "/tickets/7", undefined, null);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ problem: "who are you", fields: {} });
    expect(refused.headers.get("www-authenticate")).toBe("Token");
    expect(refused.headers.get("x-stamp")).toBe("outer");
    expect(vendor.seen).toEqual(["/tickets/:id -> 401"]);
  });

  it("renders unknown routes through errorAnswer too", async () => {
    const unknown = await call("GET", "/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ problem: "Endpoint not found.", fields: {} });
  });

  it("answers an admin route's EmulatorError as { error, fields }", async () => {
    const refused = await callJson(`${server.url}/_admin/tickets/refuse`, "POST", {});
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: "not now", fields: { id: ["busy"] } });
  });

  it("runs due jobs before each request and after /clock/advance, and not before they are due", async () => {
    expect((await call("POST", "/tickets/7/close")).status).toBe(202);
    expect((await call("GET", "/tickets/7")).body).toEqual({ id: "7", closed: false });
    expect((await callJson(`${server.url}/_admin/tickets/clock/advance`, "POST", { ms: 59_999 })).status).toBe(200);
    expect(vendor.closed.has("7")).toBe(false);
    await callJson(`${server.url}/_admin/tickets/clock/advance`, "POST", { ms: 1 });
    // Applied before the admin request answered, no vendor request needed.
    expect(vendor.closed.has("7")).toBe(true);
    expect((await call("GET", "/tickets/7")).body).toEqual({ id: "7", closed: true });
    expect((await callJson(`${server.url}/_admin/tickets/clock/advance`, "POST", { ms: -1 })).status).toBe(400);
  });
});
