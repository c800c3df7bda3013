package io.custos.service.sending;

import static io.custos.service.sending.TxState.BROADCAST;
import static io.custos.service.sending.TxState.CONFIRMED;
import static io.custos.service.sending.TxState.FAILED;
import static io.custos.service.sending.TxState.MINED;
import static io.custos.service.sending.TxState.REPLACED;
import static io.custos.service.sending.TxState.SIGNED;
import static org.assertj.core.api.Assertions.assertThat;

import io.custos.service.chain.Receipt;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The follower's rules, without a node or a database: two confirmations, as by default. */
class TransitionsTest {

  private static final Transitions RULES = new Transitions(2);
  private static final String BLOCK_HASH = "0xb10c";

  private static Optional<Receipt> receipt(long block, boolean succeeded) {
    return Optional.of(
        new Receipt("0x7a", block, BLOCK_HASH, succeeded, BigInteger.valueOf(21_000)));
  }

  @ParameterizedTest(name = "{0} with a successful receipt {1} blocks deep becomes {2}")
  @CsvSource({
    "BROADCAST, 0, MINED",
    "BROADCAST, 1, MINED",
    "BROADCAST, 2, CONFIRMED",
    "BROADCAST, 9, CONFIRMED",
    "MINED, 0, MINED",
    "MINED, 1, MINED",
    "MINED, 2, CONFIRMED",
    "MINED, 9, CONFIRMED"
  })
  void aSuccessfulReceiptMinesThenConfirmsOnceDeepEnough(TxState from, long depth, TxState to) {
    assertThat(RULES.next(from, receipt(100, true), 100 + depth)).isEqualTo(to);
  }

  @ParameterizedTest(name = "{0} with a reverted receipt fails")
  @EnumSource(names = {"BROADCAST", "MINED"})
  void aRevertedReceiptFailsAtOnceWhateverItsDepth(TxState from) {
    assertThat(RULES.next(from, receipt(100, false), 100)).isEqualTo(FAILED);
    assertThat(RULES.next(from, receipt(100, false), 150)).isEqualTo(FAILED);
  }

  @Test
  void aMinedTransactionWhoseReceiptIsGoneIsPendingAgain() {
    assertThat(RULES.next(MINED, Optional.empty(), 100)).isEqualTo(BROADCAST);
  }

  @Test
  void aBroadcastTransactionWithoutReceiptStaysBroadcast() {
    assertThat(RULES.next(BROADCAST, Optional.empty(), 100)).isEqualTo(BROADCAST);
  }

  @ParameterizedTest(name = "final state {0} never moves")
  @EnumSource(names = {"CONFIRMED", "FAILED", "REPLACED"})
  void finalStatesNeverMove(TxState state) {
    assertThat(RULES.next(state, receipt(100, true), 200)).isEqualTo(state);
    assertThat(RULES.next(state, receipt(100, false), 200)).isEqualTo(state);
    assertThat(RULES.next(state, Optional.empty(), 200)).isEqualTo(state);
  }

  @Test
  void withNoConfirmationsRequiredAReceiptConfirmsAtOnce() {
    assertThat(new Transitions(0).next(BROADCAST, receipt(100, true), 100)).isEqualTo(CONFIRMED);
  }

  @Test
  void aMinedTransactionIsCheckedAgainOnlyWhenDeepEnoughOrItsBlockIsGone() {
    Optional<String> same = Optional.of(BLOCK_HASH);
    assertThat(RULES.recheck(101, 100, BLOCK_HASH, same)).as("shallow, canonical").isFalse();
    assertThat(RULES.recheck(102, 100, BLOCK_HASH, same)).as("deep enough").isTrue();
    assertThat(RULES.recheck(101, 100, BLOCK_HASH, Optional.of("0xf0")))
        .as("another block at its height (a reorg)")
        .isTrue();
    assertThat(RULES.recheck(101, 100, BLOCK_HASH, Optional.empty()))
        .as("no block at its height any more")
        .isTrue();
  }

  @ParameterizedTest(name = "a BROADCAST transaction becoming {0} replaces the open others")
  @EnumSource(names = {"MINED", "CONFIRMED", "FAILED"})
  void minedNonceReplacesItsOpenSiblings(TxState mined) {
    assertThat(Transitions.sibling(BROADCAST, mined, SIGNED)).isEqualTo(REPLACED);
    assertThat(Transitions.sibling(BROADCAST, mined, BROADCAST)).isEqualTo(REPLACED);
    for (TxState settled : EnumSet.of(MINED, CONFIRMED, FAILED, REPLACED)) {
      assertThat(Transitions.sibling(BROADCAST, mined, settled)).isEqualTo(settled);
    }
  }

  @Test
  void aMinedTransactionMovingOnReplacesNothingMore() {
    // Its nonce was already mined when it became MINED: the siblings were replaced then.
    assertThat(Transitions.sibling(MINED, CONFIRMED, BROADCAST)).isEqualTo(BROADCAST);
    assertThat(Transitions.sibling(MINED, BROADCAST, SIGNED)).isEqualTo(SIGNED);
  }

  @Test
  void aSentTransactionTheNodeForgotIsSentAgain() {
    assertThat(Transitions.resend(BROADCAST, Optional.empty(), false)).isTrue();
    assertThat(Transitions.resend(BROADCAST, Optional.empty(), true)).as("still pooled").isFalse();
    assertThat(Transitions.resend(BROADCAST, receipt(100, true), false)).as("mined").isFalse();
    assertThat(Transitions.resend(SIGNED, Optional.empty(), false))
        .as("never sent: the broadcaster sends it")
        .isFalse();
    assertThat(Transitions.resend(MINED, Optional.empty(), false)).isFalse();
  }

  @ParameterizedTest(name = "reaching {1} from {0} is audited: {2}")
  @CsvSource({
    "BROADCAST, MINED, false",
    "BROADCAST, CONFIRMED, true",
    "BROADCAST, FAILED, true",
    "MINED, CONFIRMED, true",
    "MINED, FAILED, true",
    "MINED, BROADCAST, false",
    "CONFIRMED, CONFIRMED, false"
  })
  void onlyAFinalOutcomeIsAudited(TxState from, TxState to, boolean audited) {
    assertThat(Transitions.audited(from, to)).isEqualTo(audited);
  }

  @Test
  void onlyMinedConfirmedAndFailedTakeTheNonce() {
    assertThat(EnumSet.allOf(TxState.class).stream().filter(TxState::tookTheNonce))
        .containsExactlyInAnyOrder(MINED, CONFIRMED, FAILED);
  }
}
