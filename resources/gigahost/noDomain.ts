import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { isHostname, normalizeHostname } from "../../provider/dns";
import { ResourceDefinition } from "../../provider/dynamic";
import { CheckFailure, sameValue } from "../../provider/inputs";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { GigahostClient, gigahostClient } from "../../provider/gigahost/client";
import { ResourceInitializationError } from "../../provider/errors";
import { RegisterBody, RegistrantChangeBody, RegistrantWire, ZoneWire } from "../../provider/gigahost/wire";
import { claimObject } from "../../provider/identity";
import { writeReconciled } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert } from "../types";
import { readsForImport, withReadInputs, zoneImportId } from "./importIds";

/** A second-level .no name (Norid registers no deeper names); letters with Norwegian and Sami diacritics allowed. */
const NO_DOMAIN = /^[a-z0-9\u00c0-\u024f]([a-z0-9\u00c0-\u024f-]{0,61}[a-z0-9\u00c0-\u024f])?\.no$/;

const text = (what: string, max = 255) => z.string().trim().min(1, `must not be empty (${what})`).max(max, `must be at most ${max} characters`);

export const registrantInput = z.discriminatedUnion(
  "type",
  [
    z
      .object({
        type: z.literal("organization"),
        orgNumber: z
          .string()
          .transform((value) => value.replace(/\s/g, ""))
          .pipe(z.string().regex(/^\d{9}$/, 'must be the 9-digit organization number, e.g. "923609016"')),
        companyName: text("the company name"),
      })
      .strict(),
    z
      .object({
        type: z.literal("person"),
        personId: z
          .string()
          .trim()
          .regex(/^N\.PRI\.\d+$/, 'must be a Norid person id such as "N.PRI.12345678"'),
        firstName: text("the first name"),
        lastName: text("the last name"),
      })
      .strict(),
  ],
  { error: 'must be { type: "organization", orgNumber, companyName } or { type: "person", personId, firstName, lastName }' },
);

export const noDomainArgs = z
  .object({
    domain: z
      .string()
      .trim()
      .transform((value) => value.toLowerCase().replace(/\.$/, ""))
      .pipe(z.string().regex(NO_DOMAIN, 'must be a second-level .no domain such as "example.no"')),
    registrant: registrantInput,
    email: z.string().trim().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an e-mail address such as hostmaster@example.no"),
    applicantName: text("the applicant's name"),
    zipCode: z.string().trim().regex(/^\d{4}$/, 'must be a Norwegian postal code such as "0123"'),
    city: text("the city"),
    nameservers: z
      .array(
        z
          .string()
          .transform(normalizeHostname)
          .refine((name) => isHostname(name) && name.includes("."), "must be a name server host name such as ns1.example.net"),
      )
      .min(2, "needs at least two name servers")
      .optional(),
    acceptNoridDeclaration: z.boolean().optional(),
    adopt: z.boolean().default(false),
  })
  .strict();

/** The holder of a .no domain: an organization or a person. */
export type RegistrantArgs =
  | {
      type: "organization";
      /** The 9-digit number in the Brønnøysund register (see `lookupOrganization()`), e.g. `"923609016"`; spaces are ignored. */
      orgNumber: string;
      /** The company's name, e.g. `"Example AS"`. */
      companyName: string;
    }
  | {
      type: "person";
      /** Norid's person id, `N.PRI.` followed by digits, e.g. `"N.PRI.12345678"`. */
      personId: string;
      /** The first name, e.g. `"Kari"`. */
      firstName: string;
      /** The last name, e.g. `"Nordmann"`. */
      lastName: string;
    };

/**
 * The arguments of a `NoDomain`; see docs/gigahost.md, "NoDomain (Gigahost)".
 * The registration details are used to register; once the domain is
 * registered, a new holder in `registrant` (with `acceptNoridDeclaration`)
 * is a registrant change, and other changes are refused at `pulumi preview`.
 */
export interface NoDomainArgs {
  /**
   * The second-level .no domain to register, e.g. `"example.no"`; lower-cased.
   * Changing it registers the new name (billed); the old one stays registered.
   */
  domain: pulumi.Input<string>;
  /**
   * Who holds the domain: `{ type: "organization", orgNumber: "923609016",
   * companyName: "Example AS" }` or `{ type: "person", personId:
   * "N.PRI.12345678", firstName, lastName }`. Another holder (organization number,
   * person id or type) changes in place with `acceptNoridDeclaration: true`.
   */
  registrant: pulumi.Input<RegistrantArgs>;
  /** The registrant's e-mail address, e.g. `"hostmaster@example.no"`. Registration, or with a holder change. */
  email: pulumi.Input<string>;
  /** Who applies (signs Norid's declaration), 1 to 255 characters, e.g. `"Kari Nordmann"`. Registration, or with a holder change. */
  applicantName: pulumi.Input<string>;
  /** The registrant's Norwegian postal code, four digits, e.g. `"0123"`. Registration, or with a holder change. */
  zipCode: pulumi.Input<string>;
  /** The registrant's city, e.g. `"Oslo"`. Registration, or with a holder change. */
  city: pulumi.Input<string>;
  /**
   * External name servers, at least two, e.g. `["ns1.example.net", "ns2.example.net"]`;
   * Gigahost's when unset. Registration only (use `DomainSettings` to change them later).
   */
  nameservers?: pulumi.Input<string[]>;
  /**
   * `true` to change the holder: a changed `registrant` (another organization
   * number, person id or type) is sent as Gigahost's registrant change, which
   * "requires Norid Applicant Declaration acceptance" (`agree_to_terms`), is a
   * new order (billed) and extends the domain by a year. Without it a holder
   * change is refused at check. Never causes a diff.
   */
  acceptNoridDeclaration?: pulumi.Input<boolean>;
  /**
   * Take over the domain when it is already registered in this Gigahost
   * account, instead of failing; default false. Never causes a diff.
   */
  adopt?: pulumi.Input<boolean>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<NoDomainArgs, typeof noDomainArgs>>;
type DomainInputs = z.output<typeof noDomainArgs>;

export const noDomainState = stateSchema({
  /** The zone Gigahost made for the domain, e.g. for a `DnsRecord`'s `zoneId`. */
  zoneId: z.string(),
  /** When the registration expires, as Gigahost writes it; null until Gigahost reports it. */
  expiresAt: z.string().nullable(),
  /** The registration's status; null until Gigahost reports it. */
  status: z.string().nullable(),
  /** Whether the registration renews itself; null until Gigahost reports it. */
  autoRenew: z.boolean().nullable(),
  /** The .no domain registered. */
  domain: z.string(),
});
export type NoDomainState = z.infer<typeof noDomainState>;

const KIND = "gigahost:NoDomain";
/** Used only to register: changing them later is done with Norid's procedures, not by this resource. */
const REGISTRATION_ONLY = ["registrant", "email", "applicantName", "zipCode", "city", "nameservers"] as const;
/** Sent with a holder change (PUT …/registrant), so they may change together with the holder. */
const SENT_WITH_HOLDER_CHANGE = ["registrant", "email", "applicantName", "zipCode", "city"] as const;

type Registrant = DomainInputs["registrant"];

/** The holder's identity: what Norid knows it by. A new company name or spelling of a name is not a new holder. */
export function holderIdentity(registrant: Registrant): string {
  return registrant.type === "organization" ? registrant.orgNumber : registrant.personId;
}

function isNewHolder(olds: Registrant, news: Registrant): boolean {
  return olds.type !== news.type || holderIdentity(olds) !== holderIdentity(news);
}

export function registrantChangeBody(inputs: DomainInputs): RegistrantChangeBody {
  const holder =
    inputs.registrant.type === "organization"
      ? { registrant_type: "organization" as const, org_number: inputs.registrant.orgNumber, company_name: inputs.registrant.companyName }
      : { registrant_type: "person" as const, pid: inputs.registrant.personId };
  return { ...holder, email: inputs.email, applicant_name: inputs.applicantName, zip_code: inputs.zipCode, city: inputs.city, agree_to_terms: true };
}

/**
 * Whether the registry shows this holder. Gigahost's documented example
 * answers `identity: null`; the organization number or person id there is a
 * guess (docs/gigahost.md, "Behaviour guessed"), so without it a holder is
 * not confirmed.
 */
function showsHolder(live: RegistrantWire, registrant: Registrant): boolean {
  return live.identity !== null && live.identity !== undefined && live.type === registrant.type && live.identity === holderIdentity(registrant);
}

export function registerBody(inputs: DomainInputs): RegisterBody {
  const registrant =
    inputs.registrant.type === "organization"
      ? { registrant_type: "organization" as const, org_number: inputs.registrant.orgNumber, company_name: inputs.registrant.companyName }
      : { registrant_type: "person" as const, pid: inputs.registrant.personId, first_name: inputs.registrant.firstName, last_name: inputs.registrant.lastName };
  return {
    domain_name: inputs.domain,
    ...registrant,
    email: inputs.email,
    applicant_name: inputs.applicantName,
    zip_code: inputs.zipCode,
    city: inputs.city,
    use_gigahost_ns: inputs.nameservers === undefined,
    ...(inputs.nameservers ? { nameservers: inputs.nameservers } : {}),
  };
}

function stateOf(zone: ZoneWire): Omit<NoDomainState, "domain"> {
  return {
    zoneId: zone.zone_id,
    expiresAt: zone.domain_expiry_date,
    status: zone.domain_status,
    autoRenew: zone.domain_auto_renew ?? null,
  };
}

/**
 * The registration details GET …/registrant gives back, for an import; each only when it is a
 * valid input. The holder needs its organization number or person id in `identity` (Gigahost's
 * documented example has null there), the company name in `organization` and a person's names in
 * `name` ("first last", split at the last space); the postal code is listed with the country
 * ("NO-0123"). `applicantName` and `nameservers` are never returned. All of these mappings are
 * guesses (docs/gigahost.md, "Behaviour guessed").
 */
export function registrationFromWire(live: RegistrantWire): Partial<Pick<DomainInputs, "registrant" | "email" | "zipCode" | "city">> {
  const valid = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  const name = live.name?.trim() ?? "";
  const space = name.lastIndexOf(" ");
  const holder =
    live.type === "organization"
      ? { type: "organization", orgNumber: live.identity, companyName: live.organization }
      : { type: "person", personId: live.identity, firstName: name.slice(0, Math.max(space, 0)), lastName: name.slice(space + 1) };
  return {
    registrant: valid(registrantInput, holder),
    email: valid(noDomainArgs.shape.email, live.email),
    zipCode: valid(noDomainArgs.shape.zipCode, live.postal_code?.replace(/^[A-Z]{2}-/i, "")),
    city: valid(noDomainArgs.shape.city, live.city),
  };
}

/** Whether the domain's expiry is later now than `recorded` (the state's `expiresAt`); false when either is unknown. */
async function expiryMovedSince(client: GigahostClient, zoneId: string, recorded: string | null): Promise<boolean> {
  if (!recorded) return false;
  const zone = await client.findZoneById(zoneId, { fresh: true });
  const now = zone?.domain_expiry_date;
  if (!now) return false;
  const [before, after] = [recorded, now].map((date) => Date.parse(date.replace(" ", "T") + (date.includes("T") ? "" : "Z")));
  return Number.isFinite(before) && Number.isFinite(after) && after > before;
}

export const noDomainDefinition: ResourceDefinition<DomainInputs, typeof noDomainState> = {
  kind: KIND,
  inputs: noDomainArgs,
  state: noDomainState,
  replaceOnChanges: ["domain"],
  ignoreChanges: ["adopt", "acceptNoridDeclaration"],
  // A domain cannot be registered twice: a new name is registered before the old one leaves the stack.
  deleteBeforeReplace: false,
  /**
   * `zoneId`, e.g. `123` (GET /dns/zones' `zone_id`, a registered domain): read gives back `domain`,
   * and from GET …/registrant `registrant` (only where it names the holder's organization number or
   * person id), `email`, `zipCode` and `city` (see `registrationFromWire`). `applicantName` and
   * `nameservers` are never returned: the first `up` after the import records the program's,
   * sending nothing (a new holder still needs `acceptNoridDeclaration`).
   */
  importId: zoneImportId,

  checkChange(olds, news): CheckFailure[] {
    if (olds.domain !== news.domain) return [];
    if (isNewHolder(olds.registrant, news.registrant)) {
      const failures: CheckFailure[] = [];
      if (news.acceptNoridDeclaration !== true) {
        failures.push({
          property: "acceptNoridDeclaration",
          reason:
            `must be true to give ${news.domain} a new holder (${holderIdentity(olds.registrant)} → ${holderIdentity(news.registrant)}): ` +
            "the new holder accepts Norid's applicant declaration, and Gigahost bills the change as a new order that extends the domain by a year",
        });
      }
      if (!sameValue(olds.nameservers, news.nameservers)) {
        failures.push({ property: "nameservers", reason: `is only used to register ${news.domain}; change name servers with DomainSettings, or put back the previous value` });
      }
      return failures;
    }
    return REGISTRATION_ONLY.filter((key) => !sameValue(olds[key], news[key])).map((key) => ({
      property: key,
      reason:
        `is only used to register ${news.domain}, which is registered already; ` +
        (key === "nameservers" || key === "email"
          ? "change it with DomainSettings, or put back the previous value"
          : "a new holder (another organization number or person id in `registrant`, with `acceptNoridDeclaration: true`) sends the registrant change; otherwise put back the previous value"),
    }));
  },

  async create(inputs, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    if (context.creationTag) claimObject(`gigahost:zone:${inputs.domain}`, context.creationTag, `${KIND} ${inputs.domain}`);
    const owned = await client.findZoneByName(inputs.domain, { fresh: true });
    if (owned) {
      // A registered domain carries nothing of ours: one in the account is never registered again (a second
      // registration cannot happen), and taking it needs \`adopt\`, also after an interrupted registration.
      if (!inputs.adopt) {
        throw new Error(
          `${KIND}: ${inputs.domain} is already in this Gigahost account (zone ${owned.zone_id}). Set \`adopt: true\` to manage it ` +
            "(e.g. when an earlier `pulumi up` was interrupted after registering it).",
        );
      }
      return { id: owned.zone_id, state: stateOf(owned) };
    }
    const availability = await client.domains.checkAvailability(inputs.domain);
    if (!availability.available) {
      throw new Error(`${KIND}: ${inputs.domain} cannot be registered: ${availability.reason || "Norid reports it as not available"}`);
    }
    // Registering is billed: a lost answer is never repeated before looking for the new zone.
    const zone = await writeReconciled({
      attempt: async () => {
        await client.domains.register(registerBody(inputs));
      },
      find: () => client.findZoneByName(inputs.domain, { fresh: true }),
      description: `${KIND} ${inputs.domain}: registering`,
      clock: context.clock,
      logger: context.logger,
    });
    return { id: zone.zone_id, state: stateOf(zone) };
  },

  async read(id, state, context) {
    const client = gigahostClient("gigahost", context.settings, context);
    const zone = await client.findZoneById(id, { fresh: true });
    if (!zone) return undefined;
    if (!readsForImport(state, "domain")) return stateOf(zone);
    if (!zone.zone_is_registered) throw new Error(`${KIND}: zone ${id} (${zone.zone_name}) is not a domain registered through Gigahost; import it as gigahost:DnsZone`);
    const domain = zone.zone_name.toLowerCase().replace(/\.$/, "");
    return withReadInputs({ ...stateOf(zone), domain }, registrationFromWire(await client.domains.registrant(id)));
  },

  async update(id, olds, news, context) {
    // A new holder is the one change sent (check refuses the others); `adopt` and the declaration change nothing.
    const client = gigahostClient("gigahost", context.settings, context);
    // After an import whose registry showed no holder identity, the holder is the program's: recorded, not sent.
    if (olds.registrant === undefined || !isNewHolder(olds.registrant, news.registrant)) {
      const zone = await client.findZoneById(id, { fresh: true });
      if (!zone) throw new Error(`${KIND} ${id} is no longer in the Gigahost account; run \`pulumi refresh\``);
      return stateOf(zone);
    }
    const change = `${KIND} ${news.domain}: the registrant change to ${holderIdentity(news.registrant)}`;
    // Check refuses this too, but not after an import: the imported inputs lack `applicantName`, so check cannot compare them.
    if (news.acceptNoridDeclaration !== true) {
      throw new Error(`${change} needs \`acceptNoridDeclaration: true\` (the registry's holder is ${holderIdentity(olds.registrant)}); nothing was sent`);
    }
    // Billed: after a lost answer, or a run killed after the change, the registry's holder says whether it was applied.
    const live = await client.domains.registrant(id);
    if (showsHolder(live, news.registrant)) {
      context.logger.info(`${change}: the registry already shows the new holder; not ordering the change again`);
    } else if (live.identity == null && (await expiryMovedSince(client, id, olds.expiresAt))) {
      // The registry shows no holder identity (as in Gigahost's example), so only the expiry could tell, and it
      // cannot tell apart a change an interrupted run made (it "extends domain by 1 year") from a renewal: refuse
      // rather than order a billed change twice or skip a wanted one.
      throw new Error(
        `${change} (\`registrant\`) was not sent: the registry shows no holder identity, and the domain now expires later than the ${olds.expiresAt} in the state. ` +
          "Either an interrupted run already changed the holder (the change extends the domain by a year) or the domain was renewed. " +
          "Check the holder in the Gigahost control panel (or Norid's whois); if it is not yet the new one, run `pulumi refresh` (it records the current expiry) and `pulumi up` again to send the change.",
      );
    } else {
      await writeReconciled({
        attempt: async () => {
          await client.domains.changeRegistrant(id, registrantChangeBody(news));
          return true;
        },
        find: async () => (showsHolder(await client.domains.registrant(id), news.registrant) ? true : undefined),
        description: `${KIND} ${news.domain}: changing the registrant to ${holderIdentity(news.registrant)}`,
        clock: context.clock,
        logger: context.logger,
      });
      context.logger.info(`${KIND} ${news.domain}: registrant changed to ${holderIdentity(news.registrant)} (a new order; the domain is extended by a year)`);
    }
    // From here on the change is made: a failure must still record the new holder, or the next run would order it
    // again (the registry may not be able to confirm it).
    try {
      const zone = await client.findZoneById(id, { fresh: true });
      if (!zone) throw new Error(`${KIND} ${id} is no longer in the Gigahost account; run \`pulumi refresh\``);
      return stateOf(zone);
    } catch (error) {
      throw new ResourceInitializationError(id, { ...olds, ...news }, [
        `${change} was made, but reading the zone afterwards failed: ${error instanceof Error ? error.message : String(error)}. ` +
          "The new holder is recorded; the next `pulumi up` or `pulumi refresh` reads the zone again",
      ]);
    }
  },

  async delete(id, state, context) {
    context.logger.warn(
      `${KIND} ${state.domain ?? id}: removed from the stack, but a .no domain cannot be unregistered through the API: ` +
        "it stays registered (and billed when it renews) until it expires; turn off auto-renew with DomainSettings first, or ask Gigahost support to delete it",
    );
  },
};

/**
 * A .no domain registered through Gigahost (with Norid). Checks that the name
 * is available first. A new holder in `registrant` (with
 * `acceptNoridDeclaration: true`) is Gigahost's registrant change, in place. Deleting the resource cannot unregister the domain: it
 * leaves the stack with a warning.
 */
export class NoDomain extends resourceClass<NoDomainArgs>()(noDomainDefinition) {}
