package io.custos.service.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * One state change of a request or of its transaction, as the database announced it.
 *
 * @param seq the event's number (the SSE id)
 * @param id the request
 * @param state the request's state as the API shows it (its transaction's once sent)
 * @param transaction {@code hash}, {@code nonce}, {@code state}, {@code blockNumber}; null before
 *     sending
 * @param at when the change was made, ISO-8601 UTC
 * @param requester the request's requester subject, used to filter what a requester may see; null
 *     when unknown
 * @param sendError why the latest attempt to sign and send the request failed, when this event
 *     announces such a failure (or a state change after one), else absent
 */
public record RequestEvent(
    @JsonIgnore long seq,
    UUID id,
    String state,
    @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode transaction,
    String at,
    @JsonIgnore String requester,
    @JsonInclude(JsonInclude.Include.NON_NULL) String sendError) {

  /** A transaction of a request announces the request's state as the API shows it. */
  static RequestEvent of(JsonNode json) {
    JsonNode tx = json.get("transaction");
    return new RequestEvent(
        json.get("seq").asLong(),
        UUID.fromString(json.get("id").asText()),
        json.get("state").asText(),
        tx == null || tx.isNull() ? null : tx,
        json.get("at").asText(),
        json.hasNonNull("requester") ? json.get("requester").asText() : null,
        json.hasNonNull("sendError") ? json.get("sendError").asText() : null);
  }
}
