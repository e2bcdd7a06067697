// The account area (docs/vendor-documents.md, "Gigahost: account"): the
// profile and its SSH keys, the legacy `/my/*` endpoints and the deploy
// waitlist. Gigahost's document names these routes; the bodies are guesses
// (docs/gigahost.md, "Behaviour guessed"); `/my/*` answers follow
// Terrahost's documented examples.
import { EmulatorError, type EmulatorRequest, type Route } from "../core";
import type { GigahostAccount } from "./account-state";
import { envelope, requestFields } from "./envelope";

/**
 * API-key tokens get 403 on the legacy `/my/*` endpoints (verified live,
 * docs/gigahost.md, "Vendor quirks handled"): only a session token or Basic
 * credentials reach them.
 */
function refuseApiKey(req: EmulatorRequest): void {
  if (/^Bearer\s+flux_live_/i.test(req.headers.authorization ?? "")) throw new EmulatorError(403, "API keys cannot access this endpoint.");
}

export function accountRoutes(account: GigahostAccount, username: () => string): Route[] {
  return [
    { method: "GET", pattern: "/account", handler: () => envelope(200, { data: account.profile(username()) }) },
    {
      method: "POST",
      pattern: "/account/sshkey",
      handler: (req) => envelope(201, { message: "SSH key added successfully.", data: account.addSshKey(requestFields(req)) }),
    },
    {
      method: "DELETE",
      pattern: "/account/sshkey/:keyId",
      handler: (req) => {
        account.removeSshKey(req.params.keyId);
        return envelope(200, { message: "SSH key deleted successfully." });
      },
    },
    {
      method: "GET",
      pattern: "/my/account",
      handler: (req) => {
        refuseApiKey(req);
        return { status: 200, body: account.myAccount(username()) };
      },
    },
    {
      method: "GET",
      pattern: "/my/invoices",
      handler: (req) => {
        refuseApiKey(req);
        return { status: 200, body: account.myInvoices() };
      },
    },
  ];
}

/** The deploy waitlist (Gigahost only). */
export function waitlistRoutes(account: GigahostAccount): Route[] {
  return [
    { method: "GET", pattern: "/deploy/waitlist", handler: () => envelope(200, { data: account.reservations() }) },
    {
      method: "DELETE",
      pattern: "/deploy/waitlist",
      handler: (req) => {
        account.cancelReservation(req.query.id);
        return envelope(200, { message: "Waitlist entry removed." });
      },
    },
  ];
}
