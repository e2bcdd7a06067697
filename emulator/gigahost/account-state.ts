// The account area of the Gigahost API (docs/vendor-documents.md, "Gigahost:
// account"): the profile (`GET /account`) with its SSH keys
// (`POST /account/sshkey`, `DELETE /account/sshkey/{id}`), the legacy `/my/*`
// endpoints (Terrahost's document gives their answers) and the deploy
// waitlist. The documents name these paths and little else: every field
// below beyond the `/my/*` examples is the emulator's guess, listed in
// docs/gigahost.md, "Behaviour guessed".
import { createHash } from "node:crypto";
import { EmulatorError } from "../core";

export interface StoredSshKey {
  keyId: string;
  name: string;
  /** The key as sent, `<type> <base64>[ <comment>]`. */
  key: string;
  createdAt: string;
}

export interface StoredReservation {
  waitlistId: string;
  productId: string;
  regionId: string;
  createdAt: string;
}

export interface StoredInvoice {
  inv_id: string;
  order_id: string;
  inv_number: string;
  inv_date: string;
  inv_duedate: string;
  inv_paid: string;
  inv_total: string;
  inv_vat: number;
  inv_total_vat: number;
}

export interface AccountSnapshot {
  sshKeys: StoredSshKey[];
  nextKeyId: number;
  waitlist: StoredReservation[];
  invoices: StoredInvoice[];
}

const KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) ([A-Za-z0-9+/]{16,}={0,3})( [^\r\n]*)?$/;

/** OpenSSH's SHA256 fingerprint of a public key: the base64 of the key blob's digest, unpadded. */
export function sshFingerprint(key: string): string {
  const blob = key.trim().split(/\s+/)[1] ?? "";
  return `SHA256:${createHash("sha256").update(Buffer.from(blob, "base64")).digest("base64").replace(/=+$/, "")}`;
}

export class GigahostAccount {
  private sshKeys: StoredSshKey[] = [];
  private nextKeyId = 1;
  private waitlist: StoredReservation[] = [];
  private invoices: StoredInvoice[] = [];

  constructor(
    private readonly customerId: string,
    private readonly now: () => number,
  ) {}

  /** GET /account: the profile, with the account's SSH keys (guessed shape). */
  profile(username: string): Record<string, unknown> {
    return {
      customer_id: this.customerId,
      email: username,
      name: "Demo Customer",
      company: null,
      country_code: "NO",
      ssh_keys: this.sshKeys.map((key) => this.keyView(key)),
    };
  }

  /** POST /account/sshkey {name, key} (guessed fields): a key already in the account is refused. */
  addSshKey(body: Record<string, unknown>): Record<string, unknown> {
    const name = typeof body.name === "string" ? body.name.trim() : "";
    const key = typeof body.key === "string" ? body.key.trim() : "";
    if (!name) throw new EmulatorError(400, "name is required.");
    if (name.length > 255) throw new EmulatorError(400, "name must be at most 255 characters.");
    if (!KEY.test(key)) throw new EmulatorError(400, "key must be an OpenSSH public key.");
    const fingerprint = sshFingerprint(key);
    if (this.sshKeys.some((existing) => sshFingerprint(existing.key) === fingerprint)) throw new EmulatorError(400, "This SSH key already exists on your account.");
    const stored: StoredSshKey = { keyId: String(this.nextKeyId++), name, key, createdAt: new Date(this.now()).toISOString() };
    this.sshKeys.push(stored);
    return this.keyView(stored);
  }

  removeSshKey(keyId: string): void {
    const index = this.sshKeys.findIndex((key) => key.keyId === keyId);
    if (index < 0) throw new EmulatorError(404, "SSH key not found.");
    this.sshKeys.splice(index, 1);
  }

  /** Out of band (tests): renames a key, as the control panel could. */
  renameSshKey(keyId: string, name: string): void {
    const key = this.sshKeys.find((candidate) => candidate.keyId === keyId);
    if (!key) throw new EmulatorError(404, "SSH key not found.");
    key.name = name;
  }

  keys(): StoredSshKey[] {
    return structuredClone(this.sshKeys);
  }

  /** GET /my/account: Terrahost's documented example shape (`success`, `cust_*`, `cust_contacts`), no envelope. */
  myAccount(username: string): Record<string, unknown> {
    return {
      success: true,
      cust_id: this.customerId,
      cust_name: "Demo Customer",
      cust_company_no: "",
      cust_address: "Exampleveien 1",
      cust_address2: "",
      cust_province: "",
      cust_zipcode: "0123",
      cust_city: "Oslo",
      cust_country: "NO",
      cust_phone: "+47 12345678",
      cust_email: username,
      cust_billing_email: username,
      cust_contacts: [
        {
          contact_id: "1",
          contact_name: "Demo Customer",
          contact_email: username,
          contact_phone: "+47 12345678",
          contact_address: "Exampleveien 1",
          contact_zip: "0123",
          contact_city: "Oslo",
          contact_username: username,
          contact_admin: "1",
        },
      ],
    };
  }

  /** GET /my/invoices: Terrahost's documented example shape, no envelope. */
  myInvoices(): Record<string, unknown> {
    return { success: true, invoices: structuredClone(this.invoices) };
  }

  /** Test seeding: an invoice of the account. */
  addInvoice(invoice: StoredInvoice): void {
    this.invoices.push(structuredClone(invoice));
  }

  /** GET /deploy/waitlist: the account's reservations (guessed shape). */
  reservations(): Record<string, unknown>[] {
    return this.waitlist.map((entry) => ({ waitlist_id: entry.waitlistId, product_id: entry.productId, region_id: entry.regionId, created_at: entry.createdAt }));
  }

  /** DELETE /deploy/waitlist?id= (the parameter is a guess): cancels one reservation. */
  cancelReservation(waitlistId: string | undefined): void {
    if (!waitlistId) throw new EmulatorError(400, "id is required.");
    const index = this.waitlist.findIndex((entry) => entry.waitlistId === waitlistId);
    if (index < 0) throw new EmulatorError(404, "Waitlist entry not found.");
    this.waitlist.splice(index, 1);
  }

  /** Test seeding: a reservation, as an order with `waitlist` would leave. */
  addReservation(entry: Omit<StoredReservation, "createdAt">): void {
    this.waitlist.push({ ...entry, createdAt: new Date(this.now()).toISOString() });
  }

  snapshot(): AccountSnapshot {
    return structuredClone({ sshKeys: this.sshKeys, nextKeyId: this.nextKeyId, waitlist: this.waitlist, invoices: this.invoices });
  }

  restore(snapshot: AccountSnapshot): void {
    this.sshKeys = structuredClone(snapshot.sshKeys ?? []);
    this.nextKeyId = snapshot.nextKeyId ?? this.sshKeys.length + 1;
    this.waitlist = structuredClone(snapshot.waitlist ?? []);
    this.invoices = structuredClone(snapshot.invoices ?? []);
  }

  private keyView(key: StoredSshKey): Record<string, unknown> {
    return { key_id: key.keyId, name: key.name, key: key.key, fingerprint: sshFingerprint(key.key), created_at: key.createdAt };
  }
}
