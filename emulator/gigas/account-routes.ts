// Accounts, their locations and templates (docs/vendor-documents.md,
// "Gigas: accounts and locations", "Gigas: templates"), and the status of a
// queued transaction ("Gigas: transactions"). All read-only.
import type { Route } from "../core";
import { type GigasRouteContext, filterBy, ok } from "./requests";
import type { TransactionRecord } from "./records";

export function accountRoutes({ state: s, page, account }: GigasRouteContext): Route[] {
  return [
    { method: "GET", pattern: "/accounts", handler: (req) => page(req, s.data.accounts) },
    { method: "GET", pattern: "/account/:account/locations", handler: (req) => page(req, s.data.locations.filter((l) => l.account_id === account(req))) },
    {
      method: "GET",
      pattern: "/account/:account/templates",
      handler: (req) => {
        const id = account(req);
        return page(req, filterBy(s.data.templates.filter((t) => t.account_id === id), req.query, ["label", "public", "operating_system", "operating_system_distro", "operating_system_edition", "operating_system_arch", "status", "clone_id"]));
      },
    },
    { method: "GET", pattern: "/account/:account/template/:id", handler: (req) => ok(s.template(account(req), req.params.id)) },
    {
      method: "GET",
      pattern: "/account/:account/transaction/:token/status",
      handler: (req) => ok(transactionStatus(s.transaction(account(req), req.params.token))),
    },
  ];
}

/** Quickstart: `{"status": "pending"}`, then `{"status": "Completed", "updated_at": …}`; a failure differs in its status only. */
function transactionStatus(transaction: TransactionRecord): Record<string, unknown> {
  if (transaction.status === "pending") return { status: "pending" };
  return { status: transaction.status, updated_at: transaction.updated_at };
}
