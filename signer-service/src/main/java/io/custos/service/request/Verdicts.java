package io.custos.service.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Evidence;
import io.custos.service.approvals.ApprovalMessage;
import io.custos.service.approvals.VerifiedSignature;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.policy.ActivePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * The verdicts recorded on a request, with the device signatures that prove them: which count
 * (those whose key is still the approver's active key) and what goes on the record of the
 * transaction they allow.
 */
@ApplicationScoped
class Verdicts {

  /** How a verdict's proof is stored in {@code approval.evidence_*}. */
  static final String EVIDENCE_SCHEME = "eip712-device-signature";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RequestRepository repository;
  private final ApproverKeys keys;
  private final ActivePolicy policy;

  Verdicts(RequestRepository repository, ApproverKeys keys, ActivePolicy policy) {
    this.repository = repository;
    this.keys = keys;
    this.policy = policy;
  }

  /** The evidence column of a verified verdict: typed data, signature, signer, digest. */
  static String evidence(VerifiedSignature s) {
    try {
      return JSON.writeValueAsString(
          Map.of(
              "typedData", s.typedData(),
              "signature", s.signature(),
              "signer", s.signer(),
              "digest", s.digest()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write evidence", e);
    }
  }

  /**
   * The verdicts that count under policy {@code policyHash}: each proven by a device signature of a
   * key that is still the approver's active key (a verdict signed by a key revoked since then no
   * longer counts) over an Approval naming that policy (a verdict given under a policy that
   * governance has replaced since does not count under the new one: the approver must judge again).
   */
  List<Approval> counted(UUID id, String policyHash) {
    return counted(repository.approvals(id), keys::isActive, policyHash);
  }

  /** The verdicts that count on a request under the active policy, as the database has it now. */
  List<Approval> countedUnderActivePolicy(UUID id) {
    return counted(id, policy.refresh().policy().hash());
  }

  /**
   * {@link #counted(UUID, String)} over the stored verdicts {@code rows}; {@code activeKey} tells
   * whether a signer address is still the active key of an approver subject.
   */
  static List<Approval> counted(
      List<ApprovalEntity> rows, BiPredicate<String, String> activeKey, String policyHash) {
    return signedApprovals(rows, activeKey, policyHash).stream()
        .map(SignedApproval::approval)
        .toList();
  }

  private record SignedApproval(Approval approval, ApprovalEntity row, JsonNode evidence) {}

  private static List<SignedApproval> signedApprovals(
      List<ApprovalEntity> rows, BiPredicate<String, String> activeKey, String policyHash) {
    List<SignedApproval> out = new ArrayList<>();
    for (ApprovalEntity a : rows) {
      if (!EVIDENCE_SCHEME.equals(a.evidenceScheme)) {
        continue;
      }
      JsonNode evidence = readEvidence(a.evidencePayload);
      if (!activeKey.test(evidence.path("signer").asText(), a.approverSubject)
          || !signedFor(evidence, policyHash)) {
        continue;
      }
      Approval approval =
          new Approval(
              a.approverSubject,
              Set.of(a.approverGroups),
              Approval.Verdict.valueOf(a.verdict),
              a.at,
              new Evidence(a.evidenceScheme, a.evidencePayload));
      out.add(new SignedApproval(approval, a, evidence));
    }
    return out;
  }

  private static boolean signedFor(JsonNode evidence, String policyHash) {
    String signed = evidence.path("typedData").path("message").path("policyHash").asText();
    return signed.equalsIgnoreCase(ApprovalMessage.policyHash(policyHash));
  }

  private static JsonNode readEvidence(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored approval evidence is not JSON", e);
    }
  }

  /**
   * What allowed the request, for the {@code transaction.signed} entry: the deciding rule and
   * policy, the requester, and every verdict that counted with its device signature.
   */
  Map<String, Object> authorization(RequestEntity r) {
    return authorization(r, r.decidedRule, r.policyHash);
  }

  /**
   * {@link #authorization(RequestEntity)} for a decision by {@code rule} of policy {@code hash}.
   */
  Map<String, Object> authorization(RequestEntity r, String rule, String policyHash) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("requestId", r.id.toString());
    a.put("rule", rule);
    a.put("policyHash", policyHash);
    a.put(
        "requester",
        Map.of(
            "subject",
            r.requesterSubject,
            "roles",
            List.of(r.requesterRoles),
            "groups",
            List.of(r.requesterGroups),
            "serviceAccount",
            r.requesterServiceAccount));
    List<Map<String, Object>> approvals = new ArrayList<>();
    for (SignedApproval s :
        signedApprovals(repository.approvals(r.id), keys::isActive, policyHash)) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("subject", s.row().approverSubject);
      one.put("username", s.row().approverUsername);
      one.put("groups", List.of(s.row().approverGroups));
      one.put("verdict", s.row().verdict);
      one.put("at", s.row().at.toString());
      one.put("signer", s.evidence().path("signer").asText());
      one.put("digest", s.evidence().path("digest").asText());
      one.put("signature", s.evidence().path("signature").asText());
      one.put("typedData", s.evidence().get("typedData"));
      approvals.add(one);
    }
    a.put("approvals", approvals);
    return a;
  }
}
