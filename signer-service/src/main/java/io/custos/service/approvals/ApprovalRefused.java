package io.custos.service.approvals;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import java.util.Map;

/**
 * A verdict refused because its device signature does not prove it. The transaction that refuses it
 * still commits: the refusal's own audit entry is the only thing it writes.
 */
public class ApprovalRefused extends ApiException {

  public ApprovalRefused(ProblemType type, String detail) {
    super(type, detail);
  }

  public ApprovalRefused(ProblemType type, String detail, Map<String, Object> extensions) {
    super(type, detail, extensions);
  }
}
