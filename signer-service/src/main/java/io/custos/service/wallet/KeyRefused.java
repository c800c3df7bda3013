package io.custos.service.wallet;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import java.util.Map;

/**
 * A wallet not created because of a key already under its label on the token. The transaction that
 * refuses it still commits: the refusal's own audit entry is the only thing it writes.
 */
class KeyRefused extends ApiException {

  KeyRefused(ProblemType type, String detail, String label) {
    super(type, detail, Map.of("label", label));
  }
}
