import { programConfigSource } from "../../provider/programSettings";
import { normalizeHostname } from "../../provider/dns";
import { zoneidClient } from "../../provider/zoneid/client";
import { zoneNameProblem } from "./names";

/**
 * Lookups of a web hosting service's mailboxes (run in the program process
 * with the stack's `zoneid:*` config): application passwords and premium
 * packages. The API has no create for application passwords (the mailbox's
 * owner makes them in the webmail), so they are read here, not managed.
 */

export interface MailAppPassword {
  /** ZoneID's number for it (`asp_id`). */
  id: string;
  /** `"zmail"` or `"zonecloud"`; null when ZoneID's answer omits it. */
  type: string | null;
  /** Its description. */
  name: string;
  /** What it may be used for. */
  scopes: string[];
  /** When it was made; null when ZoneID's answer omits it. */
  created: string | null;
  /** When it was last used; null if never. */
  lastUsed: string | null;
}

export interface MailPremiumPackage {
  /** The package handle, `"none"` for no premium package. */
  package: string;
  /** Whether the package can be enabled. */
  allowed: boolean;
  /** The mailbox size it allows, in bytes; null when ZoneID's answer omits it. */
  diskSize: number | null;
  /** Price per month, excluding VAT; null when ZoneID's answer omits it. */
  priceMonth: number | null;
  /** Price per year, excluding VAT; null when ZoneID's answer omits it. */
  priceYear: number | null;
}

function mailboxArguments(functionName: string, args: { service: string; address?: string }): { service: string; address: string | undefined } {
  const service = typeof args.service === "string" ? args.service : "";
  const problem = zoneNameProblem(service);
  if (problem) throw new Error(`${functionName}: \`service\` ${problem.replace(/^"[^"]*" /, "").replace(/zone/g, "service")}; got ${JSON.stringify(args.service)}`);
  if (args.address !== undefined && !/^[^@\s/]+@[^@\s/]+\.[^@\s/.]+$/.test(String(args.address).trim())) {
    throw new Error(`${functionName}: \`address\` must be an e-mail address; got ${JSON.stringify(args.address)}`);
  }
  return { service: normalizeHostname(service), address: args.address === undefined ? undefined : String(args.address).trim().toLowerCase() };
}

/** A mail account's application passwords (`GET …/mail/account/{address}/asp`); fails clearly when there is no such account. */
export async function getMailAppPasswords(args: { service: string; address: string }): Promise<MailAppPassword[]> {
  const { service, address } = mailboxArguments("getMailAppPasswords", args);
  if (address === undefined) throw new Error("getMailAppPasswords: `address` is required");
  const listed = await zoneidClient(programConfigSource).listMailAppPasswords(service, address);
  if (!listed) throw new Error(`getMailAppPasswords: web hosting ${service} has no mail account ${address}`);
  return listed.map((wire) => ({ id: wire.identificator, type: wire.type, name: wire.name, scopes: wire.scopes, created: wire.created, lastUsed: wire.last_used }));
}

/**
 * A mail account's premium package (`GET …/premium`, `package` "none" when
 * it has none) and the packages it can take (`OPTIONS …/premium`); without
 * `address`, the packages a new account of the service could take (the
 * document's "@Virtserver.Name" identificator).
 */
export async function getMailPremium(args: { service: string; address?: string }): Promise<{ current: MailPremiumPackage | null; available: MailPremiumPackage[] }> {
  const { service, address } = mailboxArguments("getMailPremium", args);
  const client = zoneidClient(programConfigSource);
  const of = (wire: { package: string; package_allowed: boolean; disk_size: number | null; price_month: number | null; price_year: number | null }): MailPremiumPackage => ({
    package: wire.package,
    allowed: wire.package_allowed,
    diskSize: wire.disk_size,
    priceMonth: wire.price_month,
    priceYear: wire.price_year,
  });
  let current: MailPremiumPackage | null = null;
  if (address !== undefined) {
    const status = await client.getMailPremium(service, address);
    if (!status) throw new Error(`getMailPremium: web hosting ${service} has no mail account ${address}`);
    current = of(status);
  }
  const available = await client.getMailPremiumOptions(service, address ?? `@${service}`);
  return { current, available: available.map(of) };
}
