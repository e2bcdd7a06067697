// Routes, the one way every vendor declares its API: a table of
// `{ method, pattern, handler }` per area of the API (e.g. gigahost/dns-routes.ts),
// concatenated by the vendor's routes(). Concerns every route shares
// (authentication, rate limits, a document check) are middleware, not
// per-route wrappers. Handlers and middleware throw EmulatorError to refuse;
// runRoute renders it at the layer that threw, so an outer layer (ZoneID's
// rate-limit headers) still sees and decorates the refusal.
import { EmulatorError } from "./errors";
import { MultipartError, parseMultipart } from "./multipart";

export interface EmulatorRequest {
  method: string;
  /** The full request path, base path included. */
  path: string;
  /** The pattern of the route that matched, e.g. "/dns/zones/:zoneId" (middleware reads it). */
  pattern: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  /** Parsed JSON; for multipart/form-data an object of fields (file fields hold their content as a utf-8 string). */
  body: unknown;
  rawBody: Buffer;
}

export interface EmulatorResponse {
  status: number;
  /** Serialised as JSON. */
  body?: unknown;
  /** Plain text instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: EmulatorRequest) => Promise<EmulatorResponse> | EmulatorResponse;

export interface Route {
  method: string;
  /** Relative to the vendor's base path; `:name` segments become params, e.g. "/dns/zones/:zoneId". */
  pattern: string;
  handler: RouteHandler;
}

/**
 * One layer around every route of a vendor: it may refuse (throw), answer
 * itself, or call `next()` and adjust the answer. `next()` never throws an
 * EmulatorError: inner refusals arrive rendered.
 */
export type Middleware = (req: EmulatorRequest, next: () => Promise<EmulatorResponse>) => Promise<EmulatorResponse> | EmulatorResponse;

/** Renders a refusal as the vendor answers it. */
export type ErrorRenderer = (error: EmulatorError) => EmulatorResponse;

/**
 * Runs a route's handler inside `middleware` (outermost first). An
 * EmulatorError thrown by the handler or a layer becomes `render(error)` right
 * there; any other exception propagates (the server answers it as a crash).
 */
export async function runRoute(route: Route, middleware: readonly Middleware[], req: EmulatorRequest, render: ErrorRenderer): Promise<EmulatorResponse> {
  const layer = async (index: number): Promise<EmulatorResponse> => {
    try {
      if (index === middleware.length) return await route.handler(req);
      return await middleware[index](req, () => layer(index + 1));
    } catch (error) {
      if (error instanceof EmulatorError) return renderError(render, error);
      throw error;
    }
  };
  return layer(0);
}

/** A rendered refusal: the vendor's answer, plus the headers the error itself carries (e.g. `retry-after`). */
export function renderError(render: ErrorRenderer, error: EmulatorError): EmulatorResponse {
  const answer = render(error);
  return error.headers ? { ...answer, headers: { ...error.headers, ...answer.headers } } : answer;
}

export function matchRoute(routes: readonly Route[], method: string, relativePath: string): { route: Route; params: Record<string, string> } | undefined {
  const segments = splitPath(relativePath);
  for (const route of routes) {
    if (route.method.toUpperCase() !== method) continue;
    const patternSegments = splitPath(route.pattern);
    if (patternSegments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = patternSegments.every((expected, i) => {
      if (expected.startsWith(":")) {
        params[expected.slice(1)] = safeDecode(segments[i]);
        return true;
      }
      return expected === segments[i];
    });
    if (matches) return { route, params };
  }
  return undefined;
}

export function isUnder(requestPath: string, prefix: string): boolean {
  return requestPath === prefix || requestPath.startsWith(prefix + "/");
}

export type ParsedBody = { ok: true; body: unknown } | { ok: false; message: string };

export function parseBody(contentType: string | undefined, rawBody: Buffer): ParsedBody {
  const type = (contentType ?? "").toLowerCase();
  if (rawBody.length === 0) return { ok: true, body: undefined };
  if (type.includes("json")) {
    try {
      return { ok: true, body: JSON.parse(rawBody.toString("utf8")) };
    } catch {
      return { ok: false, message: "Invalid JSON body." };
    }
  }
  if (type.startsWith("multipart/form-data")) {
    try {
      return { ok: true, body: parseMultipart(rawBody, contentType ?? "") };
    } catch (error) {
      if (error instanceof MultipartError) return { ok: false, message: "Invalid multipart body." };
      throw error;
    }
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { ok: true, body: Object.fromEntries(new URLSearchParams(rawBody.toString("utf8"))) };
  }
  return { ok: true, body: undefined };
}

function splitPath(value: string): string[] {
  return value.split("/").filter((segment) => segment !== "");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
