// The application catalogue (docs/vendor-documents.md, "Gandi: applications"):
// read-only.
import type { EmulatorRequest, EmulatorResponse, Route } from "../core";
import { APPLICATIONS, matchesPattern } from "./catalog";
import { notFound } from "./errors";
import type { GandiRouteContext } from "./requests";

export function applicationRoutes({ page }: GandiRouteContext): Route[] {
  const listApplications = (req: EmulatorRequest): EmulatorResponse => {
    const { name, language, database } = req.query;
    const items = APPLICATIONS.filter(
      (app) =>
        matchesPattern(app.name, name) &&
        (language === undefined || app.languages.some((candidate) => matchesPattern(candidate, language))) &&
        (database === undefined || app.databases.some((candidate) => matchesPattern(candidate, database))),
    ).map(applicationView);
    return page(req, items);
  };
  return [
    { method: "GET", pattern: "/applications", handler: (req) => listApplications(req) },
    {
      method: "GET",
      pattern: "/applications/:name",
      handler: (req) => {
        const app = APPLICATIONS.find((candidate) => candidate.name === req.params.name);
        if (!app) throw notFound("application");
        return { status: 200, body: applicationView(app) };
      },
    },
  ];
}

function applicationView(app: (typeof APPLICATIONS)[number]) {
  return {
    name: app.name,
    name_label: app.label,
    requirements: app.languages.flatMap((language) =>
      app.databases.map((database) => ({
        database: { name: database, status: "running", version: "*" },
        language: { name: language, status: "running", version: "*", single_application: app.singleApplication },
        instance_minimum_size: app.minimumSize,
      })),
    ),
  };
}

