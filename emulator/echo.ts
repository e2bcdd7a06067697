// Echo mode (EmulatorServerOptions.echoRequestsInErrors): error answers that
// repeat the whole request, the way a careless vendor does, for tests that
// the client redacts what a vendor echoes.
import * as http from "node:http";
import { EmulatorError } from "./errors";
import { type EmulatorResponse, type ErrorRenderer, parseBody, renderError } from "./routing";

export interface EchoedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

/**
 * An error answer whose message repeats the whole request — method, path,
 * query, headers (Authorization included) and the raw body — placed where
 * the vendor's error text goes: ZoneID's `X-Status-Message` header, a
 * plain-text body, or the vendor's JSON error shape.
 */
export function withEchoedRequest(incoming: EchoedRequest, response: EmulatorResponse, render: ErrorRenderer): EmulatorResponse {
  if (response.status < 400) return response;
  const query = new URLSearchParams(incoming.query).toString();
  // The values alone too, as a vendor names the ones it refused ("'…' is not valid"), away from their field names.
  const parsed = parseBody(incoming.headers["content-type"], incoming.rawBody);
  const values = parsed.ok ? stringLeaves(parsed.body) : [];
  const echo =
    `request: ${incoming.method} ${incoming.path}${query ? `?${query}` : ""} ` +
    `headers ${JSON.stringify(incoming.headers)} body ${incoming.rawBody.toString("utf8")} values ${JSON.stringify(values)}`;
  const statusMessage = response.headers?.["x-status-message"];
  if (statusMessage !== undefined) {
    return { ...response, headers: { ...response.headers, "x-status-message": headerSafe(`${statusMessage}; ${echo}`) } };
  }
  if (response.text !== undefined) return { ...response, text: `${response.text.trimEnd()}; ${echo}\n` };
  const original = response.body === undefined ? http.STATUS_CODES[response.status] : JSON.stringify(response.body);
  const answer = renderError(render, new EmulatorError(response.status, `${original}; ${echo}`));
  return { ...answer, headers: { ...response.headers, ...mapValues(answer.headers ?? {}, headerSafe) } };
}

function mapValues(values: Record<string, string>, map: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, map(value)]));
}

function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** A header value Node accepts: control and non-Latin-1 characters written as JSON escapes. */
function headerSafe(value: string): string {
  const escape = (char: string) => (char === "\n" ? "\\n" : char === "\r" ? "\\r" : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, escape);
}
