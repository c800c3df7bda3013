package io.custos.service.request;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import java.util.Map;

/**
 * A request, speed-up or cancel whose fee is above the service's ceiling. The transaction that
 * refuses it still commits: the refusal's own audit entry is the only thing it writes.
 */
class FeeCeilingRefused extends ApiException {

  FeeCeilingRefused(String detail, Map<String, Object> extensions) {
    super(ProblemType.FEE_ABOVE_CEILING, detail, extensions);
  }
}
