package io.custos.service.request;

import io.custos.policy.intent.Approval;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.approvals.ApprovalRefused;
import io.custos.service.approvals.DeviceSignatures;
import io.custos.service.approvals.VerifiedSignature;
import io.custos.service.approvers.ApproverKeys;
import io.custos.service.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An approver's verdict: proven by their device key's EIP-712 signature, recorded, and followed by
 * a new decision on the request, all under the request's locks in one transaction.
 */
@ApplicationScoped
public class VerdictRecording {

  private static final int MAX_COMMENT = 1024;

  private final RequestRepository repository;
  private final Redecision redecision;
  private final ApprovalTypedData typedData;
  private final DeviceSignatures signatures;
  private final ApproverKeys keys;
  private final RequestClock clock;
  private final RequestAudit audit;

  VerdictRecording(
      RequestRepository repository,
      Redecision redecision,
      ApprovalTypedData typedData,
      DeviceSignatures signatures,
      ApproverKeys keys,
      RequestClock clock,
      RequestAudit audit) {
    this.repository = repository;
    this.redecision = redecision;
    this.typedData = typedData;
    this.signatures = signatures;
    this.keys = keys;
    this.clock = clock;
    this.audit = audit;
  }

  /**
   * Records an approver's verdict and decides the request again. A verdict the signature does not
   * prove is refused, and the refusal is audited: the transaction commits with that entry alone.
   */
  @Transactional(dontRollbackOn = ApprovalRefused.class)
  public UUID judge(UUID id, ApprovalBody body, Caller approver) {
    Approval.Verdict verdict = RequestMapping.verdict(body == null ? null : body.verdict());
    String comment = body.comment();
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new ApiException(
          ProblemType.VALIDATION, "comment must be at most " + MAX_COMMENT + " characters");
    }
    Redecision.Locked locked = redecision.lock(id);
    RequestEntity r = locked.request();
    keys.lockShared();
    Instant now = clock.now();
    VerifiedSignature signed;
    try {
      checkJudgeable(id, r.requesterSubject, r.initiatedBy, approver, locked.state(), verdict);
      signed =
          signatures.verifyApproval(
              typedData.message(r, verdict, 0), body.typedData(), body.signature(), approver, now);
    } catch (ApprovalRefused e) {
      audit.refused(id, approver, verdict.name(), body, e);
      throw e;
    }
    repository.upsertApproval(
        id,
        approver,
        verdict.name(),
        comment,
        Verdicts.EVIDENCE_SCHEME,
        Verdicts.evidence(signed),
        now);
    audit.verdict(id, approver, verdict.name(), comment, signed);
    redecision.decide(locked, now, approver.username());
    return id;
  }

  /**
   * Whether {@code approver} may judge the request now: never the requester (their refusal is
   * audited, whatever the policy's {@code requester_may_approve}), never the operator who initiated
   * a speed-up or cancel (they chose what it signs), and only while it is pending, or, for a
   * rejection (a veto), while it waits out its timelock.
   */
  static void checkJudgeable(
      UUID id,
      String requesterSubject,
      String initiatedBy,
      Caller approver,
      RequestState state,
      Approval.Verdict verdict) {
    if (requesterSubject.equals(approver.subject())) {
      throw new ApprovalRefused(
          ProblemType.SELF_APPROVAL,
          "you submitted this request; someone else must give the verdict",
          Map.of("requestId", id.toString()));
    }
    // The replacement stores who initiated it by username (initiated_by), the requester by subject.
    if (initiatedBy != null && initiatedBy.equals(approver.username())) {
      throw new ApprovalRefused(
          ProblemType.SELF_APPROVAL,
          "you initiated this replacement; someone else must give the verdict",
          Map.of("requestId", id.toString()));
    }
    if (!RequestMapping.takesVerdict(state, verdict)) {
      throw RequestMapping.notPending(state);
    }
  }
}
