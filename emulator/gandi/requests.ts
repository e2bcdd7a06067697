// What every Gandi route file is handed, request bodies, and paging
// (page/per_page with `Total-Count` and `Link` headers).
import type { EmulatorRequest, EmulatorResponse } from "../core";
import type { CreateAttempt } from "./emulator";
import { validationError } from "./errors";
import type { GandiState } from "./state";

export interface GandiRouteContext {
  state: GandiState;
  /** One page of `items`, with the paging headers. */
  page(req: EmulatorRequest, items: unknown[]): EmulatorResponse;
  /** The API's own URL as the client reached it, base path included. */
  selfUrl(req: EmulatorRequest): string;
  instanceUrl(req: EmulatorRequest, id: string): string;
  /** The `sharing_id` query parameter, refused (403) when the credentials may not bill that organization. */
  checkSharing(req: EmulatorRequest): string | undefined;
  /** Every POST /instances, for tests. */
  createAttempts: CreateAttempt[];
}

/** page/per_page, `Total-Count`, and a `Link` header with rel="next" and rel="last". */
export function page(req: EmulatorRequest, items: unknown[], defaultPerPage: number): EmulatorResponse {
  const page = positiveInteger(req.query.page, "page") ?? 1;
  const perPage = positiveInteger(req.query.per_page, "per_page") ?? defaultPerPage;
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const headers: Record<string, string> = { "total-count": String(items.length) };
  const link = (target: number) => {
    const query = new URLSearchParams({ ...req.query, page: String(target), per_page: String(perPage) });
    return `${origin(req)}${req.path}?${query}`;
  };
  const links: string[] = [];
  if (page < last) links.push(`<${link(page + 1)}>; rel="next"`);
  links.push(`<${link(last)}>; rel="last"`);
  headers.link = links.join(", ");
  return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers };
}

export function origin(req: EmulatorRequest): string {
  return `http://${req.headers.host ?? "127.0.0.1"}`;
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw validationError([{ location: "querystring", name, description: "Must be an integer greater than or equal to 1." }]);
  }
  return parsed;
}

export function body(req: EmulatorRequest): Record<string, unknown> {
  return typeof req.body === "object" && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
}
