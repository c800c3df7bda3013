package io.custos.cli.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.policy.Decision;
import io.custos.policy.Policy;
import io.custos.policy.PolicyEngine;
import io.custos.policy.intent.Requester;
import java.math.BigInteger;
import java.security.SignatureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.utils.Numeric;

/**
 * The check of one {@code transaction.signed} entry for {@link OfflineApprovalCheck}: every
 * approval it names is re-verified against the raw transaction that was actually signed (decoded
 * from the entry, its sender recovered), then the quorum is recounted over those that verified.
 */
final class SignedTransactionCheck {

  private final OfflineApprovalCheck log;
  private final long seq;
  private final String time;
  private final JsonNode payload;
  private final List<String> faults = new ArrayList<>();
  private final List<String> confirmed = new ArrayList<>();

  SignedTransactionCheck(OfflineApprovalCheck log, long seq, String time, JsonNode payload) {
    this.log = log;
    this.seq = seq;
    this.time = time;
    this.payload = payload;
  }

  ApprovalCheckReport.TransactionResult run() {
    String hash = payload.path("hash").asText();
    JsonNode auth = payload.get("authorization");
    if (auth == null) {
      faults.add("no authorization recorded: the transaction was not sent for a request");
      return result(hash, "", false);
    }
    String requestId = auth.path("requestId").asText();
    Signed tx = decode(payload.path("raw").asText());
    if (tx == null) {
      return result(hash, requestId, false);
    }
    Policy policy = log.policy(auth.path("policyHash").asText());
    if (policy == null) {
      faults.add("no policy.activated entry holds policy " + auth.path("policyHash").asText());
      return result(hash, requestId, false);
    }
    List<JsonNode> valid = new ArrayList<>();
    for (JsonNode a : auth.path("approvals")) {
      List<String> wrong = approval(a, tx, requestId, auth.path("policyHash").asText());
      if (wrong.isEmpty()) {
        valid.add(a);
        confirmed.add(a.path("username").asText() + " (" + a.path("signer").asText() + ")");
      } else {
        faults.add("approval by " + a.path("username").asText() + ": " + String.join("; ", wrong));
      }
    }
    Decision recount =
        new PolicyEngine(policy)
            .recountApprovals(
                auth.path("rule").asText(),
                requester(auth.path("requester")),
                OfflineApprovalCheck.approvals(valid),
                Instant.parse(time));
    boolean met = recount instanceof Decision.Allow;
    if (!met) {
      faults.add(
          "the valid signatures do not meet rule "
              + auth.path("rule").asText()
              + ": "
              + recount.trace().entries().getLast());
    }
    return result(hash, requestId, met);
  }

  private List<String> approval(JsonNode a, Signed tx, String requestId, String policyHash) {
    List<String> wrong = new ArrayList<>();
    JsonNode typed = a.path("typedData");
    String signer = log.signer(typed, a.path("digest").asText(), a, wrong);
    if (signer == null) {
      return wrong;
    }
    if (!signer.equals(a.path("signer").asText())) {
      wrong.add("the signature recovers " + signer + ", not " + a.path("signer").asText());
    }
    String subject = a.path("subject").asText();
    if (!log.recordedWhileActive(a.path("signature").asText())) {
      wrong.add("no approval.recorded entry with this signature by a key active at the time");
    }
    if (!log.activeKey(signer, subject)) {
      wrong.add("the key " + signer + " was not " + subject + "'s active key when signing");
    }
    log.checkDomain(typed.path("domain"), tx.chainId(), wrong);
    JsonNode m = typed.path("message");
    expect(wrong, m, "requestId", requestId);
    expect(wrong, m, "chainId", Long.toString(tx.chainId()));
    expect(wrong, m, "wallet", tx.from());
    expect(wrong, m, "to", tx.to());
    expect(wrong, m, "value", tx.value().toString());
    expect(wrong, m, "dataHash", tx.dataHash());
    expect(wrong, m, "policyHash", "0x" + policyHash);
    expect(wrong, m, "decision", a.path("verdict").asText().toLowerCase(Locale.ROOT));
    if (tx.maxFee().compareTo(uint(m, "maxFeePerGas")) > 0
        || tx.maxPriorityFee().compareTo(uint(m, "maxPriorityFeePerGas")) > 0) {
      wrong.add("the transaction pays more per gas than the approved caps");
    }
    return wrong;
  }

  private static void expect(List<String> wrong, JsonNode m, String field, String value) {
    if (!m.path(field).asText().equalsIgnoreCase(value)) {
      wrong.add(
          "message." + field + " is " + m.path(field).asText() + ", the transaction's " + value);
    }
  }

  private static BigInteger uint(JsonNode m, String field) {
    try {
      return Evidence.uint(m, field);
    } catch (IllegalArgumentException e) {
      return BigInteger.ZERO;
    }
  }

  private static Requester requester(JsonNode r) {
    Set<String> roles = new HashSet<>();
    Set<String> groups = new HashSet<>();
    r.path("roles").forEach(x -> roles.add(x.asText()));
    r.path("groups").forEach(x -> groups.add(x.asText()));
    return new Requester(
        r.path("subject").asText(), roles, groups, r.path("serviceAccount").asBoolean());
  }

  /** What was signed, decoded from the raw transaction. */
  private record Signed(
      long chainId,
      String from,
      String to,
      BigInteger value,
      String dataHash,
      BigInteger maxFee,
      BigInteger maxPriorityFee) {}

  private Signed decode(String raw) {
    try {
      RawTransaction t = TransactionDecoder.decode(raw);
      if (!(t instanceof SignedRawTransaction s)
          || !(t.getTransaction() instanceof Transaction1559 f)) {
        faults.add("the raw transaction is not a signed EIP-1559 transaction");
        return null;
      }
      return new Signed(
          f.getChainId(),
          s.getFrom().toLowerCase(Locale.ROOT),
          t.getTo().toLowerCase(Locale.ROOT),
          t.getValue(),
          Evidence.dataHash(Numeric.hexStringToByteArray(t.getData())),
          f.getMaxFeePerGas(),
          f.getMaxPriorityFeePerGas());
    } catch (SignatureException | RuntimeException e) {
      faults.add("the raw transaction does not decode: " + e.getMessage());
      return null;
    }
  }

  private ApprovalCheckReport.TransactionResult result(String hash, String requestId, boolean met) {
    return new ApprovalCheckReport.TransactionResult(seq, hash, requestId, confirmed, met, faults);
  }
}
