package io.custos.service.request;

import java.util.List;

/**
 * The latest policy decision on a request.
 *
 * @param outcome ALLOW, NEEDS_APPROVAL or DENY
 * @param rule the deciding rule, empty when none
 * @param policyHash the policy version that decided
 * @param reasons why it was denied (empty otherwise)
 * @param missing what approvals are still missing, e.g. {@code 1 more of treasury}
 * @param explanation the trace, one line per step
 */
public record DecisionView(
    String outcome,
    String rule,
    String policyHash,
    List<String> reasons,
    List<String> missing,
    List<String> explanation) {}
