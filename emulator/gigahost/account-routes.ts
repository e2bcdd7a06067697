// The account area (docs/vendor-documents.md, "Gigahost: account"): the
// profile and its SSH keys, the legacy `/my/*` endpoints and the deploy
// waitlist. Gigahost's document names these routes; the bodies are guesses
// (docs/gigahost.md, "Behaviour guessed"); `/my/*` answers follow
// Terrahost's documented examples.
import { EmulatorError, type EmulatorRequest, type Route } from "../core";
import { isIPv4, isIPv6 } from "node:net";
import type { GigahostAccount } from "./account-state";
import type { GigahostDnsState } from "./dns-state";
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

/**
 * GET /dns/dyndns?hostname=&myip=&myipv6= (docs/vendor-documents.md,
 * "Gigahost: DNS"): HTTP Basic only, plain-text answers in the dyndns
 * protocol's words (good/nochg/nohost/…). Which words for which case, and
 * that the name's A (AAAA) records are replaced by the one address, are the
 * emulator's guesses (docs/gigahost.md, "Behaviour guessed").
 */
export function dyndnsRoute(dns: DynDnsZones): Route {
  return {
    method: "GET",
    pattern: "/dns/dyndns",
    handler: (req) => {
      const text = (answer: string) => ({ status: 200, text: `${answer}\n` });
      if (!/^Basic\s/i.test(req.headers.authorization ?? "")) return text("badauth");
      const hostname = (req.query.hostname ?? "").trim().toLowerCase().replace(/\.$/, "");
      if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(hostname)) return text("notfqdn");
      const addresses: [string, string | undefined][] = [
        ["A", req.query.myip],
        ["AAAA", req.query.myipv6],
      ];
      if (!addresses.some(([, address]) => address)) return text("911");
      if ((req.query.myip && !isIPv4(req.query.myip)) || (req.query.myipv6 && !isIPv6(req.query.myipv6))) return text("911");
      const zone = dns
        .zones()
        .filter((candidate) => hostname === candidate.zone_name || hostname.endsWith(`.${candidate.zone_name}`))
        .sort((a, b) => b.zone_name.length - a.zone_name.length)[0];
      if (!zone) return text("nohost");
      const name = hostname === zone.zone_name ? "@" : hostname.slice(0, -(zone.zone_name.length + 1));
      let changed = false;
      for (const [type, address] of addresses) {
        if (!address) continue;
        const current = dns.records(zone.zone_id).filter((record) => record.record_name === name && record.record_type === type);
        if (current.length === 1 && current[0].record_value === address) continue;
        if (current.length) dns.removeRecordSet(zone.zone_id, name, type);
        dns.addRecord(zone.zone_id, { name, type, value: address, ttl: 60, priority: null });
        changed = true;
      }
      return text(`${changed ? "good" : "nochg"} ${[req.query.myip, req.query.myipv6].filter(Boolean).join(" ")}`);
    },
  };
}

type DynDnsZones = Pick<GigahostDnsState, "zones" | "records" | "removeRecordSet" | "addRecord">;
