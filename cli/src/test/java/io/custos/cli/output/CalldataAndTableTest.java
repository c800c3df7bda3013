package io.custos.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalldataAndTableTest {

  @Test
  void anErc20TransferIsDecoded() {
    String data =
        "0xa9059cbb"
            + "0000000000000000000000001111111111111111111111111111111111111111"
            + "00000000000000000000000000000000000000000000000d8d726b7177a80000";
    assertThat(Calldata.describe(data))
        .isEqualTo(
            "transfer(address to=0x1111111111111111111111111111111111111111,"
                + " uint256 amount=250000000000000000000)");
  }

  @Test
  void anUnknownSelectorIsNamedWithItsSize() {
    assertThat(Calldata.describe("0xdeadbeef00"))
        .isEqualTo("selector 0xdeadbeef (unknown function), 5 bytes");
    assertThat(Calldata.describe("0x")).isEqualTo("(none)");
  }

  @Test
  void columnsAlignIgnoringColours() {
    Table t = new Table("A", "B").row("\u001B[32mlong-value\u001B[0m", "x").row("s", "y");
    assertThat(t.lines())
        .containsExactly("A           B", "\u001B[32mlong-value\u001B[0m  x", "s           y");
  }
}
