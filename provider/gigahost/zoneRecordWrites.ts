import { unlessGone } from "../errors";
import { urlPath } from "../urlPath";
import type { GigahostClient } from "./client";
import { RecordBody, acknowledgement } from "./wire";

/**
 * The record writes of a whole-zone apply (gigahost.DnsZoneRecords). Unlike
 * the client's per-record methods, none of them lists the zone afterwards:
 * the applier confirms a whole batch with one listing and re-plans from it.
 * None is repeated here either: a repeated POST could create a value twice
 * and a repeated PUT hits an id that its first attempt already changed
 * (ids are content hashes); the next round's plan does what is still missing.
 * Callers hold the zone's write lock (GigahostClient.withZoneLock).
 */
export class ZoneRecordWrites {
  /** Write requests sent (for the log and the bench). */
  sent = 0;

  constructor(
    private readonly client: GigahostClient,
    private readonly zoneId: string,
  ) {}

  /** `POST /dns/zones/{id}/records`; the answer carries no id (docs/gigahost-dns.md, "DNS quirks handled"). */
  async create(record: RecordBody): Promise<void> {
    this.sent++;
    await this.client.http.request({
      method: "POST",
      path: urlPath`/dns/zones/${this.zoneId}/records`,
      body: record,
      schema: acknowledgement,
      retry: false,
    });
  }

  /** `PUT …/records/{id}`: false when the id is no longer listed (404): the record changed since the listing. */
  async update(recordId: string, record: RecordBody): Promise<boolean> {
    this.sent++;
    const answer = await unlessGone(
      this.client.http.request({
        method: "PUT",
        path: urlPath`/dns/zones/${this.zoneId}/records/${recordId}`,
        body: record,
        schema: acknowledgement,
        retry: false,
      }),
    );
    return answer !== undefined;
  }

  /**
   * `DELETE …/records/{id}?name=&type=[&value=]`. The vendor ignores the id
   * and deletes the name+type set; `value` (undocumented, verified live)
   * narrows it to one record. Without `value` the whole set goes in one call.
   * False when nothing matched (404). Repeating it is harmless (a second
   * attempt finds nothing: 404), so the HTTP core may retry it.
   */
  async delete(recordId: string, match: { name: string; type: string; value?: string }): Promise<boolean> {
    this.sent++;
    const query: Record<string, string> = { name: match.name, type: match.type };
    if (match.value !== undefined) query.value = match.value;
    return (
      (await this.client.http.deleteOptional(urlPath`/dns/zones/${this.zoneId}/records/${recordId}`, acknowledgement, { query })) !==
      undefined
    );
  }
}
