package io.custos.service.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custos.service.api.ProblemType;
import io.custos.service.approvers.ApproverKeyState;
import io.custos.service.approvers.ApproverKeyView;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.chain.EthereumConfig;
import io.custos.service.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * Checks the EIP-712 signatures approvers' devices make. The digest is always computed over the
 * document the service builds from its own data (with the client's expiry), never over the client's
 * copy: the client's copy is only compared field by field, to say what differs.
 */
@ApplicationScoped
public class DeviceSignatures {

  private final Deployment deployment;
  private final EthereumConfig chain;
  private final ApprovalsConfig config;
  private final ApproverKeys keys;

  DeviceSignatures(
      Deployment deployment, EthereumConfig chain, ApprovalsConfig config, ApproverKeys keys) {
    this.deployment = deployment;
    this.chain = chain;
    this.config = config;
    this.keys = keys;
  }

  /** This deployment's EIP-712 domain. */
  public ObjectNode domain() {
    return Eip712.domain(chain.chainId(), deployment.id());
  }

  /** When typed data handed out now expires. */
  public long expiryFrom(Instant now) {
    return now.plus(config.signatureTtl()).getEpochSecond();
  }

  /**
   * Verifies an approval signed by {@code approver}'s active key.
   *
   * @param expected the approval the service expects for this request and verdict (its expiry is
   *     replaced by the client's)
   * @throws ApprovalRefused saying which check failed
   */
  public VerifiedSignature verifyApproval(
      ApprovalMessage expected,
      JsonNode typedData,
      String signature,
      Caller approver,
      Instant now) {
    if (typedData == null || !typedData.isObject() || signature == null) {
      throw new ApprovalRefused(
          ProblemType.APPROVAL_SIGNATURE_REQUIRED,
          "a verdict needs \"typedData\" (from GET /api/v1/requests/{id}/typed-data) and"
              + " \"signature\" by your registered device key");
    }
    checkDomain(typedData);
    ObjectNode ours = Eip712.approval(domain(), expected);
    checkShape(typedData, ours, "Approval", ProblemType.APPROVAL_MISMATCH);
    ApprovalMessage given;
    try {
      given = ApprovalMessage.parse(typedData.get("message"));
    } catch (IllegalArgumentException e) {
      throw new ApprovalRefused(ProblemType.APPROVAL_MISMATCH, e.getMessage());
    }
    ApprovalMessage wanted = expected.with(expected.decision(), given.expiresAt());
    List<String> differing = differing(wanted.toJson(), given.toJson());
    if (!differing.isEmpty()) {
      throw new ApprovalRefused(
          ProblemType.APPROVAL_MISMATCH,
          "the signed approval differs from this request and verdict in " + differing,
          Map.of("fields", differing));
    }
    checkExpiry(given.expiresAt(), now, ProblemType.APPROVAL_EXPIRED);
    ObjectNode signed = Eip712.approval(domain(), wanted);
    VerifiedSignature v = recover(signed, signature, ProblemType.APPROVAL_SIGNATURE_INVALID);
    checkKey(v.signer(), approver);
    return v;
  }

  /**
   * Verifies a key registration: signed by the key it registers, for the caller, unexpired.
   *
   * @throws ApprovalRefused of type key-proof-invalid (or a domain mismatch)
   */
  public VerifiedSignature verifyRegistration(
      String address, JsonNode typedData, String signature, Caller caller, Instant now) {
    if (typedData == null || !typedData.isObject() || signature == null) {
      throw new ApprovalRefused(
          ProblemType.KEY_PROOF_INVALID,
          "a registration needs \"typedData\" (from GET"
              + " /api/v1/approvers/me/registration-typed-data) and \"signature\" by the new key");
    }
    checkDomain(typedData);
    KeyRegistration given;
    try {
      given = KeyRegistration.parse(typedData.get("message"));
    } catch (IllegalArgumentException e) {
      throw new ApprovalRefused(ProblemType.KEY_PROOF_INVALID, e.getMessage());
    }
    KeyRegistration wanted =
        new KeyRegistration(caller.subject(), caller.username(), address, given.expiresAt());
    ObjectNode ours = Eip712.keyRegistration(domain(), wanted);
    checkShape(typedData, ours, "KeyRegistration", ProblemType.KEY_PROOF_INVALID);
    List<String> differing = differing(wanted.toJson(), given.toJson());
    if (!differing.isEmpty()) {
      throw new ApprovalRefused(
          ProblemType.KEY_PROOF_INVALID,
          "the registration differs from you and this address in " + differing,
          Map.of("fields", differing));
    }
    checkExpiry(given.expiresAt(), now, ProblemType.KEY_PROOF_INVALID);
    VerifiedSignature v = recover(ours, signature, ProblemType.KEY_PROOF_INVALID);
    if (!v.signer().equals(wanted.key())) {
      throw new ApprovalRefused(
          ProblemType.KEY_PROOF_INVALID,
          "the registration is signed by " + v.signer() + ", not by the key " + wanted.key());
    }
    return v;
  }

  private void checkDomain(JsonNode typedData) {
    JsonNode d = typedData.get("domain");
    ObjectNode ours = domain();
    List<String> differing = new ArrayList<>();
    if (d == null || !d.isObject()) {
      differing.add("domain");
    } else {
      for (String f : List.of("name", "version", "salt")) {
        if (!d.path(f).asText().equalsIgnoreCase(ours.get(f).asText())) {
          differing.add("domain." + f);
        }
      }
      if (!sameNumber(d.get("chainId"), ours.get("chainId").asLong())) {
        differing.add("domain.chainId");
      }
      if (d.size() != ours.size()) {
        differing.add("domain (extra fields)");
      }
    }
    if (!differing.isEmpty()) {
      throw new ApprovalRefused(
          ProblemType.APPROVAL_DOMAIN_MISMATCH,
          "the EIP-712 domain is not this deployment's (chain "
              + chain.chainId()
              + ", deployment "
              + deployment.id()
              + "): "
              + differing,
          Map.of("fields", differing));
    }
  }

  private static boolean sameNumber(JsonNode v, long expected) {
    try {
      return ApprovalMessage.uint(v, "domain.chainId").equals(BigInteger.valueOf(expected));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void checkShape(
      JsonNode given, ObjectNode ours, String primaryType, ProblemType refusal) {
    if (!primaryType.equals(given.path("primaryType").asText())
        || !ours.get("types").equals(given.get("types"))) {
      throw new ApprovalRefused(
          refusal,
          "the typed data must have primaryType "
              + primaryType
              + " and exactly the types the service hands out");
    }
  }

  /** The names of the fields whose values differ (compared as text, case-insensitively). */
  private static List<String> differing(ObjectNode wanted, ObjectNode given) {
    List<String> out = new ArrayList<>();
    wanted
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (!wanted.get(f).asText().equalsIgnoreCase(given.path(f).asText())) {
                out.add(f);
              }
            });
    return out;
  }

  private void checkExpiry(long expiresAt, Instant now, ProblemType refusal) {
    if (expiresAt <= now.getEpochSecond()) {
      throw new ApprovalRefused(
          refusal,
          "the signature expired at " + Instant.ofEpochSecond(expiresAt),
          Map.of("expiresAt", Instant.ofEpochSecond(expiresAt).toString()));
    }
    long latest = now.plus(config.signatureTtl()).getEpochSecond() + 60;
    if (expiresAt > latest) {
      throw new ApprovalRefused(
          refusal,
          "the signature's expiry is more than "
              + config.signatureTtl()
              + " ahead: sign the typed data the service hands out");
    }
  }

  private static VerifiedSignature recover(
      ObjectNode signed, String signature, ProblemType refusal) {
    byte[] digest = Eip712.digest(signed);
    try {
      String signer = Signatures.recover(digest, signature);
      return new VerifiedSignature(signed, signature.toLowerCase(), signer, hex(digest));
    } catch (IllegalArgumentException e) {
      throw new ApprovalRefused(refusal, e.getMessage());
    }
  }

  private void checkKey(String signer, Caller approver) {
    Optional<ApproverKeyView> active = keys.active(approver.subject());
    if (active.isPresent() && active.get().address().equals(signer)) {
      return;
    }
    Optional<ApproverKeyView> known = keys.find(signer);
    if (known.isPresent()
        && known.get().subject().equals(approver.subject())
        && known.get().state() == ApproverKeyState.REVOKED) {
      throw new ApprovalRefused(
          ProblemType.APPROVER_KEY_REVOKED,
          "the approval is signed by your key "
              + signer
              + ", revoked at "
              + known.get().revokedAt(),
          Map.of("signer", signer));
    }
    if (active.isEmpty()) {
      throw new ApprovalRefused(
          ProblemType.APPROVER_KEY_MISSING,
          "you have no active approver key: register one (POST /api/v1/approvers/keys) and have"
              + " the admins approve it",
          Map.of("signer", signer));
    }
    throw new ApprovalRefused(
        ProblemType.APPROVAL_SIGNATURE_INVALID,
        "the approval is signed by "
            + signer
            + ", not by your registered key "
            + active.get().address(),
        Map.of("signer", signer));
  }

  /** A digest as the API and the audit log show it: {@code 0x} + lower-case hex. */
  public static String hex(byte[] bytes) {
    return Numeric.toHexString(bytes);
  }
}
