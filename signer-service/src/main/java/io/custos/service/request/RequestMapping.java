package io.custos.service.request;

import io.custos.policy.intent.Approval;
import io.custos.policy.intent.Requester;
import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import io.custos.service.identity.Caller;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Maps between a stored request, the caller who made it, what the policy sees, and the API's words.
 * Pure functions: nothing here reads the database or the clock.
 */
final class RequestMapping {

  private RequestMapping() {}

  /** The draft a stored request was made from (the token's decimals do not matter any more). */
  static Draft draftOf(RequestEntity r) {
    return draftOf(r, "", r.maxFeePerGas, r.maxPriorityFeePerGas);
  }

  /** The stored request's payload in a draft for {@code walletLabel} with other fee caps. */
  static Draft draftOf(
      RequestEntity r, String walletLabel, BigInteger maxFeePerGas, BigInteger maxPriorityFee) {
    Asset.Token token =
        r.tokenSymbol == null
            ? null
            : new Asset.Token(r.tokenSymbol, new Address(r.tokenAddress), 0);
    return new Draft(
        walletLabel,
        RequestKind.ofStored(r.kind),
        new Address(r.toAddress),
        new Wei(r.valueWei),
        token,
        token == null ? null : r.tokenUnits,
        HexData.of(r.data),
        maxFeePerGas,
        maxPriorityFee,
        r.memo);
  }

  /** The address the stored request's transaction goes to: the token contract for ERC-20. */
  static String txTo(RequestEntity r) {
    return r.tokenSymbol != null ? r.tokenAddress : r.toAddress;
  }

  static Requester requester(Caller c) {
    return new Requester(c.subject(), c.roles(), c.groups(), c.serviceAccount());
  }

  static Requester requesterOf(RequestEntity r) {
    return new Requester(
        r.requesterSubject,
        Set.copyOf(Arrays.asList(r.requesterRoles)),
        Set.copyOf(Arrays.asList(r.requesterGroups)),
        r.requesterServiceAccount);
  }

  /** The stored request's requester as a caller (a speed-up is submitted in their name). */
  static Caller callerOf(RequestEntity r) {
    return new Caller(
        r.requesterSubject,
        r.requesterUsername,
        Set.copyOf(Arrays.asList(r.requesterRoles)),
        Set.copyOf(Arrays.asList(r.requesterGroups)),
        r.requesterServiceAccount);
  }

  /** A verdict as the API and the Approval message write it: {@code approve} or {@code reject}. */
  static Approval.Verdict verdict(String word) {
    for (Approval.Verdict v : Approval.Verdict.values()) {
      if (word(v).equals(word)) {
        return v;
      }
    }
    throw new ApiException(ProblemType.VALIDATION, "verdict must be \"approve\" or \"reject\"");
  }

  static String word(Approval.Verdict verdict) {
    return verdict.name().toLowerCase(Locale.ROOT);
  }

  static ApiException notFound(UUID id) {
    return new ApiException(
        ProblemType.NOT_FOUND, "no request " + id, Map.of("requestId", id.toString()));
  }

  /**
   * Whether a request in {@code state} takes {@code verdict}: any while it is pending, and a
   * rejection (a veto) while it waits out its timelock, so that a transaction approved by mistake
   * or under pressure can still be stopped before it is signed.
   */
  static boolean takesVerdict(RequestState state, Approval.Verdict verdict) {
    return state == RequestState.PENDING_APPROVAL
        || (state == RequestState.TIMELOCKED && verdict == Approval.Verdict.REJECT);
  }

  static ApiException notPending(RequestState state) {
    return new ApiException(
        ProblemType.CONFLICT,
        "the request is "
            + state
            + "; verdicts are taken only while it is PENDING_APPROVAL, and rejections while it is"
            + " TIMELOCKED",
        Map.of("state", state.name()));
  }
}
