// A ZoneID 422 names wire fields; `pulumi up` says them as the input
// properties the user wrote. One row per field whose input is not simply
// the field in camelCase, plus a few that are (the default must hold there).
import { ApiError } from "../../provider/errors";
import { cloudServerDefinition } from "../../resources/zoneid/cloudServer";
import { crontabDefinition } from "../../resources/zoneid/crontab";
import { dnsZoneDefinition } from "../../resources/zoneid/dnsZone";
import { recordInputFor } from "../../resources/zoneid/dnsRecord";
import { domainContactDefinition } from "../../resources/zoneid/domainContact";
import { domainNameserverDefinition } from "../../resources/zoneid/domainNameserver";
import { domainSettingsDefinition } from "../../resources/zoneid/domainSettings";
import { ftpUserDefinition } from "../../resources/zoneid/ftpUser";
import { mailAccountDefinition } from "../../resources/zoneid/mailAccount";
import { mailForwarderDefinition } from "../../resources/zoneid/mailForwarder";
import { mysqlDatabaseDefinition } from "../../resources/zoneid/mysqlDatabase";
import { mysqlUserDefinition } from "../../resources/zoneid/mysqlUser";
import { sshKeyDefinition } from "../../resources/zoneid/sshKey";
import { sslCertificateDefinition } from "../../resources/zoneid/sslCertificate";
import { pm2ProcessDefinition } from "../../resources/zoneid/pm2Process";
import { portForwardDefinition } from "../../resources/zoneid/portForward";
import { camelCaseField } from "../../provider/errors";

const named = (definition: { inputForField?: (field: string) => string }) => definition.inputForField ?? camelCaseField;

test.each([
  ["MailAccount", mailAccountDefinition, { fwd_addresses: "forwardAddresses", spamlevel: "spamLevel", two_factor_auth: "twoFactorAuth", address: "address" }],
  ["MailForwarder", mailForwarderDefinition, { fwd_addresses: "forwardAddresses", address: "address" }],
  ["MysqlDatabase", mysqlDatabaseDefinition, { name: "name", collation: "collation" }],
  ["MysqlUser", mysqlUserDefinition, { require_ssl: "requireSsl", hosts: "hosts", permissions: "permissions" }],
  ["Crontab", crontabDefinition, { report_email: "reportEmail", runtime_limit: "runtimeLimit" }],
  ["SshKey", sshKeyDefinition, { public_key: "publicKey" }],
  ["SslCertificate", sslCertificateDefinition, { private_key: "privateKey", ca_certificate: "caCertificate" }],
  ["FtpUser", ftpUserDefinition, { require_tls: "requireTls", access_profile: "accessProfile", allowed_operations: "allowedOperations", access_countries: "accessCountries" }],
  ["DomainNameserver", domainNameserverDefinition, { ip: "ips", hostname: "hostname" }],
  [
    "DomainContact",
    domainContactDefinition,
    {
      voice: "phone",
      postalcode: "postalCode",
      ext_ident: "identNumber",
      ext_ident_type: "identType",
      ext_ident_cc: "identCountry",
      ext_language: "language",
      ext_vatnr: "vatNumber",
      ext_department: "department",
      ext_passport: "passport",
      ext_legal_form: "legalForm",
      first_name: "firstName",
      fax: "fax",
    },
  ],
  ["DomainSettings", domainSettingsDefinition, { renewal_notifications: "renewalNotifications", signing_required: "signingRequired", nameservers_custom: "nameserversCustom" }],
  ["DnsZone", dnsZoneDefinition, { ipv6: "ipv6", active: "active" }],
  ["Pm2Process", pm2ProcessDefinition, { scriptname: "script", memory_limit: "memoryLimit", name: "name" }],
  ["PortForward", portForwardDefinition, { ip: "dedicatedIp", fport: "port", acl_enabled: "acl", comment: "comment" }],
  ["CloudServer", cloudServerDefinition, { ram: "ramGb", disk: "diskGb", vcpu: "vcpu", ssh_public_key: "sshPublicKey", billing_period: "billingPeriod" }],
])("%s: wire fields → input properties", (_name, definition, expected) => {
  const inputFor = named(definition as never);
  expect(Object.fromEntries(Object.keys(expected).map((field) => [field, inputFor(field)]))).toEqual(expected);
});

test.each([
  ["sshfp", "type", "fingerprintType"],
  ["url", "type", "redirectType"],
  ["tlsa", "certificate_usage", "certificateUsage"],
  ["tlsa", "matching_type", "matchingType"],
  ["a", "destination", "destination"],
  ["mx", "priority", "priority"],
])("DnsRecord %s: %s → %s", (type, field, input) => {
  expect(recordInputFor(type)(field)).toBe(input);
});

test("a field named first by resource code (which request it was) keeps that name through the bridge's default", () => {
  const refusal = new ApiError({ vendor: "ZoneID", method: "PUT", path: "/cloud/x/ssh/u" }, 422, "Validation failed", undefined, [{ field: "value", message: "Invalid SSH public key" }]);
  refusal.namingInputs((field) => (field === "value" ? "sshPublicKey" : field));
  refusal.namingInputs(camelCaseField);
  expect(refusal.message).toBe("ZoneID API PUT /cloud/x/ssh/u answered 422: Validation failed — sshPublicKey: Invalid SSH public key");
  expect(refusal.fieldErrors).toEqual([{ field: "value", message: "Invalid SSH public key" }]);
});
