package io.custos.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AmountsTest {

  @Test
  void etherWithDecimalsBecomesExactWei() {
    assertThat(Amounts.parseWei("1.5eth")).isEqualTo(new BigInteger("1500000000000000000"));
    assertThat(Amounts.parseWei("1.5 ETH")).isEqualTo(new BigInteger("1500000000000000000"));
    assertThat(Amounts.parseWei("0.000000000000000001ether")).isEqualTo(BigInteger.ONE);
  }

  @Test
  void gweiAndWeiUnitsAndPlainIntegers() {
    assertThat(Amounts.parseWei("20gwei")).isEqualTo(new BigInteger("20000000000"));
    assertThat(Amounts.parseWei("1000wei")).isEqualTo(BigInteger.valueOf(1000));
    assertThat(Amounts.parseWei("1500000000000000000"))
        .isEqualTo(new BigInteger("1500000000000000000"));
  }

  @Test
  void aDecimalWithoutUnitIsRefused() {
    assertThatThrownBy(() -> Amounts.parseWei("1.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no unit");
  }

  @Test
  void lessThanOneWeiIsRefused() {
    assertThatThrownBy(() -> Amounts.parseWei("0.0000000000000000001eth"))
        .hasMessageContaining("smaller than one wei");
    assertThatThrownBy(() -> Amounts.parseWei("1.5wei"))
        .hasMessageContaining("smaller than one wei");
  }

  @Test
  void negativeOrGarbageIsRefused() {
    assertThatThrownBy(() -> Amounts.parseWei("-1eth")).hasMessageContaining("not an amount");
    assertThatThrownBy(() -> Amounts.parseWei("1e18")).hasMessageContaining("not an amount");
    assertThatThrownBy(() -> Amounts.parseWei("")).hasMessageContaining("not an amount");
  }

  @Test
  void tokenAmountsAreWholeTokensWithOptionalDecimals() {
    assertThat(Amounts.tokenAmount("250.00")).isEqualTo("250.00");
    assertThat(Amounts.tokenAmount(" 7 ")).isEqualTo("7");
    assertThatThrownBy(() -> Amounts.tokenAmount("250."))
        .hasMessageContaining("not a token amount");
    assertThatThrownBy(() -> Amounts.tokenAmount("-1")).hasMessageContaining("not a token amount");
    assertThatThrownBy(() -> Amounts.tokenAmount("1e3")).hasMessageContaining("not a token amount");
  }

  @Test
  void weiIsShownAsEtherOrAsWeiOnRequest() {
    assertThat(Amounts.show("1500000000000000000", false)).isEqualTo("1.5 ETH");
    assertThat(Amounts.show("1500000000000000000", true)).isEqualTo("1500000000000000000 wei");
    assertThat(Amounts.show("1", false)).isEqualTo("0.000000000000000001 ETH");
    assertThat(Amounts.show("0", false)).isEqualTo("0 ETH");
    assertThat(Amounts.gasPrice("30000000000", false)).isEqualTo("30 gwei");
    assertThat(Amounts.tokens("12.500000000000000000")).isEqualTo("12.5");
    assertThat(Amounts.tokens("250.000000")).isEqualTo("250");
  }
}
