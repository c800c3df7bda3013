package io.custos.policy;

import static io.custos.policy.Intents.STRANGER;
import static io.custos.policy.Intents.USDC;
import static io.custos.policy.Intents.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.intent.FeeCaps;
import io.custos.policy.intent.Payload;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.intent.TypedData;
import io.custos.policy.intent.Wallet;
import io.custos.policy.usage.Usage;
import io.custos.policy.value.Address;
import io.custos.policy.value.ChainId;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every match condition, each with intents that match and intents that do not. */
class MatchConditionsTest {
  static final Instant WEDNESDAY_NOON_UTC = Instant.parse("2026-11-25T12:00:00Z");
  static final Wallet HOT =
      new Wallet(
          "hot-1",
          "Hot wallet",
          Set.of("hot", "payouts"),
          Address.parse("0x9999999999999999999999999999999999999999"));
  static final Requester PERSON =
      new Requester("pat", Set.of("operator"), Set.of("treasury"), false);
  static final Address SPENDER = Address.parse("0x2222222222222222222222222222222222222222");

  record Case(TransactionIntent intent, Requester requester, Instant at) {
    Case(TransactionIntent intent) {
      this(intent, PERSON, WEDNESDAY_NOON_UTC);
    }
  }

  static TransactionIntent eth(String ether) {
    return Intents.transfer(HOT, VENDOR, ether);
  }

  static TransactionIntent withFees(String maxGwei, String priorityGwei, long gasLimit) {
    Wei gwei = Wei.of(1_000_000_000L);
    FeeCaps fees =
        new FeeCaps(
            new Wei(gwei.value().multiply(new BigInteger(maxGwei))),
            new Wei(gwei.value().multiply(new BigInteger(priorityGwei))),
            gasLimit);
    return new TransactionIntent(
        Intents.MAINNET, HOT, new Payload.NativeTransfer(VENDOR, Wei.ofEther("1")), fees);
  }

  static TransactionIntent usdc(HexData data) {
    return Intents.call(HOT, USDC, "0", data);
  }

  static BigInteger usdcUnits(long whole) {
    return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(6));
  }

  static Arguments row(String name, String match, Case intent, boolean matches) {
    return Arguments.of(name, match, intent, matches);
  }

  static Stream<Arguments> table() {
    HexData transfer500 = Intents.erc20Transfer(VENDOR, usdcUnits(500));
    HexData dirtyTransfer =
        HexData.parse(
            transfer500
                .toString()
                .replace(
                    "0x" + "a9059cbb" + "000000000000000000000000",
                    "0xa9059cbb" + "000000000000000000000001"));
    HexData depositCall = Intents.deposit(Intents.credentials(1, Intents.ORG_WITHDRAWAL));
    String depositFn =
        "function: \"deposit(bytes pubkey, bytes withdrawal_credentials, bytes signature, bytes32 root)\"";
    return Stream.of(
        row("walletIdMatches", "{ wallets: { ids: [hot-1] } }", new Case(eth("1")), true),
        row(
            "walletLabelMatches",
            "{ wallets: { labels: [Hot wallet] } }",
            new Case(eth("1")),
            true),
        row("walletTagMatches", "{ wallets: { tags: [cold, payouts] } }", new Case(eth("1")), true),
        row(
            "walletAddressMatches",
            "{ wallets: { addresses: [\"0x9999999999999999999999999999999999999999\"] } }",
            new Case(eth("1")),
            true),
        row(
            "walletAddressFromListDoesNotMatchOtherWallet",
            "{ wallets: { addresses: [vendors] } }",
            new Case(eth("1")),
            false),
        row(
            "feesWithinCapsMatch",
            "{ fees: { max_fee_per_gas: 100 gwei, max_priority_fee_per_gas: 2 gwei, max_total: 0.0021 ETH } }",
            new Case(withFees("100", "2", 21_000)),
            true),
        row(
            "feePerGasAboveCapDoesNotMatch",
            "{ fees: { max_fee_per_gas: 99 gwei } }",
            new Case(withFees("100", "2", 21_000)),
            false),
        row(
            "totalFeeAboveCapDoesNotMatch",
            "{ fees: { max_total: 0.002 ETH } }",
            new Case(withFees("100", "2", 21_000)),
            false),
        row(
            "otherWalletDoesNotMatch",
            "{ wallets: { ids: [cold-1], tags: [cold] } }",
            new Case(eth("1")),
            false),
        row("chainMatches", "{ chains: [1, 17000] }", new Case(eth("1")), true),
        row(
            "otherChainDoesNotMatch",
            "{ chains: [17000] }",
            new Case(
                new TransactionIntent(
                    ChainId.of(31337),
                    HOT,
                    new Payload.NativeTransfer(VENDOR, Wei.ZERO),
                    FeeCaps.NONE)),
            false),
        row("kindMatches", "{ kinds: [native_transfer] }", new Case(eth("1")), true),
        row(
            "otherKindDoesNotMatch",
            "{ kinds: [contract_call, typed_data] }",
            new Case(eth("1")),
            false),
        row(
            "deploymentKindMatches",
            "{ kinds: [contract_deployment] }",
            new Case(
                new TransactionIntent(
                    Intents.MAINNET,
                    HOT,
                    new Payload.Deployment(Wei.ZERO, HexData.parse("0x6000")),
                    FeeCaps.NONE)),
            true),
        row(
            "messageKindMatches",
            "{ kinds: [message] }",
            new Case(
                new TransactionIntent(
                    Intents.MAINNET,
                    HOT,
                    new Payload.Message(HexData.parse("0x68656c6c6f")),
                    FeeCaps.NONE)),
            true),
        row("destinationInListMatches", "{ to: { in: [vendors] } }", new Case(eth("1")), true),
        row(
            "destinationLiteralMatches",
            "{ to: { in: [\"0x1111111111111111111111111111111111111111\"] } }",
            new Case(eth("1")),
            true),
        row(
            "destinationOutsideListDoesNotMatch",
            "{ to: { in: [vendors] } }",
            new Case(Intents.transfer(HOT, STRANGER, "1")),
            false),
        row(
            "destinationNotInExcludedMatches",
            "{ to: { not_in: [vendors] } }",
            new Case(Intents.transfer(HOT, STRANGER, "1")),
            true),
        row(
            "destinationInExcludedDoesNotMatch",
            "{ to: { not_in: [vendors] } }",
            new Case(eth("1")),
            false),
        row(
            "messageHasNoDestination",
            "{ to: { not_in: [vendors] } }",
            new Case(
                new TransactionIntent(
                    Intents.MAINNET,
                    HOT,
                    new Payload.Message(HexData.parse("0x00")),
                    FeeCaps.NONE)),
            false),
        row(
            "valueWithinRangeMatches",
            "{ value: { min: 1 ETH, max: 10 ETH } }",
            new Case(eth("10")),
            true),
        row(
            "valueAboveMaxDoesNotMatch",
            "{ value: { max: 10 ETH } }",
            new Case(eth("10.000000001")),
            false),
        row("valueBelowMinDoesNotMatch", "{ value: { min: 1 ETH } }", new Case(eth("0.5")), false),
        row(
            "gweiUnitsAreUnderstood",
            "{ value: { max: 1000000000 gwei } }",
            new Case(eth("1")),
            true),
        row(
            "valueMultipleMatches",
            "{ value: { multiple_of: 32 ETH } }",
            new Case(eth("96")),
            true),
        row(
            "valueNotMultipleDoesNotMatch",
            "{ value: { multiple_of: 32 ETH } }",
            new Case(eth("33")),
            false),
        row(
            "erc20TransferToListedRecipientMatches",
            "{ erc20: { token: USDC, functions: [transfer], recipient: { in: [vendors] }, max: 1000 USDC } }",
            new Case(usdc(transfer500)),
            true),
        row(
            "erc20AmountAboveMaxDoesNotMatch",
            "{ erc20: { token: USDC, max: 499.999999 USDC } }",
            new Case(usdc(transfer500)),
            false),
        row(
            "erc20AmountBelowMinDoesNotMatch",
            "{ erc20: { token: USDC, min: 501 USDC } }",
            new Case(usdc(transfer500)),
            false),
        row(
            "erc20RecipientOutsideListDoesNotMatch",
            "{ erc20: { token: USDC, recipient: { in: [spenders] } } }",
            new Case(usdc(transfer500)),
            false),
        row(
            "erc20FunctionNotListedDoesNotMatch",
            "{ erc20: { token: USDC, functions: [approve] } }",
            new Case(usdc(transfer500)),
            false),
        row(
            "erc20ApproveToListedSpenderMatches",
            "{ erc20: { token: USDC, functions: [approve], spender: { in: [spenders] } } }",
            new Case(usdc(Intents.erc20Approve(SPENDER, BigInteger.ONE))),
            true),
        row(
            "erc20ApproveToOtherSpenderDoesNotMatch",
            "{ erc20: { token: USDC, spender: { in: [spenders] } } }",
            new Case(usdc(Intents.erc20Approve(STRANGER, BigInteger.ONE))),
            false),
        row(
            "erc20OnOtherTokenDoesNotMatch",
            "{ erc20: { token: USDC } }",
            new Case(Intents.call(HOT, STRANGER, "0", transfer500)),
            false),
        row(
            "erc20WithDirtyPaddingDoesNotMatch",
            "{ erc20: { token: USDC } }",
            new Case(usdc(dirtyTransfer)),
            false),
        row(
            "erc20TransferFromMatches",
            "{ erc20: { token: USDC, functions: [transferFrom], recipient: { in: [vendors] } } }",
            new Case(
                usdc(
                    Intents.encode(
                        "transferFrom(address,address,uint256)",
                        Intents.word(STRANGER),
                        Intents.word(VENDOR),
                        Intents.word(BigInteger.ONE)))),
            true),
        row(
            "callArgumentEqualsMatches",
            "{ call: { to: { in: [vendors] }, "
                + depositFn
                + ", args: { withdrawal_credentials: { equals: \"0x0100000000000000000000005555555555555555555555555555555555555555\" } } } }",
            new Case(Intents.call(HOT, VENDOR, "32", depositCall)),
            true),
        row(
            "callArgumentPrefixMatches",
            "{ call: { to: { in: [vendors] }, "
                + depositFn
                + ", args: { withdrawal_credentials: { prefix: \"0x01\" }, pubkey: { prefix: \"0xaaaa\" } } } }",
            new Case(Intents.call(HOT, VENDOR, "32", depositCall)),
            true),
        row(
            "callArgumentPrefixMismatchDoesNotMatch",
            "{ call: { to: { in: [vendors] }, "
                + depositFn
                + ", args: { withdrawal_credentials: { prefix: \"0x02\" } } } }",
            new Case(Intents.call(HOT, VENDOR, "32", depositCall)),
            false),
        row(
            "callToOtherContractDoesNotMatch",
            "{ call: { to: { in: [spenders] }, " + depositFn + " } }",
            new Case(Intents.call(HOT, VENDOR, "32", depositCall)),
            false),
        row(
            "callWithOtherSelectorDoesNotMatch",
            "{ call: { to: { in: [vendors] }, function: \"withdraw(uint256)\" } }",
            new Case(Intents.call(HOT, VENDOR, "0", depositCall)),
            false),
        row(
            "callArgumentLteMatches",
            "{ call: { to: { in: [vendors] }, function: \"setFee(uint256 fee, address to, bool on)\", args: { fee: { lte: 100, gte: 10 }, to: { in: [spenders] }, on: { equals: true } } } }",
            new Case(
                Intents.call(
                    HOT,
                    VENDOR,
                    "0",
                    Intents.encode(
                        "setFee(uint256,address,bool)",
                        Intents.word(BigInteger.valueOf(50)),
                        Intents.word(SPENDER),
                        Intents.word(BigInteger.ONE)))),
            true),
        row(
            "callArgumentAboveLteDoesNotMatch",
            "{ call: { to: { in: [vendors] }, function: \"setFee(uint256 fee, address to, bool on)\", args: { fee: { lte: 49 } } } }",
            new Case(
                Intents.call(
                    HOT,
                    VENDOR,
                    "0",
                    Intents.encode(
                        "setFee(uint256,address,bool)",
                        Intents.word(BigInteger.valueOf(50)),
                        Intents.word(SPENDER),
                        Intents.word(BigInteger.ONE)))),
            false),
        row(
            "callArgumentOneOfMatches",
            "{ call: { to: { in: [vendors] }, function: \"setFee(uint256 fee, address to, bool on)\", args: { fee: { one_of: [10, 50] } } } }",
            new Case(
                Intents.call(
                    HOT,
                    VENDOR,
                    "0",
                    Intents.encode(
                        "setFee(uint256,address,bool)",
                        Intents.word(BigInteger.valueOf(50)),
                        Intents.word(SPENDER),
                        Intents.word(BigInteger.ONE)))),
            true),
        row(
            "callWithBoolOutOfRangeDoesNotMatch",
            "{ call: { to: { in: [vendors] }, function: \"setFee(uint256 fee, address to, bool on)\" } }",
            new Case(
                Intents.call(
                    HOT,
                    VENDOR,
                    "0",
                    Intents.encode(
                        "setFee(uint256,address,bool)",
                        Intents.word(BigInteger.valueOf(50)),
                        Intents.word(SPENDER),
                        Intents.word(BigInteger.TWO)))),
            false),
        row(
            "permitToUnlistedSpenderMatchesDenyCondition",
            "{ typed_data: { primary_types: [Permit], fields: { spender: { not_in: [spenders] } } } }",
            new Case(Intents.typedData(HOT, Intents.permit(USDC, STRANGER, "1"))),
            true),
        row(
            "permitToListedSpenderDoesNotMatchDenyCondition",
            "{ typed_data: { primary_types: [Permit], fields: { spender: { not_in: [spenders] } } } }",
            new Case(Intents.typedData(HOT, Intents.permit(USDC, SPENDER, "1"))),
            false),
        row(
            "typedDataDomainMatches",
            "{ typed_data: { chain_ids: [1], verifying_contract: { in: [USDC] }, primary_types: [Permit], fields: { value: { lte: 10 } } } }",
            new Case(Intents.typedData(HOT, Intents.permit(USDC, SPENDER, "10"))),
            true),
        row(
            "typedDataOtherDomainChainDoesNotMatch",
            "{ typed_data: { chain_ids: [17000] } }",
            new Case(Intents.typedData(HOT, Intents.permit(USDC, SPENDER, "10"))),
            false),
        row(
            "typedDataOtherVerifyingContractDoesNotMatch",
            "{ typed_data: { verifying_contract: { in: [vendors] } } }",
            new Case(Intents.typedData(HOT, Intents.permit(USDC, SPENDER, "10"))),
            false),
        row(
            "typedDataOtherPrimaryTypeDoesNotMatch",
            "{ typed_data: { primary_types: [Order] } }",
            new Case(
                Intents.typedData(HOT, new TypedData(Intents.MAINNET, USDC, "", "Mail", Map.of()))),
            false),
        row(
            "insideOfficeHoursMatches",
            "{ time: { days: [wed], hours: \"09:00-17:00\", zone: Europe/Zurich } }",
            new Case(eth("1")),
            true),
        row(
            "outsideOfficeHoursDoesNotMatch",
            "{ time: { days: [wed], hours: \"09:00-12:59\", zone: Europe/Zurich } }",
            new Case(eth("1")),
            false),
        row(
            "otherDayDoesNotMatch",
            "{ time: { days: [mon, tue], hours: \"00:00-23:59\", zone: UTC } }",
            new Case(eth("1")),
            false),
        row(
            "overnightWindowMatchesAfterMidnight",
            "{ time: { days: [tue], hours: \"22:00-06:00\", zone: UTC } }",
            new Case(eth("1"), PERSON, Instant.parse("2026-11-25T03:00:00Z")),
            true),
        row(
            "overnightWindowDoesNotMatchAtNoon",
            "{ time: { days: [tue, wed], hours: \"22:00-06:00\", zone: UTC } }",
            new Case(eth("1")),
            false),
        row(
            "requesterRoleMatches",
            "{ requester: { roles: [operator, auditor] } }",
            new Case(eth("1")),
            true),
        row(
            "requesterWithoutRoleDoesNotMatch",
            "{ requester: { roles: [auditor] } }",
            new Case(eth("1")),
            false),
        row(
            "requesterGroupMatches",
            "{ requester: { groups: [treasury] } }",
            new Case(eth("1")),
            true),
        row(
            "requesterOutsideGroupDoesNotMatch",
            "{ requester: { groups: [compliance] } }",
            new Case(eth("1")),
            false),
        row(
            "serviceAccountMatches",
            "{ requester: { account: service, subjects: [bot] } }",
            new Case(eth("1"), Requester.service("bot"), WEDNESDAY_NOON_UTC),
            true),
        row(
            "personDoesNotMatchServiceAccount",
            "{ requester: { account: service } }",
            new Case(eth("1")),
            false),
        row(
            "allConditionsMustHold",
            "{ chains: [1], to: { in: [vendors] }, value: { max: 1 ETH } }",
            new Case(eth("2")),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void matchesExactlyTheIntentsTheConditionDescribes(
      String name, String match, Case c, boolean matches) {
    PolicyEngine engine = new PolicyEngine(Policies.oneRule(match, "action: allow"));

    Decision decision = engine.evaluate(c.intent(), c.requester(), List.of(), Usage.NONE, c.at());

    assertThat(decision).isInstanceOf(matches ? Decision.Allow.class : Decision.Deny.class);
    TraceEntry entry = decision.trace().entries().get(0);
    assertThat(entry.step()).isEqualTo("rule");
    assertThat(entry.outcome())
        .isEqualTo(matches ? TraceEntry.Outcome.MATCHED : TraceEntry.Outcome.NOT_MATCHED);
    assertThat(entry.detail()).isNotBlank();
  }
}
