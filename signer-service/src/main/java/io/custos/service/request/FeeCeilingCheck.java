package io.custos.service.request;

import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.identity.Caller;
import io.custos.service.sending.FeeCeiling;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Refuses a request, speed-up or cancel that asks for a fee per gas above the service's ceiling,
 * before anything is stored, and audits the refusal: a fee nobody may approve is evidence too (of a
 * mistake, or of an attempt to drain the wallet through fees).
 */
@ApplicationScoped
class FeeCeilingCheck {

  private final FeeCeiling ceiling;
  private final Audit audit;

  FeeCeilingCheck(FeeCeiling ceiling, Audit audit) {
    this.ceiling = ceiling;
    this.audit = audit;
  }

  /**
   * @param action submit, speed-up or cancel
   * @param original the request a speed-up or cancel replaces, else null
   * @throws FeeCeilingRefused when {@code maxFeePerGas} is above the ceiling (audited)
   */
  void check(
      String action,
      UUID original,
      String wallet,
      Caller by,
      BigInteger maxFeePerGas,
      BigInteger maxPriorityFeePerGas) {
    String detail = ceiling.refusal(maxFeePerGas).orElse(null);
    if (detail == null) {
      return;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("action", action);
    if (original != null) {
      p.put("requestId", original.toString());
    }
    p.put("wallet", wallet);
    p.put(
        "by",
        Map.of(
            "subject", by.subject(),
            "username", by.username(),
            "groups", List.copyOf(new TreeSet<>(by.groups())),
            "serviceAccount", by.serviceAccount()));
    p.put("maxFeePerGas", maxFeePerGas.toString());
    if (maxPriorityFeePerGas != null) {
      p.put("maxPriorityFeePerGas", maxPriorityFeePerGas.toString());
    }
    p.put("maxFeePerGasCeiling", ceiling.perGas().toString());
    p.put("detail", detail);
    // A refused submission has no request id yet: the payload names the wallet by its label.
    List<String> subjects = original == null ? List.of() : List.of("request:" + original);
    audit.record(AuditEntryType.FEES_REFUSED, by.username(), subjects, p);
    throw new FeeCeilingRefused(
        detail,
        Map.of(
            "maxFeePerGas", maxFeePerGas.toString(),
            "maxFeePerGasCeiling", ceiling.perGas().toString()));
  }
}
