package io.custos.service.governance;

import io.custos.policy.intent.Approval;
import java.time.Instant;
import java.util.List;

/**
 * An admin's latest verdict on a governance request.
 *
 * @param subject the admin's subject
 * @param approver the admin's username
 * @param groups the groups their token asserted
 * @param verdict APPROVE or REJECT
 * @param comment their comment, or null
 * @param at when they gave it
 */
public record GovernanceApprovalView(
    String subject,
    String approver,
    List<String> groups,
    Approval.Verdict verdict,
    String comment,
    Instant at) {}
