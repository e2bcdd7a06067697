// What the fake Gandi sells: languages, databases and applications with their
// versions. The versions are the emulator's choice (the reference lists none);
// the last version of each list is the "recommended" one used when a create
// names no version.
import { createHash } from "node:crypto";

export const LANGUAGES: Record<string, string[]> = {
  php: ["7.4", "8.1", "8.2"],
  python: ["3.9", "3.11"],
  nodejs: ["18", "20"],
  ruby: ["3.1", "3.2"],
};

export const DATABASES: Record<string, string[]> = {
  mysql: ["5.7", "8.0"],
  pgsql: ["13", "15"],
};

export const CURRENT_SIZES = ["starter", "advanced", "pro", "business"];
export const LEGACY_SIZES = ["s", "s+", "m", "l", "xl", "xxl"];
export const LEGACY_RESIZE_TARGETS = ["s+", "m", "l", "xxl"];
/** PATCH `booster_options.size`: "One of" these (reference). */
export const BOOSTER_SIZES = ["s", "s+", "m", "l", "xl", "xxl", "starter", "advanced", "pro", "business", "boosted"];

/** Base storage per size, in GB (emulator values). */
export const BASE_STORAGE_GB: Record<string, number> = {
  starter: 20,
  advanced: 50,
  pro: 100,
  business: 200,
  s: 10,
  "s+": 20,
  m: 20,
  l: 50,
  xl: 50,
  xxl: 100,
};

export const RAM_MB: Record<string, number> = {
  starter: 1024,
  advanced: 2048,
  pro: 4096,
  business: 8192,
  s: 256,
  "s+": 512,
  m: 1024,
  l: 2048,
  xl: 2048,
  xxl: 4096,
};

export const CPUS: Record<string, number> = { starter: 1, advanced: 2, pro: 4, business: 8, s: 1, "s+": 1, m: 1, l: 2, xl: 2, xxl: 4 };

export interface CatalogApplication {
  name: string;
  label: string;
  languages: string[];
  databases: string[];
  minimumSize: string;
  singleApplication: boolean;
}

export const APPLICATIONS: CatalogApplication[] = [
  { name: "wordpress", label: "WordPress", languages: ["php"], databases: ["mysql"], minimumSize: "starter", singleApplication: false },
  { name: "nextcloud", label: "Nextcloud", languages: ["php"], databases: ["mysql", "pgsql"], minimumSize: "advanced", singleApplication: true },
  { name: "prestashop", label: "PrestaShop", languages: ["php"], databases: ["mysql"], minimumSize: "advanced", singleApplication: false },
  { name: "ghost", label: "Ghost", languages: ["nodejs"], databases: ["mysql"], minimumSize: "starter", singleApplication: true },
];

/** A stable UUID-shaped id for a language or database version (the value PATCH `language_id` takes). */
export function versionId(kind: string, name: string, version: string): string {
  const hex = createHash("sha256").update(`${kind}:${name}:${version}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function recommendedVersion(table: Record<string, string[]>, name: string): string {
  const versions = table[name];
  return versions[versions.length - 1];
}

/** Gandi's filters accept `*` patterns ("pg*", "*press"). */
export function matchesPattern(value: string, pattern: string | undefined): boolean {
  if (pattern === undefined || pattern === "") return true;
  const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return regex.test(value);
}
