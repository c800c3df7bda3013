package io.custos.policy;

import static io.custos.policy.Intents.STRANGER;
import static io.custos.policy.Intents.USDC;
import static io.custos.policy.Intents.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.intent.Wallet;
import io.custos.policy.model.Erc20Call;
import io.custos.policy.usage.Usage;
import io.custos.policy.value.HexData;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls to a token of the address book: a rule that names no method matches strictly decoded
 * transfers only; approve, transferFrom, unknown methods and non-canonical calldata need a rule
 * that names them.
 */
class TokenCallsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Wallet HOT = Intents.wallet("hot-1", "hot");
  private static final Requester PAT =
      new Requester("pat", java.util.Set.of(), java.util.Set.of(), false);
  private static final BigInteger UNLIMITED = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final String TO_USDC = "{ kinds: [contract_call], to: { in: [USDC] } }";

  private static Decision decide(String match, HexData calldata) {
    PolicyEngine engine = new PolicyEngine(Policies.oneRule(match, "action: allow"));
    TransactionIntent intent = Intents.call(HOT, USDC, "0", calldata);
    return engine.evaluate(intent, PAT, List.of(), Usage.NONE, NOW);
  }

  private static String firstDetail(Decision decision) {
    return decision.trace().entries().get(0).detail();
  }

  @Test
  void aRuleNamingNoMethodAllowsAStrictlyEncodedTransfer() {
    Decision decision = decide(TO_USDC, Intents.erc20Transfer(VENDOR, BigInteger.TEN));

    assertThat(decision).isInstanceOf(Decision.Allow.class);
    assertThat(decision.erc20Call())
        .isEqualTo(new Erc20Call(Erc20Call.Function.TRANSFER, USDC, VENDOR, BigInteger.TEN));
  }

  @Test
  void aRuleNamingNoMethodDoesNotAllowAnApproveAndSaysWhy() {
    Decision decision = decide(TO_USDC, Intents.erc20Approve(STRANGER, UNLIMITED));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(firstDetail(decision))
        .contains("is approve, not a strictly encoded transfer")
        .contains("need a rule that names the method");
  }

  @Test
  void aRuleNamingNoMethodDoesNotAllowATransferWithTrailingBytes() {
    HexData transfer = Intents.erc20Transfer(VENDOR, BigInteger.TEN);
    HexData trailing = HexData.parse(transfer + "00");

    Decision decision = decide(TO_USDC, trailing);

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.erc20Call()).isNull();
    assertThat(firstDetail(decision)).contains("transfer with non-canonical calldata");
  }

  @Test
  void aRuleNamingNoMethodDoesNotAllowAnUnknownMethod() {
    Decision decision = decide(TO_USDC, HexData.parse("0x39509351" + "00".repeat(64)));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(firstDetail(decision)).contains("method 0x39509351");
  }

  @Test
  void anErc20RuleAllowsApproveOnlyWhenItListsIt() {
    HexData approve = Intents.erc20Approve(STRANGER, BigInteger.ONE);

    assertThat(decide("{ erc20: { token: USDC } }", approve)).isInstanceOf(Decision.Deny.class);
    assertThat(decide("{ erc20: { token: USDC, functions: [approve] } }", approve))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void aCallRuleNamingTheMethodAllowsIt() {
    HexData approve = Intents.erc20Approve(STRANGER, BigInteger.ONE);

    Decision decision =
        decide(
            "{ call: { to: { in: [USDC] }, function: \"approve(address spender, uint256)\" } }",
            approve);

    assertThat(decision).isInstanceOf(Decision.Allow.class);
  }

  @Test
  void aDenyRuleNamingNoMethodStillDeniesEveryCallToTheToken() {
    PolicyEngine engine =
        new PolicyEngine(Policies.oneRule(TO_USDC, "action: deny\nreason: The token is frozen."));
    TransactionIntent approve =
        Intents.call(HOT, USDC, "0", Intents.erc20Approve(STRANGER, BigInteger.ONE));

    Decision decision = engine.evaluate(approve, PAT, List.of(), Usage.NONE, NOW);

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(((Decision.Deny) decision).reasons()).containsExactly("The token is frozen.");
  }
}
