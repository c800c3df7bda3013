package io.custos.service.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.policy.Decision;
import io.custos.policy.PolicyEngine;
import io.custos.policy.intent.Payload;
import io.custos.policy.intent.Requester;
import io.custos.policy.intent.TransactionIntent;
import io.custos.policy.model.AddressBook;
import io.custos.policy.usage.Usage;
import io.custos.policy.value.Address;
import io.custos.policy.value.HexData;
import io.custos.policy.value.Wei;
import io.custos.service.api.ApiException;
import io.custos.service.api.ProblemType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a submitted body becomes a draft, and which problem a bad body is. */
class DraftsTest {

  private static final AddressBook BOOK = UnitPolicy.POLICY.addressBook();
  private static final String RECIPIENT = "0x2222222222222222222222222222222222222222";

  private static SubmitBody ether(String to, String value) {
    return new SubmitBody("treasury", to, value, null, null, null, null, null, null);
  }

  private static SubmitBody tokens(String symbol, String amount) {
    return new SubmitBody("treasury", RECIPIENT, null, symbol, amount, null, null, null, null);
  }

  private static SubmitBody call(String data) {
    return new SubmitBody("treasury", RECIPIENT, "0", null, null, data, null, null, null);
  }

  private static Draft parse(SubmitBody body) {
    return Drafts.parse(body, BOOK);
  }

  private static void assertProblem(SubmitBody body, ProblemType type, String detail) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(type))
        .hasMessageContaining(detail);
  }

  @Test
  void aValueWithoutTokenOrDataIsAnEtherTransferToTheRecipient() {
    Draft d = parse(ether(RECIPIENT, "1000000000000000000"));

    assertThat(d.kind()).isEqualTo(RequestKind.NATIVE_TRANSFER);
    assertThat(d.walletLabel()).isEqualTo("treasury");
    assertThat(d.txTo()).isEqualTo(Address.parse(RECIPIENT));
    assertThat(d.data()).isEqualTo(HexData.EMPTY);
    assertThat(d.payload())
        .isEqualTo(
            new Payload.NativeTransfer(
                Address.parse(RECIPIENT), new Wei(new BigInteger("1000000000000000000"))));
  }

  @Test
  void anErc20TransferNamesTheTokenBySymbolAndIsSentToTheTokenContractAsTransferCalldata() {
    Draft d = parse(tokens("TST", "250.5"));

    BigInteger units = new BigInteger("250500000000000000000");
    assertThat(d.kind()).isEqualTo(RequestKind.ERC20_TRANSFER);
    assertThat(d.tokenUnits()).isEqualTo(units);
    assertThat(d.value()).isEqualTo(Wei.ZERO);
    assertThat(d.to()).isEqualTo(Address.parse(RECIPIENT));
    assertThat(d.txTo()).isEqualTo(Address.parse(UnitPolicy.TOKEN));
    assertThat(d.data().toString())
        .isEqualTo(
            "0xa9059cbb" + "0".repeat(24) + RECIPIENT.substring(2) + String.format("%064x", units));
    assertThat(d.payload()).isInstanceOf(Payload.ContractCall.class);
  }

  /** The request row of the draft as the unit policy decides it. */
  private static NewRequest decided(Draft d) {
    TransactionIntent intent = Evaluator.intent(UnitPolicy.TREASURY, d);
    Requester alice = new Requester("alice", Set.of("requester"), Set.of(), false);
    Decision decision =
        new PolicyEngine(UnitPolicy.POLICY)
            .evaluate(intent, alice, List.of(), Usage.NONE, Instant.EPOCH);
    Evaluation evaluation = Evaluation.of(decision, "{}", Instant.EPOCH);
    return new NewRequest(
        UUID.randomUUID(), "k", new byte[32], null, null, d, evaluation, Instant.EPOCH);
  }

  @Test
  void anErc20TransferRecordsTheRecipientAndUnitsThePolicyDecodedAsTokenUsage() {
    NewRequest row = decided(parse(tokens("TST", "3")));

    assertThat(row.erc20().token()).isEqualTo(Address.parse(UnitPolicy.TOKEN));
    assertThat(row.erc20().counterparty()).isEqualTo(Address.parse(RECIPIENT));
    assertThat(row.erc20().amount()).isEqualTo(new BigInteger("3000000000000000000"));
    assertThat(row.destination()).isEqualTo(RECIPIENT);
  }

  @Test
  void aRawTransferCallToAPolicyTokenRecordsTokenUsageToo() {
    HexData transfer = Erc20Calls.transfer(Address.parse(RECIPIENT), BigInteger.TEN);
    SubmitBody body =
        new SubmitBody(
            "treasury", UnitPolicy.TOKEN, "0", null, null, transfer.toString(), null, null, null);

    NewRequest row = decided(parse(body));

    assertThat(row.erc20().amount()).isEqualTo(BigInteger.TEN);
    assertThat(row.destination()).isEqualTo(RECIPIENT);
  }

  @Test
  void aTransferWithTrailingBytesRecordsNoTokenUsageBecauseThePolicyDidNotDecodeIt() {
    HexData transfer = Erc20Calls.transfer(Address.parse(RECIPIENT), BigInteger.TEN);
    SubmitBody body =
        new SubmitBody(
            "treasury", UnitPolicy.TOKEN, "0", null, null, transfer + "00", null, null, null);

    NewRequest row = decided(parse(body));

    assertThat(row.erc20()).isNull();
    assertThat(row.destination()).isEqualTo(UnitPolicy.TOKEN.toLowerCase());
    assertThat(row.evaluation().decision()).isInstanceOf(Decision.Deny.class);
  }

  @Test
  void calldataMakesAContractCallWithNoTokenExposureWhenTheContractIsNoPolicyToken() {
    Draft d = parse(call("0xdeadbeef"));

    assertThat(d.kind()).isEqualTo(RequestKind.CONTRACT_CALL);
    assertThat(d.data().toString()).isEqualTo("0xdeadbeef");
    assertThat(d.payload())
        .isEqualTo(new Payload.ContractCall(Address.parse(RECIPIENT), Wei.ZERO, d.data()));
    assertThat(decided(d).erc20()).isNull();
    assertThat(decided(d).destination()).isEqualTo(RECIPIENT);
  }

  @Test
  void feeCapsAreTakenAsWholeWeiAndAreOptional() {
    SubmitBody capped =
        new SubmitBody("treasury", RECIPIENT, "1", null, null, null, "30000000000", "2", null);

    assertThat(parse(capped).maxFeePerGas()).isEqualTo(new BigInteger("30000000000"));
    assertThat(parse(capped).maxPriorityFeePerGas()).isEqualTo(BigInteger.TWO);
    assertThat(parse(ether(RECIPIENT, "1")).maxFeePerGas()).isNull();
  }

  @Test
  void aFeeCapThatIsNotWholeWeiIsAValidationProblemNamingIt() {
    assertProblem(
        new SubmitBody("treasury", RECIPIENT, "1", null, null, null, "1.5", null, null),
        ProblemType.VALIDATION,
        "maxFeePerGas must be a whole number of wei");
  }

  @Test
  void aMissingFieldIsAValidationProblemNamingIt() {
    assertProblem(null, ProblemType.VALIDATION, "a JSON body is required");
    assertProblem(
        new SubmitBody(null, RECIPIENT, "1", null, null, null, null, null, null),
        ProblemType.VALIDATION,
        "wallet is required");
    assertProblem(ether(null, "1"), ProblemType.VALIDATION, "to is required");
    assertProblem(ether(RECIPIENT, null), ProblemType.VALIDATION, "value is required");
    assertProblem(tokens("TST", null), ProblemType.VALIDATION, "amount is required");
  }

  @Test
  void malformedValuesAreValidationProblems() {
    assertProblem(ether("0x1234", "1"), ProblemType.VALIDATION, "to: ");
    assertProblem(ether(RECIPIENT, "-1"), ProblemType.VALIDATION, "value must be a whole number");
    assertProblem(ether(RECIPIENT, "01"), ProblemType.VALIDATION, "value must be a whole number");
    assertProblem(call("0xabc"), ProblemType.VALIDATION, "even number of hex digits");
    assertProblem(tokens("TST", "1e3"), ProblemType.VALIDATION, "decimal number of whole tokens");
    assertProblem(
        new SubmitBody("treasury", RECIPIENT, "1", null, null, null, null, null, "m".repeat(257)),
        ProblemType.VALIDATION,
        "memo must be at most 256 characters");
  }

  @Test
  void aTokenAmountFinerThanTheTokensDecimalsIsRefused() {
    assertProblem(
        tokens("TST", "0." + "0".repeat(18) + "1"),
        ProblemType.VALIDATION,
        "amount has more than 18 decimals for TST");
  }

  @Test
  void anErc20TransferTakesNoValueOrData() {
    assertProblem(
        new SubmitBody("treasury", RECIPIENT, "1", "TST", "1", null, null, null, null),
        ProblemType.VALIDATION,
        "an ERC-20 transfer takes token and amount, not value or data");
  }

  @Test
  void aTokenTheAddressBookDoesNotNameIsUnprocessable() {
    assertThatThrownBy(() -> parse(tokens("XYZ", "1")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.UNPROCESSABLE);
              assertThat(e.extensions()).containsEntry("token", "XYZ");
            });
  }

  @Test
  void bodiesThatWriteTheSameValuesDifferentlyHashTheSame() {
    String lower = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
    String eip55 = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    assertThat(Drafts.canonicalHash(parse(tokens("TST", "250.500"))))
        .isEqualTo(Drafts.canonicalHash(parse(tokens("TST", "250.5"))));
    assertThat(Drafts.canonicalHash(parse(ether(eip55, "7"))))
        .isEqualTo(Drafts.canonicalHash(parse(ether(lower, "7"))));
    assertThat(Drafts.canonicalHash(parse(ether(lower, "8"))))
        .isNotEqualTo(Drafts.canonicalHash(parse(ether(lower, "7"))));
  }
}
