package io.custos.service.freeze;

import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.audit.Audit;
import io.custos.service.audit.AuditEntryType;
import io.custos.service.identity.Caller;
import io.custos.service.wallet.WalletService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Emergency freezes: the brake anyone holding the {@code guardian} role pulls alone, at once, when
 * something looks wrong (a leaked credential, a compromised approver, a policy mistake). Under a
 * freeze nothing is signed for the wallet (or for any wallet); requests may still be submitted and
 * approved, and wait. Lifting a freeze is a governance request decided by the admins' quorum, so
 * the one who pulled the brake cannot release it alone, and neither can one admin.
 */
@ApplicationScoped
public class Freezes {

  private static final int MAX_REASON = 1024;

  private final FreezeRepository repository;
  private final WalletService wallets;
  private final Audit audit;
  private final Clock clock;

  Freezes(FreezeRepository repository, WalletService wallets, Audit audit, Clock clock) {
    this.repository = repository;
    this.wallets = wallets;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Freezes signing for the wallet {@code label}, or for every wallet when it is null. When this
   * returns, no signature that did not see the freeze is still being made.
   *
   * @throws ApiException 400 without a reason, 404 for an unknown wallet, 409 when the same scope
   *     is already frozen
   */
  @Transactional
  FreezeView freeze(String label, String reason, Caller guardian) {
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
      throw new ApiException(
          ProblemType.VALIDATION, "reason must be 1 to " + MAX_REASON + " characters");
    }
    UUID walletId = label == null ? null : wallets.require(label).id();
    repository.lockExclusive();
    UUID id = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (!repository.insert(id, walletId, reason, guardian, now)) {
      throw new ApiException(
          ProblemType.CONFLICT,
          (label == null ? "every wallet is" : "the wallet '" + label + "' is") + " already frozen",
          label == null ? Map.of() : Map.of("wallet", label));
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("freezeId", id.toString());
    if (label != null) {
      p.put("wallet", label);
    }
    p.put("reason", reason);
    p.put("by", Audit.person(guardian));
    audit.record(AuditEntryType.FREEZE_ON, guardian.username(), subjects(id, walletId), p);
    return repository.find(id).orElseThrow();
  }

  /**
   * The freeze that holds signing for the wallet now, if any. Called in the signing transaction: it
   * holds off new freezes until that transaction ends, so a freeze never overtakes a signature that
   * did not see it.
   */
  public Optional<FreezeView> holding(UUID walletId) {
    repository.lockShared();
    return repository.holding(walletId).stream().findFirst();
  }

  /** The freezes in force. */
  @Transactional
  public List<FreezeView> inForce() {
    return repository.inForce();
  }

  /** One freeze, in force or lifted; 404 if there is none. */
  @Transactional
  public FreezeView require(UUID id) {
    return repository
        .find(id)
        .orElseThrow(
            () ->
                new ApiException(
                    ProblemType.NOT_FOUND, "no freeze " + id, Map.of("freezeId", id.toString())));
  }

  /**
   * Lifts a freeze that governance request {@code governanceRequestId} approved, with its audit
   * entry, in the caller's transaction; false when it was lifted already.
   */
  public boolean lift(UUID id, UUID governanceRequestId, Instant now) {
    FreezeView f = repository.find(id).orElseThrow();
    if (!repository.lift(id, governanceRequestId, now)) {
      return false;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("freezeId", id.toString());
    if (f.wallet() != null) {
      p.put("wallet", f.wallet());
    }
    p.put("governanceRequestId", governanceRequestId.toString());
    audit.record(
        AuditEntryType.FREEZE_LIFTED,
        Audit.SYSTEM,
        List.of("freeze:" + id, "governance:" + governanceRequestId),
        p);
    return true;
  }

  private static List<String> subjects(UUID id, UUID walletId) {
    return walletId == null
        ? List.of("freeze:" + id)
        : List.of("freeze:" + id, "wallet:" + walletId);
  }
}
