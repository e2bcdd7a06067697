import { isIPv4, isIPv6 } from "node:net";
import { ApiError } from "../../provider/errors";
import { BRAND_LABELS, Brand, gigahostClient } from "../../provider/gigahost/client";
import { programConfigSource } from "../../provider/programSettings";
import { registerSecret } from "../../provider/redact";
import { vendorSettings } from "../../provider/settings";
import { pathSegmentArgument } from "../../provider/urlPath";
import { SshKeyState, sshKeyFingerprint } from "./sshKey";

/**
 * The account lookups (docs/gigahost.md, "Lookups"): the profile and its SSH
 * keys, the legacy `/my/*` account and invoices (both brands; Terrahost's are
 * bound in resources/terrahost/lookups.ts), the deploy waitlist, and dyndns.
 */

const client = (brand: Brand) => gigahostClient(brand, programConfigSource);

export interface Account {
  customerId: string | null;
  email: string | null;
  name: string | null;
  company: string | null;
  countryCode: string | null;
  /** The account's SSH keys; `publicKey` is what `DeployedServer.sshKeys` takes. */
  sshKeys: SshKeyState[];
}

/** GET /account: the profile and its SSH keys (Gigahost). */
export async function getAccount(): Promise<Account> {
  const account = await client("gigahost").account.get();
  return {
    customerId: account.customer_id ?? null,
    email: account.email,
    name: account.name,
    company: account.company,
    countryCode: account.country_code,
    sshKeys: (account.ssh_keys ?? []).map((key) => ({
      keyId: key.key_id,
      name: key.name,
      publicKey: key.key,
      fingerprint: sshKeyFingerprint(key.key),
      createdAt: key.created_at ?? null,
    })),
  };
}

export interface MyAccount {
  customerId: string;
  name: string | null;
  companyNumber: string | null;
  address: string | null;
  address2: string | null;
  province: string | null;
  zipCode: string | null;
  city: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  billingEmail: string | null;
  contacts: { contactId: string; name: string | null; email: string | null; phone: string | null; address: string | null; zipCode: string | null; city: string | null; username: string | null; admin: boolean }[];
}

export interface Invoice {
  invoiceId: string;
  orderId: string | null;
  orderNumber: string | null;
  number: string | null;
  fileName: string | null;
  /** Invoice date, ISO 8601 (Gigahost sends unix seconds). */
  date: string | null;
  dueDate: string | null;
  paid: boolean;
  total: number | null;
  vat: number | null;
  totalWithVat: number | null;
}

/** The wire schema already reads numbers-as-strings: absent is null. */
const numberOrNull = (value: number | null | undefined) => (typeof value === "number" && Number.isFinite(value) ? value : null);
const blankToNull = (value: string | null | undefined) => (value === undefined || value === null || value === "" ? null : value);
const isoFromUnix = (value: number | null | undefined) => (value === null || value === undefined ? null : new Date(value * 1000).toISOString());

/** API keys get 403 on `/my/*` (verified live): say what works instead. */
async function legacy<T>(brand: Brand, name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      throw new Error(
        `${name}: ${BRAND_LABELS[brand]} refuses API keys on its /my endpoints (${error.vendorMessage ?? "403"}); ` +
          `configure ${brand}:username and ${brand}:password (a login session) for this lookup`,
      );
    }
    throw error;
  }
}

export async function readMyAccount(brand: Brand): Promise<MyAccount> {
  const account = await legacy(brand, "getMyAccount", () => client(brand).account.myAccount());
  return {
    customerId: account.cust_id,
    name: blankToNull(account.cust_name),
    companyNumber: blankToNull(account.cust_company_no),
    address: blankToNull(account.cust_address),
    address2: blankToNull(account.cust_address2),
    province: blankToNull(account.cust_province),
    zipCode: blankToNull(account.cust_zipcode),
    city: blankToNull(account.cust_city),
    country: blankToNull(account.cust_country),
    phone: blankToNull(account.cust_phone),
    email: blankToNull(account.cust_email),
    billingEmail: blankToNull(account.cust_billing_email),
    contacts: (account.cust_contacts ?? []).map((contact) => ({
      contactId: contact.contact_id,
      name: blankToNull(contact.contact_name),
      email: blankToNull(contact.contact_email),
      phone: blankToNull(contact.contact_phone),
      address: blankToNull(contact.contact_address),
      zipCode: blankToNull(contact.contact_zip),
      city: blankToNull(contact.contact_city),
      username: blankToNull(contact.contact_username),
      admin: contact.contact_admin ?? false,
    })),
  };
}

export async function readMyInvoices(brand: Brand): Promise<Invoice[]> {
  const answer = await legacy(brand, "getMyInvoices", () => client(brand).account.myInvoices());
  return (answer.invoices ?? []).map((invoice) => ({
    invoiceId: invoice.inv_id,
    orderId: invoice.order_id ?? null,
    orderNumber: blankToNull(invoice.order_number),
    number: blankToNull(invoice.inv_number),
    fileName: blankToNull(invoice.inv_filename),
    date: isoFromUnix(invoice.inv_date),
    dueDate: isoFromUnix(invoice.inv_duedate),
    paid: invoice.inv_paid ?? false,
    total: numberOrNull(invoice.inv_total),
    vat: numberOrNull(invoice.inv_vat),
    totalWithVat: numberOrNull(invoice.inv_total_vat),
  }));
}

/** GET /my/account: the account's stored data with its contacts. Needs a login (username and password): API keys get 403. */
export function getMyAccount(): Promise<MyAccount> {
  return readMyAccount("gigahost");
}

/** GET /my/invoices: every invoice of the account. Needs a login (username and password): API keys get 403. */
export function getMyInvoices(): Promise<Invoice[]> {
  return readMyInvoices("gigahost");
}

export interface WaitlistEntry {
  waitlistId: string;
  productId: string | null;
  regionId: string | null;
  createdAt: string | null;
}

/** GET /deploy/waitlist: the account's deploy reservations (Gigahost). */
export async function getDeployWaitlist(): Promise<WaitlistEntry[]> {
  return (await client("gigahost").account.waitlist()).map((entry) => ({
    waitlistId: entry.waitlist_id,
    productId: entry.product_id ?? null,
    regionId: entry.region_id ?? null,
    createdAt: entry.created_at,
  }));
}

/**
 * DELETE /deploy/waitlist: gives up one reservation (see getDeployWaitlist).
 * Resolves false when it was already gone. A function, not a resource: this
 * package never puts an order on the waitlist, so a resource would own nothing.
 */
export async function cancelDeployWaitlistEntry(args: { waitlistId: string | number }): Promise<boolean> {
  const waitlistId = pathSegmentArgument("cancelDeployWaitlistEntry", "waitlistId", args.waitlistId);
  return client("gigahost").account.cancelReservation(waitlistId);
}

export interface DynDnsAnswer {
  /** The protocol word: `good` (changed) or `nochg` (already so). */
  code: "good" | "nochg";
  /** The whole answer, e.g. `"good 192.0.2.10"`. */
  answer: string;
}

const DYNDNS_FAILURES: Record<string, string> = {
  badauth: "the username or password was refused",
  nohost: "no zone of the account holds this name",
  notfqdn: "it is not a fully qualified host name",
  "911": "Gigahost could not apply it (or the addresses were refused)",
  abuse: "Gigahost blocked updates of this name for abuse",
};

/**
 * GET /dns/dyndns: points `hostname` at `myip` (A) and/or `myipv6` (AAAA),
 * the dyndns way, e.g. from a script on a machine with a changing address.
 * Gigahost documents it for HTTP Basic only, so it uses `gigahost:username`
 * and `gigahost:password`; a refusal fails naming the cause.
 */
export async function updateDynDns(args: { hostname: string; myip?: string; myipv6?: string }): Promise<DynDnsAnswer> {
  const hostname = String(args.hostname ?? "").trim().toLowerCase().replace(/\.$/, "");
  if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(hostname)) {
    throw new Error(`updateDynDns: \`hostname\` must be a host name such as home.example.no; got ${JSON.stringify(args.hostname)}`);
  }
  if (args.myip === undefined && args.myipv6 === undefined) throw new Error("updateDynDns: give `myip` or `myipv6` (or both)");
  if (args.myip !== undefined && !isIPv4(args.myip)) throw new Error(`updateDynDns: \`myip\` must be an IPv4 address; got ${JSON.stringify(args.myip)}`);
  if (args.myipv6 !== undefined && !isIPv6(args.myipv6)) throw new Error(`updateDynDns: \`myipv6\` must be an IPv6 address; got ${JSON.stringify(args.myipv6)}`);
  const settings = vendorSettings("gigahost", programConfigSource);
  const username = settings.get("username");
  const password = settings.get("password");
  if (!username || !password) {
    throw new Error(`updateDynDns: Gigahost's dyndns takes HTTP Basic only: set ${settings.describe("username")} and ${settings.describe("password")}`);
  }
  registerSecret(password);
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  registerSecret(basic.slice("Basic ".length));
  const answer = await client("gigahost").account.dyndns(
    { hostname, ...(args.myip ? { myip: args.myip } : {}), ...(args.myipv6 ? { myipv6: args.myipv6 } : {}) },
    basic,
  );
  const code = answer.split(/\s+/)[0];
  if (code === "good" || code === "nochg") return { code, answer };
  throw new Error(`updateDynDns: Gigahost refused ${hostname}: ${DYNDNS_FAILURES[code] ?? "unknown answer"} ("${answer}")`);
}
