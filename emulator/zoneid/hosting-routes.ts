// Web hosting (vserver) and domain collections (zoneid-openapi.json):
// `/{vserver|domain}/{service}/{collection}[/{id}]`.
import type { EmulatorRequest, EmulatorResponse, Route } from "../core";
import { type Pager, noContent, ok } from "./answers";
import type { ZoneidDomainState } from "./domain-state";
import type { ZoneidHostingState } from "./hosting-state";
import type { MailTarget, ZoneidHostingSettings } from "./hosting-settings-state";

/** /vserver/{service}/…: MySQL permissions first, then every collection. */
export function hostingRoutes(hosting: ZoneidHostingState, page: Pager): Route[] {
  const mysqlPermissions = "/vserver/:service/database/mysql/account/:username/permission";
  return [
    { method: "GET", pattern: mysqlPermissions, handler: (req) => page(req, hosting.permissions(req.params.service, req.params.username)) },
    {
      method: "GET",
      pattern: `${mysqlPermissions}/:database`,
      handler: (req) => ok(200, [hosting.permission(req.params.service, req.params.username, req.params.database)], "OK"),
    },
    {
      method: "PUT",
      pattern: `${mysqlPermissions}/:database`,
      handler: (req) => ok(200, [hosting.setPermission(req.params.service, req.params.username, req.params.database, req.body)], "Permissions updated"),
    },
    {
      method: "DELETE",
      pattern: `${mysqlPermissions}/:database`,
      handler: (req) => {
        hosting.deletePermission(req.params.service, req.params.username, req.params.database);
        return noContent("Permissions removed");
      },
    },
    // The POST carries no address (schema FtpIpWhitelist is all read-only): the caller's is allowed.
    { method: "POST", pattern: "/vserver/:service/ftp/ipwhitelist", handler: (req) => ok(201, [hosting.create(req.params.service, "ftp/ipwhitelist", { ip: callerAddress(req) })], "Created") },
    ...collectionRoutes("vserver", hosting, page),
  ];
}

/** The singletons of a web hosting service: DKIM, SSH settings, and a mailbox's autoreply, premium package and app passwords. */
export function hostingSettingsRoutes(settings: ZoneidHostingSettings): Route[] {
  const account = "/vserver/:service/mail/account/:id";
  const autoreplyRoutes = (target: MailTarget): Route[] => [
    { method: "GET", pattern: `/vserver/:service/mail/${target}/:id/autoreply`, handler: (req) => ok(200, [settings.autoreply(req.params.service, target, req.params.id)], "OK") },
    {
      method: "PUT",
      pattern: `/vserver/:service/mail/${target}/:id/autoreply`,
      handler: (req) => ok(200, [settings.updateAutoreply(req.params.service, target, req.params.id, req.body)], "Autoreply updated"),
    },
  ];
  return [
    { method: "GET", pattern: "/vserver/:service/mail/dkim", handler: (req) => ok(200, [settings.getDkim(req.params.service)], "OK") },
    { method: "POST", pattern: "/vserver/:service/mail/dkim", handler: (req) => ok(201, [settings.activateDkim(req.params.service)], "DKIM activated") },
    {
      method: "DELETE",
      pattern: "/vserver/:service/mail/dkim",
      handler: (req) => {
        settings.deleteDkim(req.params.service);
        return noContent("DKIM deleted");
      },
    },
    { method: "GET", pattern: "/vserver/:service/ssh", handler: (req) => ok(200, [settings.sshSettings(req.params.service)], "OK") },
    { method: "PUT", pattern: "/vserver/:service/ssh", handler: (req) => ok(200, [settings.updateSshSettings(req.params.service, req.body)], "SSH settings updated") },
    ...autoreplyRoutes("account"),
    ...autoreplyRoutes("forwarder"),
    { method: "GET", pattern: `${account}/premium`, handler: (req) => ok(200, [settings.premiumStatus(req.params.service, req.params.id)], "OK") },
    { method: "PUT", pattern: `${account}/premium`, handler: (req) => ok(201, [settings.setPremium(req.params.service, req.params.id, req.body)], "E-mail account package updated") },
    { method: "OPTIONS", pattern: `${account}/premium`, handler: (req) => ok(200, settings.premiumOptions(req.params.service, req.params.id), "OK") },
    { method: "GET", pattern: `${account}/asp`, handler: (req) => ok(200, settings.appPasswords(req.params.service, req.params.id), "OK") },
    {
      method: "DELETE",
      pattern: `${account}/asp/:aspId`,
      handler: (req) => {
        settings.deleteAppPassword(req.params.service, req.params.id, req.params.aspId);
        return noContent("Deleted");
      },
    },
  ];
}

/** Domains: /domain, /domain/{name} settings and preferences, nameserver and contact collections. */
export function domainRoutes(domains: ZoneidDomainState, page: Pager): Route[] {
  return [
    { method: "GET", pattern: "/domain", handler: (req) => page(req, domains.list()) },
    { method: "GET", pattern: "/domain/:name", handler: (req) => ok(200, [domains.get(req.params.name)], "OK") },
    { method: "PUT", pattern: "/domain/:name", handler: (req) => ok(200, [domains.update(req.params.name, req.body)], "Domain updated") },
    { method: "GET", pattern: "/domain/:name/preferences", handler: (req) => ok(200, [domains.preferences(req.params.name)], "OK") },
    { method: "PUT", pattern: "/domain/:name/preferences", handler: (req) => ok(200, [domains.updatePreferences(req.params.name, req.body)], "Preferences updated") },
    // The PUT's entry answers one DomainNameserver, not an array of one (zoneid-openapi.json).
    {
      method: "PUT",
      pattern: "/domain/:name/nameserver/:id",
      handler: (req) => ok(200, domains.collections.update(req.params.name, "nameserver", req.params.id, req.body), "Updated"),
    },
    // The POST takes an array of name servers (zoneid-openapi.json); each is created.
    {
      method: "POST",
      pattern: "/domain/:name/nameserver",
      handler: (req) => ok(201, (req.body as unknown[]).map((item) => domains.collections.create(req.params.name, "nameserver", item)), "Created"),
    },
    ...collectionRoutes("domain", domains.collections, page),
  ];
}

/**
 * `/{type}/{service}/{collection}[/{id}]` for every collection of a state,
 * longest paths first so `database/mysql/account` is not taken for a
 * database named "account"; PUT only where the spec has one.
 */
function collectionRoutes(type: string, state: ZoneidHostingState, page: (req: EmulatorRequest, items: unknown[]) => EmulatorResponse): Route[] {
  const routes: Route[] = [];
  const byLength = [...state.rules].sort((a, b) => b.path.split("/").length - a.path.split("/").length);
  for (const rule of byLength) {
    const base = `/${type}/:service/${rule.path}`;
    routes.push(
      { method: "GET", pattern: base, handler: (req) => page(req, state.list(req.params.service, rule.path)) },
      { method: "POST", pattern: base, handler: (req) => ok(rule.createStatus ?? 201, [state.create(req.params.service, rule.path, req.body)], "Created") },
      { method: "GET", pattern: `${base}/:id`, handler: (req) => ok(200, [state.get(req.params.service, rule.path, req.params.id)], "OK") },
      {
        method: "DELETE",
        pattern: `${base}/:id`,
        handler: (req) => {
          state.delete(req.params.service, rule.path, req.params.id);
          return noContent("Deleted");
        },
      },
    );
    if (rule.updatable) {
      routes.push({ method: rule.updateMethod ?? "PUT", pattern: `${base}/:id`, handler: (req) => ok(200, [state.update(req.params.service, rule.path, req.params.id, req.body)], "Updated") });
    }
  }
  return routes;
}

/** The address a request comes from: the first X-Forwarded-For entry (tests set it), else the loopback the emulator listens on. */
function callerAddress(req: EmulatorRequest): string {
  return req.headers["x-forwarded-for"]?.split(",")[0].trim() || "127.0.0.1";
}
