package io.custos.service.request;

import java.time.Instant;
import java.util.List;

/**
 * One approver's latest verdict on a request.
 *
 * @param approver the approver's username
 * @param groups the groups their token asserted
 * @param verdict APPROVE or REJECT
 * @param comment their comment, or null
 * @param at when they gave it
 * @param evidenceScheme how the verdict is proven (empty until device signatures arrive)
 */
public record ApprovalView(
    String approver,
    List<String> groups,
    String verdict,
    String comment,
    Instant at,
    String evidenceScheme) {}
