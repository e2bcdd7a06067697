import { z } from "zod";
import { flag, idString, optionalNumber, optionalText } from "../lenient";

/**
 * Payloads of the ZoneID services other than DNS: web hosting (vserver)
 * collections, cloud servers and domains. Web hosting, one schema per collection
 * (ZoneID's OpenAPI spec: MailAccount, MailForwarder, MysqlDatabase,
 * MysqlAccount, MysqlAccountPermission, Crontab, SshPublicKey,
 * SslCertificate, FtpUser). Write-only fields (passwords, private keys) are
 * never answered and so are absent here.
 */

const text = optionalText.transform((value) => value ?? "");
const flagOr = (fallback: boolean) => flag.nullish().transform((value) => value ?? fallback);
const strings = z
  .array(z.union([z.string(), z.number()]).transform(String))
  .nullish()
  .transform((value) => value ?? []);

export const mailAccountWire = z.object({
  address: z.string(),
  comment: text,
  fwd_addresses: strings,
  spamlevel: optionalText,
  two_factor_auth: flagOr(false),
  autoreply: flagOr(false),
  disk_size: optionalNumber,
  disk_usage: optionalNumber,
  addresses: strings,
});

export const mailForwarderWire = z.object({
  address: z.string(),
  comment: text,
  fwd_addresses: strings,
  autoreply: flagOr(false),
});

export const mysqlDatabaseWire = z.object({
  name: z.string(),
  comment: text,
  collation: optionalText,
  disk_usage: optionalNumber,
});

export const mysqlAccountWire = z.object({
  username: z.string(),
  comment: text,
  require_ssl: flagOr(false),
  hosts: strings,
});

export const mysqlPermissionWire = z.object({
  username: z.string().optional(),
  database: z.string(),
  permissions: strings,
});

export const crontabWire = z.object({
  identificator: idString,
  name: text,
  type: z.string(),
  active: flagOr(true),
  report: optionalText,
  report_email: text,
  command: z.string(),
  priority: optionalText,
  schedule: z.string(),
  timezone: optionalText,
  runtime_limit: optionalNumber,
});

export const sshPublicKeyWire = z.object({
  identificator: idString,
  comment: text,
  public_key: z.string(),
  fingerprint: optionalText,
  type: optionalText,
  size: optionalNumber,
});

/** Schema VServerSSHWhitelistIP: one address or prefix allowed to reach the service's SSH. */
export const sshAllowlistWire = z.object({
  identificator: idString,
  ip: z.string(),
  comment: text,
});

export const sslCertificateWire = z.object({
  id: idString,
  name: z.string(),
  certificate: text,
  ca_certificate: text,
  hosts: strings,
  cn: optionalText,
  expires: optionalText,
  letsencrypt: flagOr(false),
});

export const ftpUserWire = z.object({
  identificator: idString,
  username: z.string(),
  username_system: optionalText,
  directory: text,
  require_tls: flagOr(true),
  access_profile: optionalText,
  allowed_operations: strings,
  access_countries: strings,
});

// ---- cloud servers (VPS) ------------------------------------------------

/** An order (`/order/cloud`): `container` is the VM's host name once it is built. */
export const cloudOrderWire = z.object({
  identificator: idString,
  status: z.string(),
  datacenter: optionalText,
  package: z.union([z.string(), z.number()]).transform(String),
  os: z.string(),
  billing_period: optionalNumber,
  container: optionalText,
  /** The key the order was placed with ("SSH public key for login"); it carries the creation tag. */
  ssh_public_key: optionalText,
});
export type CloudOrderWire = z.infer<typeof cloudOrderWire>;

/** A VM (`/cloud/{service_name}`); `disk` and `ram` are bytes. */
export const cloudServerWire = z.object({
  name: z.string(),
  host: optionalText,
  ip: optionalText,
  username: z.string(),
  availability_zone: optionalText,
  os_human: optionalText,
  state: optionalText,
  cpu: optionalNumber,
  ram: optionalNumber,
  disk: optionalNumber,
  suspended: flagOr(false),
});
export type CloudServerWire = z.infer<typeof cloudServerWire>;

// ---- domains --------------------------------------------------------------

/** `/domain/{name}` (schema Domain). */
export const domainWire = z.object({
  name: z.string(),
  expires: optionalText,
  dnssec: flagOr(false),
  autorenew: flagOr(false),
  renewal_notifications: flagOr(true),
  signing_required: flagOr(false),
  nameservers_custom: flagOr(false),
  has_pending_dnssec: flagOr(false),
  delegated: optionalText,
});
export type DomainWire = z.infer<typeof domainWire>;

export const domainNameserverWire = z.object({
  hostname: z.string(),
  ip: strings,
});

/** `/domain/{name}/contact` (schema DomainContact); the ext_* fields are kept as text. */
export const domainContactWire = z.object({
  identificator: idString,
  role: z.string(),
  type: optionalText,
  name: text,
  first_name: text,
  last_name: text,
  organization: text,
  email: text,
  voice: text,
  country: text,
  city: text,
  street: text,
  postalcode: text,
  state: text,
  fax: text,
  ext_language: text,
  ext_ident: text,
  ext_ident_type: optionalText,
  ext_ident_cc: text,
  ext_vatnr: text,
  ext_department: text,
  ext_passport: text,
  ext_legal_form: text,
  registry_handle: optionalText,
});

/**
 * "Get available virtual machine options" (`OPTIONS /order/cloud`): an array
 * of strings for availability zones, packages, operating systems and billing
 * periods (ZoneID's OpenAPI spec). Which string is which is not documented: a
 * "<kind>:<value>" string (kind datacenter / availability_zone, package, os,
 * billing_period) is sorted into its list, and every string is kept as given
 * in `options`.
 */
export const cloudOptionsWire = z.array(z.string()).transform((options) => {
  const of = (...kinds: string[]) =>
    options.flatMap((option) => {
      const match = /^([a-z_]+)[:=](.+)$/i.exec(option);
      return match && kinds.includes(match[1].toLowerCase()) ? [match[2].trim()] : [];
    });
  return {
    options,
    datacenters: of("datacenter", "datacenters", "availability_zone", "availability_zones"),
    packages: of("package", "packages"),
    operatingSystems: of("os", "operating_system"),
    billingPeriods: of("billing_period", "billing_periods").map(Number).filter(Number.isFinite),
  };
});
export type CloudOptions = z.output<typeof cloudOptionsWire>;

// ---- web hosting singletons (DKIM, SSH settings, mailbox autoreply, premium, app passwords) ----

/**
 * `GET/POST /vserver/{service}/mail/dkim`: the document gives these answers
 * no schema. Taken to carry the public key as `public_key` (a guess listed in
 * docs/zoneid.md); `key`/`dkim` are accepted as other spellings.
 */
export const dkimWire = z
  .object({ public_key: z.string().optional(), key: z.string().optional(), dkim: z.string().optional() })
  .transform((wire, context) => {
    const publicKey = wire.public_key ?? wire.key ?? wire.dkim;
    if (publicKey === undefined) {
      context.addIssue({ code: "custom", path: ["public_key"], message: "the DKIM answer carries no public key" });
      return z.NEVER;
    }
    return { public_key: publicKey };
  });

/** Schema VServerSSHUser: the SSH login of a web hosting service; `access` is its one writable field. */
export const sshSettingsWire = z.object({
  username: text,
  access: z.string(),
  webhosts: strings,
  server_fingerprints: strings,
  ipv4: optionalText,
  ipv6: optionalText,
});

/** Schema MailAccountAutoreply (mail accounts and forwarders alike). */
export const autoreplyWire = z.object({
  is_enabled: flagOr(false),
  fromname: text,
  subject: text,
  body: text,
  datestart: optionalText,
  dateend: optionalText,
});

/** Schema MailAccountPremium: a mailbox's premium package, or one it can take. */
export const mailPremiumWire = z.object({
  package: z.string(),
  package_allowed: flagOr(false),
  disk_size: optionalNumber,
  disk_size_human: optionalText,
  price_month: optionalNumber,
  price_year: optionalNumber,
});

/** Schema ApplicationPassword: made by the mailbox's owner; the API lists and deletes them. */
export const appPasswordWire = z.object({
  identificator: idString,
  type: optionalText,
  name: text,
  scopes: strings,
  created: optionalText,
  // "Datestring of last use or false if password has not been used"
  last_used: z.union([z.string(), z.boolean()]).nullish().transform((value) => (typeof value === "string" ? value : null)),
});

/** Schema FtpIpWhitelist: an address allowed to use the service's FTP (every field read-only). */
export const ftpAllowlistWire = z.object({
  identificator: idString,
  ip: z.string(),
  country: optionalText,
  created: optionalText,
});
