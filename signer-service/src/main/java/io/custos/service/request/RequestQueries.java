package io.custos.service.request;

import io.custos.policy.value.Address;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.identity.Caller;
import io.custos.service.wallet.WalletService;
import io.custos.service.wallet.WalletView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reading requests. A requester sees their own; approvers, admins, auditors and operators see all.
 * Someone else's request answers 404, so its existence is not disclosed.
 */
@ApplicationScoped
public class RequestQueries {

  static final Set<String> READ_ALL = Set.of("approver", "admin", "auditor", "operator");
  static final int MAX_LIMIT = 100;

  private final RequestRepository repository;
  private final RequestScans scans;
  private final Evaluator evaluator;
  private final WalletService wallets;

  RequestQueries(
      RequestRepository repository,
      RequestScans scans,
      Evaluator evaluator,
      WalletService wallets) {
    this.repository = repository;
    this.scans = scans;
    this.evaluator = evaluator;
    this.wallets = wallets;
  }

  @Transactional
  public RequestView show(UUID id, Caller caller) {
    RequestEntity r = repository.find(id).orElseThrow(() -> RequestMapping.notFound(id));
    if (!readsAll(caller) && !r.requesterSubject.equals(caller.subject())) {
      throw RequestMapping.notFound(id);
    }
    return view(r, walletLabels());
  }

  /** The caller's request made with this idempotency key, if any. */
  @Transactional
  public Optional<RequestView> byIdempotencyKey(String key, Caller caller) {
    return repository.byKey(caller.subject(), key).map(r -> view(r, walletLabels()));
  }

  @Transactional
  public RequestPage list(String state, Integer limit, UUID after, Caller caller) {
    int n = limit == null ? 20 : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw new ApiException(ProblemType.VALIDATION, "limit must be in [1, " + MAX_LIMIT + "]");
    }
    if (state != null && !state.matches("[A-Z_]{1,32}")) {
      throw new ApiException(ProblemType.VALIDATION, "state must be a state name, e.g. APPROVED");
    }
    String only = readsAll(caller) ? null : caller.subject();
    List<UUID> ids = scans.page(only, state, after, n + 1);
    Map<UUID, String> labels = walletLabels();
    List<RequestView> items =
        ids.stream().limit(n).map(id -> view(repository.find(id).orElseThrow(), labels)).toList();
    return new RequestPage(items, ids.size() > n ? items.getLast().id() : null);
  }

  /** True when the caller may read every request, not only their own. */
  public static boolean readsAll(Caller caller) {
    return caller.roles().stream().anyMatch(READ_ALL::contains);
  }

  private Map<UUID, String> walletLabels() {
    return wallets.list().stream()
        .collect(Collectors.toMap(WalletView::id, WalletView::label, (a, b) -> a));
  }

  private RequestView view(RequestEntity r, Map<UUID, String> labels) {
    TransactionView tx = scans.transaction(r.id).orElse(null);
    List<ApprovalView> approvals =
        repository.approvals(r.id).stream()
            .map(
                a ->
                    new ApprovalView(
                        a.approverUsername,
                        List.of(a.approverGroups),
                        a.verdict,
                        a.comment,
                        a.at,
                        a.evidenceScheme))
            .toList();
    Function<BigInteger, String> text = v -> v == null ? null : v.toString();
    return new RequestView(
        r.id,
        tx != null ? tx.state().name() : r.state,
        labels.get(r.walletId),
        r.kind,
        new Address(r.toAddress).checksummed(),
        r.valueWei.toString(),
        r.tokenSymbol,
        r.tokenSymbol == null ? null : wholeTokens(r),
        r.tokenSymbol == null ? null : new Address(r.tokenAddress).checksummed(),
        "0x" + HexFormat.of().formatHex(r.data),
        text.apply(r.maxFeePerGas),
        text.apply(r.maxPriorityFeePerGas),
        r.memo,
        r.requesterUsername,
        r.notBefore,
        r.createdAt,
        r.updatedAt,
        evaluator.read(r.explanation).view(),
        approvals,
        tx,
        r.replaces,
        scans.replacedBy(r.id),
        r.sendAttempts,
        r.sendError,
        r.lastAttemptAt,
        r.nextAttemptAt);
  }

  /** The token amount in whole tokens, with the decimals of the token in the active policy. */
  private String wholeTokens(RequestEntity r) {
    int decimals = evaluator.tokenDecimals(r.tokenSymbol);
    return decimals < 0
        ? r.tokenUnits + " (smallest units)"
        : new BigDecimal(r.tokenUnits).movePointLeft(decimals).toPlainString();
  }
}
