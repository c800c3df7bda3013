package io.custos.service.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.service.api.ApiException;
import io.custos.service.api.TooManyRequests;
import io.custos.service.identity.Caller;
import io.custos.service.limits.CallerRateLimit;
import io.custos.service.request.RequestQueries;
import io.custos.service.request.RequestSubmission;
import io.custos.service.request.RequestView;
import io.custos.service.request.SubmitBody;
import io.custos.service.sending.NextNonce;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code eth_sendTransaction}: the call becomes a request of the caller's, decided by the policy
 * like one made through the REST API, and the answer follows the request: the hash once it is
 * broadcast, or an error saying it waits for approvals (with its id) or was denied (with why).
 *
 * <p>The same call made again (same caller, same fields) names the same request, through an
 * idempotency key derived from its fields: a tool that retries, or asks again after the approvals,
 * gets that request's outcome and never a second transfer. A transfer meant twice differs in its
 * {@code nonce}.
 */
@ApplicationScoped
class TransactionSending {

  /** The fields a transaction object may have; anything else is refused, as in the REST API. */
  private static final Set<String> FIELDS =
      Set.of(
          "from",
          "to",
          "value",
          "data",
          "input",
          "gas",
          "maxFeePerGas",
          "maxPriorityFeePerGas",
          "nonce",
          "chainId",
          "type",
          "accessList");

  /** How long a call waits for an allowed transaction to be broadcast before answering. */
  private static final Duration SEND_WAIT = Duration.ofSeconds(20);

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final RpcWallets wallets;
  private final RequestSubmission submission;
  private final RequestQueries queries;
  private final NextNonce nonces;
  private final CallerRateLimit rateLimit;

  TransactionSending(
      RpcWallets wallets,
      RequestSubmission submission,
      RequestQueries queries,
      NextNonce nonces,
      CallerRateLimit rateLimit) {
    this.wallets = wallets;
    this.submission = submission;
    this.queries = queries;
    this.nonces = nonces;
    this.rateLimit = rateLimit;
  }

  /** The transaction hash, once broadcast. */
  String send(ArrayNode params, Caller caller) {
    if (!caller.hasRole("requester")) {
      throw new RpcError(RpcError.UNAUTHORIZED, "eth_sendTransaction needs the requester role");
    }
    if (params.size() != 1 || !params.get(0).isObject()) {
      throw new RpcError(RpcError.INVALID_PARAMS, "one parameter: the transaction object");
    }
    ObjectNode tx = withoutNulls((ObjectNode) params.get(0));
    tx.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new RpcError(
                    RpcError.INVALID_PARAMS,
                    "the transaction has a field Custos does not take: " + f,
                    Map.of("field", f));
              }
            });
    WalletView wallet =
        wallets
            .byAddress(text(tx, "from"))
            .orElseThrow(
                () -> new RpcError(RpcError.INVALID_PARAMS, "from must be a Custos wallet"));
    checkChain(tx, wallet);
    String key = idempotencyKey(tx);
    Optional<RequestView> earlier = queries.byIdempotencyKey(key, caller);
    if (earlier.isEmpty()) {
      checkNonce(tx, wallet);
    }
    try {
      rateLimit.take(caller);
      UUID id = submission.submit(key, body(tx, wallet), caller).id();
      return outcome(id, caller);
    } catch (TooManyRequests e) {
      throw new RpcError(
          RpcError.LIMIT_EXCEEDED, e.getMessage(), Map.of("retryAfter", e.retryAfterSeconds()));
    } catch (ApiException e) {
      throw refusal(e);
    }
  }

  /** The object without its null fields: clients (web3j) send absent fields as null. */
  private static ObjectNode withoutNulls(ObjectNode tx) {
    ObjectNode copy = tx.deepCopy();
    List<String> nulls = new ArrayList<>();
    copy.properties()
        .forEach(
            e -> {
              if (e.getValue().isNull()) {
                nulls.add(e.getKey());
              }
            });
    copy.remove(nulls);
    return copy;
  }

  private static void checkChain(JsonNode tx, WalletView wallet) {
    if (tx.has("chainId")
        && !Quantities.quantity("chainId", text(tx, "chainId"))
            .equals(BigInteger.valueOf(wallet.chainId()))) {
      throw new RpcError(
          RpcError.INVALID_PARAMS,
          "chainId " + text(tx, "chainId") + " is not this deployment's chain " + wallet.chainId());
    }
    if (tx.has("type") && !"0x2".equals(text(tx, "type"))) {
      throw new RpcError(
          RpcError.INVALID_PARAMS, "Custos sends EIP-1559 transactions (type 0x2) only");
    }
    if (tx.has("accessList")
        && !(tx.get("accessList").isArray() && tx.get("accessList").isEmpty())) {
      throw new RpcError(RpcError.INVALID_PARAMS, "access lists are not supported");
    }
  }

  /** A nonce given must be the one Custos would sign with now: anything else would not be it. */
  private void checkNonce(JsonNode tx, WalletView wallet) {
    if (!tx.has("nonce")) {
      return;
    }
    BigInteger given = Quantities.quantity("nonce", text(tx, "nonce"));
    long next = nonces.of(wallet.chainId(), wallet.address());
    if (!given.equals(BigInteger.valueOf(next))) {
      throw new RpcError(
          RpcError.NONCE_MISMATCH,
          "nonce " + given + " is not the wallet's next nonce " + next,
          Map.of("expected", Quantities.hex(next)));
    }
  }

  private static SubmitBody body(JsonNode tx, WalletView wallet) {
    String to = text(tx, "to");
    if (to == null) {
      throw new RpcError(
          RpcError.INVALID_PARAMS, "to is required: Custos does not deploy contracts");
    }
    String data = tx.has("input") ? Quantities.data("input", text(tx, "input")) : null;
    if (tx.has("data")) {
      String d = Quantities.data("data", text(tx, "data"));
      if (data != null && !data.equalsIgnoreCase(d)) {
        throw new RpcError(RpcError.INVALID_PARAMS, "data and input differ");
      }
      data = d;
    }
    BigInteger value =
        tx.has("value") ? Quantities.quantity("value", text(tx, "value")) : BigInteger.ZERO;
    return new SubmitBody(
        wallet.label(),
        to,
        value.toString(),
        null,
        null,
        data == null || data.equals("0x") ? null : data,
        decimal(tx, "maxFeePerGas"),
        decimal(tx, "maxPriorityFeePerGas"),
        null);
  }

  private static String decimal(JsonNode tx, String field) {
    return tx.has(field) ? Quantities.quantity(field, text(tx, field)).toString() : null;
  }

  private static String text(JsonNode tx, String field) {
    JsonNode v = tx.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** {@code rpc-} and the SHA-256 of the transaction object with its keys in order. */
  static String idempotencyKey(JsonNode tx) {
    try {
      Object canonical = CANONICAL.treeToValue(tx, Object.class);
      byte[] bytes = CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
      return "rpc-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash a transaction object", e);
    }
  }

  /** The hash once broadcast, or the error that says where the request is. */
  private String outcome(UUID id, Caller caller) {
    long deadline = System.nanoTime() + SEND_WAIT.toNanos();
    while (true) {
      RequestView r = queries.show(id, caller);
      switch (r.state()) {
        case "PENDING_APPROVAL", "TIMELOCKED" -> throw pending(r);
        case "DENIED", "REJECTED", "EXPIRED", "WITHDRAWN", "REPLACED" -> throw rejected(r);
        default -> {
          if (r.transaction() != null && r.transaction().broadcastAt() != null) {
            return r.transaction().hash();
          }
        }
      }
      if (System.nanoTime() > deadline) {
        Map<String, Object> data = status(r);
        if (r.sendError() != null) {
          data.put("sendError", r.sendError());
        }
        throw new RpcError(
            RpcError.NOT_SENT_YET, "allowed, not broadcast yet: call again for the hash", data);
      }
      sleep();
    }
  }

  private static RpcError pending(RequestView r) {
    Map<String, Object> data = status(r);
    data.put("missing", r.decision() == null ? List.of() : r.decision().missing());
    if (r.notBefore() != null) {
      data.put("notBefore", r.notBefore().toString());
    }
    return new RpcError(
        RpcError.PENDING_APPROVAL,
        "request "
            + r.id()
            + " waits for approvals: call again with the same parameters for the hash",
        data);
  }

  private static RpcError rejected(RequestView r) {
    Map<String, Object> data = status(r);
    if (r.decision() != null) {
      data.put("rule", r.decision().rule());
      data.put("reasons", r.decision().reasons());
      data.put("explanation", r.decision().explanation());
    }
    return new RpcError(RpcError.REJECTED, "request " + r.id() + " is " + r.state(), data);
  }

  private static Map<String, Object> status(RequestView r) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("requestId", r.id().toString());
    data.put("state", r.state());
    return data;
  }

  /** A refusal of the REST API's, with its problem type, as a JSON-RPC error. */
  private static RpcError refusal(ApiException e) {
    Map<String, Object> data = new LinkedHashMap<>(e.extensions());
    data.put("type", e.type().type().toString());
    int code =
        switch (e.type()) {
          case VALIDATION, UNKNOWN_FIELD -> RpcError.INVALID_PARAMS;
          default -> RpcError.REJECTED;
        };
    return new RpcError(code, e.getMessage(), data);
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcError(RpcError.INTERNAL, "interrupted while waiting for the broadcast");
    }
  }
}
