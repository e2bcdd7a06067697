import { z } from "zod";
import { unlessGone } from "../errors";
import { HttpCore } from "../http";
import { urlPath } from "../urlPath";
import { acknowledgement } from "./envelope";
import {
  AccountWire,
  MyAccountWire,
  MyInvoicesWire,
  SshKeyBody,
  SshKeyWire,
  WaitlistEntryWire,
  accountAnswer,
  myAccountWire,
  myInvoicesWire,
  sshKeyCreated,
  sshKeyWire,
  waitlistWire,
} from "./accountWire";

/** `/account` and its SSH keys, the deploy waitlist (Gigahost), and the legacy `/my/*` (both brands). */
export class AccountApi {
  constructor(private readonly http: HttpCore) {}

  /** GET /account: the profile, with the account's SSH keys. */
  async get(): Promise<AccountWire> {
    const { body } = await this.http.request({ method: "GET", path: "/account", schema: accountAnswer });
    return body.data;
  }

  async sshKeys(): Promise<SshKeyWire[]> {
    return (await this.get()).ssh_keys ?? [];
  }

  /** POST /account/sshkey. Never retried here: callers reconcile by fingerprint. Resolves the new key when the answer carries it. */
  async addSshKey(body: SshKeyBody): Promise<SshKeyWire | undefined> {
    const { body: answer } = await this.http.request({ method: "POST", path: "/account/sshkey", body, schema: sshKeyCreated, retry: false });
    const parsed = sshKeyWire.safeParse(answer.data);
    return parsed.success ? parsed.data : undefined;
  }

  /** DELETE /account/sshkey/{id}; false when the key was already gone (404). */
  async deleteSshKey(keyId: string): Promise<boolean> {
    return (await unlessGone(this.http.request({ method: "DELETE", path: urlPath`/account/sshkey/${keyId}`, schema: acknowledgement }))) !== undefined;
  }

  /** GET /my/account (legacy; API keys get 403, a session or Basic credentials are needed). */
  async myAccount(): Promise<MyAccountWire> {
    const { body } = await this.http.request({ method: "GET", path: "/my/account", schema: myAccountWire });
    return body;
  }

  /** GET /my/invoices (legacy; as /my/account). */
  async myInvoices(): Promise<MyInvoicesWire> {
    const { body } = await this.http.request({ method: "GET", path: "/my/invoices", schema: myInvoicesWire });
    return body;
  }

  /** GET /deploy/waitlist (Gigahost). */
  async waitlist(): Promise<WaitlistEntryWire[]> {
    const { body } = await this.http.request({ method: "GET", path: "/deploy/waitlist", schema: waitlistWire });
    return body.data;
  }

  /** DELETE /deploy/waitlist?id= (the parameter is a guess); false when the reservation was already gone. */
  async cancelReservation(waitlistId: string): Promise<boolean> {
    return (await unlessGone(this.http.request({ method: "DELETE", path: "/deploy/waitlist", query: { id: waitlistId }, schema: acknowledgement, retry: false }))) !== undefined;
  }

  /**
   * GET /dns/dyndns: points `hostname` at the addresses. Documented for HTTP
   * Basic only, so the caller passes the Basic header; the answer is plain
   * text in the dyndns protocol's words (good, nochg, nohost, …).
   */
  async dyndns(query: { hostname: string; myip?: string; myipv6?: string }, basicAuthorization: string): Promise<string> {
    const { body } = await this.http.request({
      method: "GET",
      path: "/dns/dyndns",
      query,
      schema: z.string(),
      authenticated: false,
      headers: { Authorization: basicAuthorization },
    });
    return body.trim();
  }
}
