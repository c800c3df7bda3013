package io.custos.service.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.intent.Approval;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Which stored verdicts count on a request. */
class VerdictsTest {

  static final String POLICY_HASH = "ab".repeat(32);
  static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");

  /** The device keys of the test: each approver's active key is "key-of-" + their subject. */
  static final BiPredicate<String, String> ACTIVE_KEYS =
      (signer, subject) -> signer.equals("key-of-" + subject);

  /** A verdict stored with the device signature of {@code signer} over an Approval. */
  static ApprovalEntity signed(
      String subject, Approval.Verdict verdict, String signer, String policyHash) {
    ApprovalEntity a = new ApprovalEntity();
    a.requestId = UUID.randomUUID();
    a.approverSubject = subject;
    a.approverUsername = subject;
    a.approverGroups = new String[] {"treasury"};
    a.verdict = verdict.name();
    a.evidenceScheme = Verdicts.EVIDENCE_SCHEME;
    a.evidencePayload =
        "{\"signer\":\""
            + signer
            + "\",\"digest\":\"0x01\",\"signature\":\"0x02\",\"typedData\":{\"message\":"
            + "{\"policyHash\":\"0x"
            + policyHash
            + "\"}}}";
    a.at = AT;
    return a;
  }

  static ApprovalEntity approvedBy(String subject) {
    return signed(subject, Approval.Verdict.APPROVE, "key-of-" + subject, POLICY_HASH);
  }

  private static List<Approval> counted(ApprovalEntity... rows) {
    return Verdicts.counted(List.of(rows), ACTIVE_KEYS, POLICY_HASH);
  }

  @Test
  void aVerdictSignedWithTheApproversActiveKeyForThisPolicyCounts() {
    List<Approval> counted = counted(approvedBy("bob"), approvedBy("carol"));

    assertThat(counted).extracting(Approval::approver).containsExactly("bob", "carol");
    assertThat(counted.getFirst().verdict()).isEqualTo(Approval.Verdict.APPROVE);
    assertThat(counted.getFirst().groups()).isEqualTo(Set.of("treasury"));
    assertThat(counted.getFirst().at()).isEqualTo(AT);
    assertThat(counted.getFirst().evidence().scheme()).isEqualTo(Verdicts.EVIDENCE_SCHEME);
  }

  @Test
  void aVerdictSignedWithAKeyRevokedSinceNoLongerCounts() {
    ApprovalEntity revoked = signed("bob", Approval.Verdict.APPROVE, "bobs-old-key", POLICY_HASH);

    assertThat(counted(revoked, approvedBy("carol")))
        .extracting(Approval::approver)
        .containsExactly("carol");
  }

  @Test
  void aVerdictSignedWithAnotherApproversKeyDoesNotCount() {
    ApprovalEntity borrowed = signed("bob", Approval.Verdict.APPROVE, "key-of-carol", POLICY_HASH);

    assertThat(counted(borrowed)).isEmpty();
  }

  @Test
  void aVerdictGivenUnderAPolicyGovernanceHasReplacedSinceDoesNotCount() {
    ApprovalEntity underOldPolicy =
        signed("bob", Approval.Verdict.APPROVE, "key-of-bob", "cd".repeat(32));

    assertThat(counted(underOldPolicy)).isEmpty();
  }

  @Test
  void thePolicyHashInTheSignedApprovalIsComparedWithoutRegardToCase() {
    ApprovalEntity upper =
        signed("bob", Approval.Verdict.APPROVE, "key-of-bob", POLICY_HASH.toUpperCase());

    assertThat(counted(upper)).hasSize(1);
  }

  @Test
  void aVerdictWithoutADeviceSignatureDoesNotCount() {
    ApprovalEntity unsigned = approvedBy("bob");
    unsigned.evidenceScheme = "";

    assertThat(counted(unsigned)).isEmpty();
  }

  @Test
  void aRejectionCountsAsARejection() {
    ApprovalEntity rejected = signed("bob", Approval.Verdict.REJECT, "key-of-bob", POLICY_HASH);

    assertThat(counted(rejected))
        .singleElement()
        .extracting(Approval::verdict)
        .isEqualTo(Approval.Verdict.REJECT);
  }
}
