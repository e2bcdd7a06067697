// The shapes of ZoneID's successful answers: the body, an X-Status-Message,
// and x-pager-* paging on the lists that page.
import type { EmulatorRequest, EmulatorResponse } from "../core";

export function ok(status: number, body: unknown, message: string): EmulatorResponse {
  return { status, body, headers: { "x-status-message": message } };
}

/** A 204 with only its status message. */
export function noContent(message: string): EmulatorResponse {
  return { status: 204, headers: { "x-status-message": message } };
}

/** Lists the spec gives x-pager-* parameters (zoneid-openapi.json); DNS record lists are not among them. */
const DOCUMENTED_PAGED = [/^\/domain$/, /^\/order\/domain\/?$/, /^\/cloud\/[^/]+$/, /^\/vserver\/[^/]+\//];

/** Answers a list, paged with x-pager-* where the endpoint pages. */
export type Pager = (req: EmulatorRequest, items: unknown[]) => EmulatorResponse;

/**
 * "documented" pages only the lists the spec marks as paged (default 10 per
 * page); "all" pages every list that could be paged.
 */
export function pager(basePath: string, paging: "documented" | "all"): Pager {
  return (req, items) => {
    const relative = req.path.slice(basePath.length);
    const paged = paging === "all" || DOCUMENTED_PAGED.some((pattern) => pattern.test(relative));
    if (!paged) return ok(200, items, "OK");
    const limit = Math.min(100, Math.max(1, Number(req.headers["x-pager-limit"] ?? 10) || 10));
    const pages = Math.max(1, Math.ceil(items.length / limit));
    const page = Math.max(1, Number(req.headers["x-pager-page"] ?? 1) || 1);
    const response = ok(200, items.slice((page - 1) * limit, page * limit), "OK");
    response.headers = {
      ...response.headers,
      "x-pager-enabled": "1",
      "x-pager-page": String(page),
      "x-pager-pages": String(pages),
      "x-pager-limit": String(limit),
      "x-pager-items": String(items.length),
    };
    return response;
  };
}
