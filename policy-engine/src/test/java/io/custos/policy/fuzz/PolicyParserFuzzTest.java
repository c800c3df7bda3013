package io.custos.policy.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.custos.policy.Decision;
import io.custos.policy.Policy;
import io.custos.policy.PolicyEngine;
import io.custos.policy.PolicyParseException;
import io.custos.policy.PolicyParser;
import io.custos.policy.intent.FeeCaps;
import io.custos.policy.intent.Payload;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.intent.Wallet;
import io.custos.policy.usage.Usage;
import io.custos.policy.value.Address;
import io.custos.policy.value.ChainId;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Any document gives a policy or a {@link PolicyParseException}, never another exception; and a
 * policy that parses can evaluate an intent. In the normal build this runs the committed seed
 * corpus (src/test/resources/.../PolicyParserFuzzTestInputs) in regression mode; {@code
 * JAZZER_FUZZ=1} fuzzes for real.
 */
class PolicyParserFuzzTest {
  private static final TransactionIntent INTENT =
      new TransactionIntent(
          ChainId.of(1),
          new Wallet(
              "w",
              "w",
              Set.of("treasury"),
              Address.parse("0x9999999999999999999999999999999999999999")),
          new Payload.ContractCall(
              Address.parse("0x1111111111111111111111111111111111111111"),
              Wei.ofEther("1"),
              HexData.parse("0xa9059cbb")),
          FeeCaps.NONE);

  @FuzzTest(maxDuration = "30s")
  void parsesOrRejectsAnyDocument(FuzzedDataProvider data) {
    String document = data.consumeRemainingAsString();
    Policy policy;
    try {
      policy = PolicyParser.parse(document);
    } catch (PolicyParseException expected) {
      return;
    }
    Decision decision =
        new PolicyEngine(policy)
            .evaluate(INTENT, Requester.person("fuzz"), List.of(), Usage.NONE, Instant.EPOCH);
    if (decision.trace().entries().isEmpty() && !(decision instanceof Decision.Deny)) {
      throw new IllegalStateException("a decision without a trace");
    }
  }
}
