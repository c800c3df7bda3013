package io.custos.service.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custos.policy.Decision;
import io.custos.service.api.ApiException;
import io.custos.service.approvals.VerifiedSignature;
import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit entries of the request workflow, written in the same transaction as the state change
 * they record: who asked for what, every verdict, and every decision with its policy hash and
 * explanation, so that an auditor can replay why each transaction was allowed.
 */
@ApplicationScoped
class RequestAudit {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Audit audit;

  RequestAudit(Audit audit) {
    this.audit = audit;
  }

  /** The request as submitted, with the wallet's tags its decision was taken under. */
  void submitted(NewRequest r, List<String> walletTags) {
    Draft d = r.draft();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("requestId", r.id().toString());
    p.put("requester", Audit.person(r.requester()));
    p.put("idempotencyKey", r.idempotencyKey());
    p.put("bodySha256", HexFormat.of().formatHex(r.bodySha256()));
    p.put("wallet", d.walletLabel());
    p.put("walletTags", walletTags);
    p.put("kind", d.kind().storedName());
    p.put("to", d.to().toString());
    p.put("valueWei", d.value().value().toString());
    if (d.token() != null) {
      p.put("token", d.token().symbol());
      p.put("tokenUnits", d.tokenUnits().toString());
    }
    p.put("data", d.data().toString());
    if (d.memo() != null) {
      p.put("memo", d.memo());
    }
    if (d.maxFeePerGas() != null) {
      p.put("maxFeePerGas", d.maxFeePerGas().toString());
    }
    if (d.maxPriorityFeePerGas() != null) {
      p.put("maxPriorityFeePerGas", d.maxPriorityFeePerGas().toString());
    }
    String actor = r.requester().username();
    if (r.replaces() != null) {
      p.put("replaces", r.replaces().toString());
      p.put("initiatedBy", r.initiatedBy());
      actor = r.initiatedBy();
    }
    List<String> subjects = new ArrayList<>(subjects(r.id(), r.walletId()));
    if (r.replaces() != null) {
      subjects.add("request:" + r.replaces());
    }
    audit.record(AuditEntryType.REQUEST_SUBMITTED, actor, subjects, p);
    decided(r.id(), null, r.evaluation(), actor);
  }

  /** A verdict that counted, with the device signature that proves it. */
  void verdict(UUID id, Caller approver, String verdict, String comment, VerifiedSignature signed) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("requestId", id.toString());
    p.put("approver", Audit.person(approver));
    p.put("verdict", verdict);
    if (comment != null) {
      p.put("comment", comment);
    }
    p.put("signer", signed.signer());
    p.put("digest", signed.digest());
    p.put("signature", signed.signature());
    p.put("typedData", signed.typedData());
    audit.record(
        AuditEntryType.APPROVAL_RECORDED, approver.username(), List.of("request:" + id), p);
  }

  /**
   * A verdict refused because its signature did not prove it: what was refused and why, with what
   * the client sent (a refusal is evidence too: of a misconfigured device, or of an attempt).
   */
  void refused(UUID id, Caller approver, String verdict, ApprovalBody body, ApiException why) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("requestId", id.toString());
    p.put("approver", Audit.person(approver));
    p.put("verdict", verdict);
    p.put("problem", why.type().type().toString());
    p.put("detail", why.getMessage());
    if (body.signature() != null && body.signature().length() <= 200) {
      p.put("signature", body.signature());
    }
    if (body.typedData() != null && body.typedData().toString().length() <= 16_384) {
      // As text: what a client sends may hold numbers the canonical form does not allow.
      p.put("typedDataJson", body.typedData().toString());
    }
    audit.record(AuditEntryType.APPROVAL_REFUSED, approver.username(), List.of("request:" + id), p);
  }

  void decided(UUID id, RequestState from, Evaluation e, String actor) {
    Decision decision = e.decision();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("requestId", id.toString());
    if (from != null) {
      p.put("from", from.name());
    }
    p.put("state", e.state().name());
    p.put("rule", decision.rule());
    p.put("policyHash", decision.policyHash());
    if (e.notBefore() != null) {
      p.put("notBefore", e.notBefore().toString());
    }
    p.put("explanation", parse(e.explanationJson()));
    AuditEntryType type =
        e.state() == RequestState.REJECTED
            ? AuditEntryType.REQUEST_REJECTED
            : AuditEntryType.POLICY_DECIDED;
    audit.record(type, actor, List.of("request:" + id), p);
  }

  void expired(UUID id) {
    audit.record(
        AuditEntryType.REQUEST_EXPIRED,
        Audit.SYSTEM,
        List.of("request:" + id),
        Map.of("requestId", id.toString()));
  }

  void expired(UUID id, String reason) {
    audit.record(
        AuditEntryType.REQUEST_EXPIRED,
        Audit.SYSTEM,
        List.of("request:" + id),
        Map.of("requestId", id.toString(), "reason", reason));
  }

  void replacedBeforeSigning(UUID id) {
    audit.record(
        AuditEntryType.REQUEST_REPLACED,
        Audit.SYSTEM,
        List.of("request:" + id),
        Map.of("requestId", id.toString()));
  }

  void withdrawn(UUID id, RequestState from, Caller requester, String reason) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("requestId", id.toString());
    p.put("from", from.name());
    p.put("by", Audit.person(requester));
    if (reason != null) {
      p.put("reason", reason);
    }
    audit.record(
        AuditEntryType.REQUEST_WITHDRAWN, requester.username(), List.of("request:" + id), p);
  }

  private static List<String> subjects(UUID request, UUID wallet) {
    return List.of("request:" + request, "wallet:" + wallet);
  }

  private static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the decision's explanation is not JSON", e);
    }
  }
}
