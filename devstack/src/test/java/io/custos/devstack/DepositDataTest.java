package io.custos.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The layout of a deposit; that its root is right is proven on anvil by the contract itself. */
class DepositDataTest {

  private static final String WITHDRAWAL = "0x5555555555555555555555555555555555555555";
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void withdrawalCredentialsAreTypeOneElevenZeroBytesAndTheAddress() {
    assertThat(HEX.formatHex(DepositData.credentials(WITHDRAWAL)))
        .isEqualTo("01" + "00".repeat(11) + "55".repeat(20));
  }

  @Test
  void theCalldataIsTheCanonicalAbiEncodingOfTheFourArguments() {
    DepositData d = DepositData.random(WITHDRAWAL, 32 * DepositData.GWEI_PER_ETH);
    byte[] call = d.calldata();

    assertThat(call).hasSize(4 + 32 * 13);
    assertThat(HEX.formatHex(call, 0, 4)).isEqualTo("22895118");
    assertThat(word(call, 0)).isEqualTo(128); // pubkey offset
    assertThat(word(call, 1)).isEqualTo(224); // withdrawal_credentials offset
    assertThat(word(call, 2)).isEqualTo(288); // signature offset
    assertThat(Arrays.copyOfRange(call, 4 + 96, 4 + 128)).isEqualTo(d.root());
    assertThat(word(call, 4)).isEqualTo(48);
    assertThat(Arrays.copyOfRange(call, 4 + 160, 4 + 208)).isEqualTo(d.pubkey());
    assertThat(Arrays.copyOfRange(call, 4 + 208, 4 + 224)).containsOnly(0);
    assertThat(word(call, 7)).isEqualTo(32);
    assertThat(Arrays.copyOfRange(call, 4 + 256, 4 + 288))
        .isEqualTo(DepositData.credentials(WITHDRAWAL));
    assertThat(word(call, 9)).isEqualTo(96);
    assertThat(Arrays.copyOfRange(call, 4 + 320, 4 + 416)).isEqualTo(d.signature());
  }

  @Test
  void theRootCommitsToEveryField() {
    DepositData d = DepositData.random(WITHDRAWAL, 32 * DepositData.GWEI_PER_ETH);
    DepositData otherAmount =
        new DepositData(d.pubkey(), d.withdrawalCredentials(), 64 * 1_000_000_000L, d.signature());
    byte[] signature = d.signature();
    signature[95] ^= 1;
    DepositData otherSignature =
        new DepositData(d.pubkey(), d.withdrawalCredentials(), d.amountGwei(), signature);

    assertThat(d.root()).hasSize(32).isNotEqualTo(otherAmount.root());
    assertThat(d.root()).isNotEqualTo(otherSignature.root());
  }

  @Test
  void malformedFieldsAreRefused() {
    assertThatThrownBy(() -> DepositData.credentials("0x1234"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DepositData(new byte[47], new byte[32], 32, new byte[96]))
        .hasMessageContaining("pubkey");
  }

  private static long word(byte[] call, int index) {
    return new BigInteger(1, Arrays.copyOfRange(call, 4 + 32 * index, 4 + 32 * index + 32))
        .longValueExact();
  }
}
