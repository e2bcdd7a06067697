import { z } from "zod";
import { flag, idString, numberish, optionalText } from "../lenient";
import { envelope } from "./envelope";

/**
 * The account area (docs/gigahost.md, "SshKey (Gigahost)"). Gigahost's document names
 * `GET /account`, `POST /account/sshkey` and `DELETE /account/sshkey/{id}`
 * without their fields: the field names here are guesses (listed in
 * docs/gigahost.md, "Behaviour guessed"), read leniently. `/my/*` follows
 * Terrahost's documented examples.
 */

export const sshKeyWire = z
  .object({
    key_id: idString,
    name: z.string(),
    key: z.string(),
    fingerprint: optionalText,
    created_at: optionalText,
  })
  .passthrough();
export type SshKeyWire = z.infer<typeof sshKeyWire>;

export const accountWire = z
  .object({
    customer_id: idString.nullish(),
    email: optionalText,
    name: optionalText,
    company: optionalText,
    country_code: optionalText,
    ssh_keys: z.array(sshKeyWire).nullish(),
  })
  .passthrough();
export type AccountWire = z.infer<typeof accountWire>;
export const accountAnswer = envelope(accountWire);

export const sshKeyCreated = z.object({ data: z.union([sshKeyWire, z.array(z.unknown()), z.null()]).optional() }).passthrough();

export interface SshKeyBody {
  name: string;
  key: string;
}

const text = z.union([z.string(), z.number()]).transform(String).nullish();

/** GET /my/account (Terrahost's document: `success`, `cust_*`, `cust_contacts`; no envelope). */
export const myAccountWire = z
  .object({
    success: flag.optional(),
    cust_id: idString,
    cust_name: text,
    cust_company_no: text,
    cust_address: text,
    cust_address2: text,
    cust_province: text,
    cust_zipcode: text,
    cust_city: text,
    cust_country: text,
    cust_phone: text,
    cust_email: text,
    cust_billing_email: text,
    cust_contacts: z
      .array(
        z
          .object({
            contact_id: idString,
            contact_name: text,
            contact_email: text,
            contact_phone: text,
            contact_address: text,
            contact_zip: text,
            contact_city: text,
            contact_username: text,
            contact_admin: flag.nullish(),
          })
          .passthrough(),
      )
      .nullish(),
  })
  .passthrough();
export type MyAccountWire = z.infer<typeof myAccountWire>;

/** GET /my/invoices (Terrahost's document; dates are unix seconds as strings, totals strings or numbers). */
export const myInvoicesWire = z
  .object({
    success: flag.optional(),
    invoices: z
      .array(
        z
          .object({
            inv_id: idString,
            order_id: idString.nullish(),
            order_number: text,
            inv_filename: text,
            inv_number: text,
            inv_date: numberish.nullish(),
            inv_duedate: numberish.nullish(),
            inv_paid: flag.nullish(),
            inv_total: numberish.nullish(),
            inv_vat: numberish.nullish(),
            inv_total_vat: numberish.nullish(),
          })
          .passthrough(),
      )
      .nullish(),
  })
  .passthrough();
export type MyInvoicesWire = z.infer<typeof myInvoicesWire>;

/** GET /deploy/waitlist: the account's reservations (guessed fields). */
export const waitlistWire = envelope(
  z.array(
    z
      .object({
        waitlist_id: idString,
        product_id: idString.nullish(),
        region_id: idString.nullish(),
        created_at: optionalText,
      })
      .passthrough(),
  ),
);
export type WaitlistEntryWire = z.infer<typeof waitlistWire>["data"][number];
