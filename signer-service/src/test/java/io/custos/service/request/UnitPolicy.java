package io.custos.service.request;

import io.custos.policy.Policy;
import io.custos.policy.PolicyParseException;
import io.custos.policy.PolicyParser;
import io.custos.service.wallet.WalletView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A small policy and wallets for the plain unit tests of the request workflow. */
final class UnitPolicy {

  static final String VENDOR = "0x1111111111111111111111111111111111111111";
  static final String TOKEN = "0x8bBC3514477d75EC797BBe4e19d7961660Bb849c";

  static final WalletView TREASURY = wallet("treasury");
  static final WalletView TIMELOCKED = wallet("timelocked");

  /**
   * Vendor payouts from a treasury wallet need two of the treasury group (a rejection by one of
   * them vetoes); from a timelocked wallet one, then an hour's wait. Nothing else is allowed.
   */
  static final Policy POLICY =
      parse(
          """
          version: 1
          name: unit
          groups:
            treasury: {}
          address_book:
            lists:
              vendors: [0x1111111111111111111111111111111111111111]
            tokens:
              TST: { address: 0x8bBC3514477d75EC797BBe4e19d7961660Bb849c, decimals: 18 }
          rules:
            - name: vendor-payout
              match:
                wallets: { tags: [treasury] }
                to: { in: [vendors] }
              action: require
              approvals:
                quorum: { group: treasury, count: 2 }
            - name: timelocked-payout
              match:
                wallets: { tags: [timelocked] }
                to: { in: [vendors] }
              action: require
              approvals:
                quorum: { group: treasury, count: 1 }
                timelock: 1h
          """);

  private UnitPolicy() {}

  private static WalletView wallet(String tag) {
    return new WalletView(
        UUID.randomUUID(),
        tag + "-wallet",
        "0x00000000000000000000000000000000000000aa",
        31337,
        List.of(tag),
        Instant.EPOCH,
        "admin");
  }

  private static Policy parse(String yaml) {
    try {
      return PolicyParser.parse(yaml);
    } catch (PolicyParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
