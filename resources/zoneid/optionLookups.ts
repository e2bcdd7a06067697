import type { z } from "zod";
import { normalizeHostname } from "../../provider/dns";
import { programConfigSource } from "../../provider/programSettings";
import { pathSegmentArgument, urlPath } from "../../provider/urlPath";
import { zoneidClient } from "../../provider/zoneid/client";
import {
  BillingPackage,
  billingPackagesWire,
  countryOptionsWire,
  domainOptionsWire,
  optionStringsWire,
  ZoneCloudWire,
  zoneCloudWire,
} from "../../provider/zoneid/extrasWire";
import { zoneNameProblem } from "./names";

/**
 * Lookups of ZoneID's option lists (the OPTIONS operations: what a resource
 * may be given), billing packages, domain preferences and orders, and facts
 * about a web hosting server. Plain async functions run in the program
 * process with the stack's `zoneid:*` config; each costs one or two requests
 * of the 60-a-minute budget.
 */

/** A service or domain name argument as the API takes it, or an error naming the function and argument. */
function nameArgument(functionName: string, argument: string, value: unknown): string {
  const text = typeof value === "string" ? value : "";
  const problem = zoneNameProblem(text);
  if (problem) throw new Error(`${functionName}: \`${argument}\` ${problem.replace(/^"[^"]*" /, "")}; got ${JSON.stringify(value)}`);
  return normalizeHostname(text);
}

function missing(functionName: string, what: string): Error {
  return new Error(`${functionName}: the ZoneID account has no ${what}`);
}

/** An OPTIONS answer; fails naming the service or account when it is gone (404). */
async function options<T>(functionName: string, path: string, schema: z.ZodType<T>, what: string): Promise<T> {
  const answer = await zoneidClient(programConfigSource).getOptions(path, schema);
  if (answer === undefined) throw missing(functionName, what);
  return answer;
}

// ---- billing -------------------------------------------------------------

/**
 * The additional packages a web hosting service can take
 * (`OPTIONS /vserver/{service}/billing/resources`), for `AdditionalPackage`'s
 * `package`. The document gives no shape for the answer: each entry has the
 * package's uname (`package`, null when the entry names none), `name` and
 * `price` where given, and the entry as ZoneID sent it (`raw`, JSON).
 */
export async function getBillingPackages(args: { service: string }): Promise<BillingPackage[]> {
  const service = nameArgument("getBillingPackages", "service", args.service);
  return options("getBillingPackages", urlPath`/vserver/${service}/billing/resources`, billingPackagesWire, `web hosting service ${service}`);
}

// ---- option lists ----------------------------------------------------------

/** What a `Crontab` of the service may be given ("Get crontab options", `OPTIONS /vserver/{service}/crontab`), as ZoneID lists it. */
export async function getCrontabOptions(args: { service: string }): Promise<string[]> {
  const service = nameArgument("getCrontabOptions", "service", args.service);
  return options("getCrontabOptions", urlPath`/vserver/${service}/crontab`, optionStringsWire, `web hosting service ${service}`);
}

/** The countries an `FtpUser`'s `accessCountries` may name (`OPTIONS /vserver/{service}/ftp/user`): codes, with names where ZoneID gives them. */
export async function getFtpCountries(args: { service: string }): Promise<{ code: string; name: string | null }[]> {
  const service = nameArgument("getFtpCountries", "service", args.service);
  return options("getFtpCountries", urlPath`/vserver/${service}/ftp/user`, countryOptionsWire, `web hosting service ${service}`);
}

/** The collations a `MysqlDatabase` may be created with ("Get database options", `OPTIONS /vserver/{service}/database/mysql`). */
export async function getMysqlCollations(args: { service: string }): Promise<string[]> {
  const service = nameArgument("getMysqlCollations", "service", args.service);
  return options("getMysqlCollations", urlPath`/vserver/${service}/database/mysql`, optionStringsWire, `web hosting service ${service}`);
}

/** The MySQL privileges ZoneID supports for an account (`OPTIONS …/database/mysql/account/{username}/permission`). */
export async function getMysqlPrivileges(args: { service: string; username: string }): Promise<string[]> {
  const service = nameArgument("getMysqlPrivileges", "service", args.service);
  const username = pathSegmentArgument("getMysqlPrivileges", "username", args.username);
  return options("getMysqlPrivileges", urlPath`/vserver/${service}/database/mysql/account/${username}/permission`, optionStringsWire, `MySQL account ${username} on ${service}`);
}

/**
 * One MySQL account's privileges on one database
 * (`GET …/database/mysql/account/{username}/permission/{database}`); an empty
 * list when the account has no grant there.
 */
export async function getMysqlPermission(args: { service: string; username: string; database: string }): Promise<{ username: string; database: string; permissions: string[] }> {
  const service = nameArgument("getMysqlPermission", "service", args.service);
  const username = pathSegmentArgument("getMysqlPermission", "username", args.username);
  const database = pathSegmentArgument("getMysqlPermission", "database", args.database);
  const grant = await zoneidClient(programConfigSource).getMysqlPermission(service, username, database);
  return { username, database, permissions: grant?.permissions ?? [] };
}

// ---- domains ------------------------------------------------------------------

export interface DomainOptions {
  /** What can be done about the registration (action "renew", "reactivate_redeem" or "reactivate_grace") and for how long, at what price. */
  renewalOptions: {
    action: string;
    periods: { period: number | null; expiresNew: string | null; pricePerYear: number | null; totalPrice: number | null; totalPriceWithTax: number | null }[];
  }[];
  /** How many name servers the domain takes. */
  nameservers: { min: number | null; max: number | null };
  /** How many contacts of each role the domain takes (for DomainContact). */
  contacts: Record<"registrant" | "admin" | "tech", { min: number | null; max: number | null }>;
}

/** "Get domain options" (`OPTIONS /domain/{name}`): renewal periods and prices, name server and per-role contact limits. */
export async function getDomainOptions(args: { domain: string }): Promise<DomainOptions> {
  const domain = nameArgument("getDomainOptions", "domain", args.domain);
  const wire = await options("getDomainOptions", urlPath`/domain/${domain}`, domainOptionsWire, `domain ${domain}`);
  return {
    renewalOptions: wire.renewal_options.map((option) => ({
      action: option.action,
      periods: option.action_periods.map((period) => ({
        period: period.period,
        expiresNew: period.expire_new,
        pricePerYear: period.price_per_year,
        totalPrice: period.total_price,
        totalPriceWithTax: period.total_price_with_tax,
      })),
    })),
    nameservers: wire.nameserver,
    contacts: wire.contact,
  };
}

/** A domain's preferences (`GET /domain/{name}/preferences`); `DomainSettings.renewalNotifications` sets them. */
export async function getDomainPreferences(args: { domain: string }): Promise<{ renewalNotifications: boolean }> {
  const domain = nameArgument("getDomainPreferences", "domain", args.domain);
  const preferences = await zoneidClient(programConfigSource).getDomainPreferences(domain);
  if (!preferences) throw missing("getDomainPreferences", `domain ${domain}`);
  return { renewalNotifications: preferences.renewal_notifications };
}

export interface DomainOrder {
  id: string;
  /** When it was ordered, as ZoneID gives it. */
  orderedAt: string | null;
  /** "Number of failed rows"; null when none. */
  errors: string | null;
  vatRate: string | null;
}

/**
 * The account's domain orders (`GET /order/domain/`, every page), or the one
 * with `id` (`GET /order/domain/{id}`; fails when there is none).
 */
export async function getDomainOrders(args: { id?: string } = {}): Promise<DomainOrder[]> {
  const client = zoneidClient(programConfigSource);
  const toOrder = (wire: { identificator: string; datetime_ordered: string | null; errors: string | null; vat_rate: string | null }): DomainOrder => ({
    id: wire.identificator,
    orderedAt: wire.datetime_ordered,
    errors: wire.errors,
    vatRate: wire.vat_rate,
  });
  if (args.id === undefined) return (await client.listDomainOrders()).map(toOrder);
  const id = pathSegmentArgument("getDomainOrders", "id", args.id);
  const order = await client.getDomainOrder(id);
  if (!order) throw missing("getDomainOrders", `domain order ${id}`);
  return [toOrder(order)];
}

// ---- web hosting server -----------------------------------------------------------

export interface ServerInfo {
  domainName: string | null;
  temporaryDomainName: string | null;
  ipv4: string | null;
  ipv6: string | null;
  homeDirectory: string | null;
  httpDirectory: string | null;
  httpsDirectory: string | null;
  mysqlHostname: string | null;
  loopbackHostname: string | null;
  loopbackIpv4: string | null;
  systemUsername: string | null;
  sendmailPath: string | null;
  convertPath: string | null;
  phpMyAdminUrl: string | null;
}

/** Facts about a web hosting server (`GET /vserver/{service}/serverinfo`): addresses, home directories, the MySQL host name, the system user. */
export async function getServerInfo(args: { service: string }): Promise<ServerInfo> {
  const service = nameArgument("getServerInfo", "service", args.service);
  const wire = await zoneidClient(programConfigSource).getServerInfo(service);
  if (!wire) throw missing("getServerInfo", `web hosting service ${service}`);
  return {
    domainName: wire.domain_name,
    temporaryDomainName: wire.domain_name_temporary,
    ipv4: wire.ipv4,
    ipv6: wire.ipv6,
    homeDirectory: wire.homedir,
    httpDirectory: wire.homedir_http,
    httpsDirectory: wire.homedir_https,
    mysqlHostname: wire.mysql_hostname,
    loopbackHostname: wire.loopback_hostname,
    loopbackIpv4: wire.loopback_ipv4,
    systemUsername: wire.system_username,
    sendmailPath: wire.bin_path_sendmail,
    convertPath: wire.bin_path_convert,
    phpMyAdminUrl: wire.pma_url,
  };
}

export interface Turbo {
  id: string;
  active: boolean;
  start: string | null;
  end: string | null;
  /** How long the turbo runs, in minutes. */
  ttlMinutes: number | null;
}

/** A web hosting service's turbo with this identificator ("Display listing of turbos", `GET /vserver/{service}/turbo/{id}`). */
export async function getTurbos(args: { service: string; id: string }): Promise<Turbo[]> {
  const service = nameArgument("getTurbos", "service", args.service);
  const id = pathSegmentArgument("getTurbos", "id", args.id);
  const turbos = await zoneidClient(programConfigSource).listTurbos(service, id);
  if (!turbos) throw missing("getTurbos", `turbo ${id} on web hosting service ${service}`);
  return turbos.map((turbo) => ({ id: turbo.identificator, active: turbo.active, start: turbo.start, end: turbo.end, ttlMinutes: turbo.ttl }));
}

export interface ZoneCloudAccount {
  /** The account's e-mail address (its identificator). */
  email: string;
  premium: boolean;
  diskSize: string | null;
  diskSizeGib: string | null;
  diskUsagePercent: string | null;
}

function zoneCloudAccount(wire: ZoneCloudWire): ZoneCloudAccount {
  return { email: wire.identificator, premium: wire.premium, diskSize: wire.disk_size, diskSizeGib: wire.disk_size_human, diskUsagePercent: wire.disk_usage_percent_human };
}

/**
 * A web hosting service's ZoneCloud accounts (`GET /vserver/{service}/zonecloud`,
 * every page), or the one with `email` (`GET …/zonecloud/{email}`; fails when there is none).
 */
export async function getZoneCloudAccounts(args: { service: string; email?: string }): Promise<ZoneCloudAccount[]> {
  const service = nameArgument("getZoneCloudAccounts", "service", args.service);
  const client = zoneidClient(programConfigSource);
  if (args.email === undefined) {
    const accounts = await client.listServiceItems("vserver", service, "zonecloud", zoneCloudWire);
    if (!accounts) throw missing("getZoneCloudAccounts", `web hosting service ${service}`);
    return accounts.map(zoneCloudAccount);
  }
  const email = pathSegmentArgument("getZoneCloudAccounts", "email", args.email);
  const account = await client.getServiceItem("vserver", service, "zonecloud", email, zoneCloudWire);
  if (!account) throw missing("getZoneCloudAccounts", `ZoneCloud account ${email} on ${service}`);
  return [zoneCloudAccount(account)];
}

/** What a ZoneCloud account can be changed to ("Display available zonecloud options", `OPTIONS …/zonecloud/{email}`). */
export async function getZoneCloudOptions(args: { service: string; email: string }): Promise<ZoneCloudAccount[]> {
  const service = nameArgument("getZoneCloudOptions", "service", args.service);
  const email = pathSegmentArgument("getZoneCloudOptions", "email", args.email);
  const answer = await options(
    "getZoneCloudOptions",
    urlPath`/vserver/${service}/zonecloud/${email}`,
    zoneCloudWire.array(),
    `ZoneCloud account ${email} on ${service}`,
  );
  return answer.map(zoneCloudAccount);
}
