package io.custos.devstack;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Prints a devnet deposit for the demo's staking bot: {@code DepositDataMain WITHDRAWAL_ADDRESS
 * [ETH]} (default 32 ETH) writes one JSON object with the random public key and signature, the
 * withdrawal credentials, the deposit_data_root, the value in wei and the calldata to submit as a
 * {@code contract_call} to the deposit contract.
 */
public final class DepositDataMain {

  private DepositDataMain() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: DepositDataMain WITHDRAWAL_ADDRESS [ETH]");
      System.exit(2);
    }
    long eth = args.length == 2 ? Long.parseLong(args[1]) : 32;
    DepositData d = DepositData.random(args[0], eth * DepositData.GWEI_PER_ETH);
    HexFormat hex = HexFormat.of();
    System.out.printf(
        "{\"pubkey\":\"0x%s\",\"withdrawalCredentials\":\"0x%s\",\"signature\":\"0x%s\","
            + "\"depositDataRoot\":\"0x%s\",\"valueWei\":\"%s\",\"calldata\":\"0x%s\"}%n",
        hex.formatHex(d.pubkey()),
        hex.formatHex(d.withdrawalCredentials()),
        hex.formatHex(d.signature()),
        hex.formatHex(d.root()),
        BigInteger.valueOf(d.amountGwei()).multiply(BigInteger.TEN.pow(9)),
        hex.formatHex(d.calldata()));
  }
}
