package io.custos.service.support;

import static io.restassured.RestAssured.given;

import io.custos.policy.intent.FeeCaps;
import io.custos.service.sending.Outgoing;
import java.math.BigInteger;
import java.util.Map;
import java.util.UUID;

/**
 * Plain transfers submitted by the staking bot, which the test policy's {@code staking-bot} rule
 * allows at once: real requests, for the tests of what happens after the decision (signing, nonces,
 * receipts, the audit trail). Nothing is signed without a request the policy decided, so these
 * tests start from one too; the service sends each at once, and a test that hands the same payload
 * to the {@code Sender} itself gets that one transaction back.
 */
public final class BotTransfers {

  private BotTransfers() {}

  /** Submits {@code wei} from the wallet to {@code to}; returns the request id. */
  public static UUID submit(String wallet, String to, BigInteger wei) {
    String id =
        given()
            .auth()
            .oauth2(Tokens.stakingBot())
            .contentType("application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(Map.of("wallet", wallet, "to", to, "value", wei.toString()))
            .post("/api/v1/requests")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return UUID.fromString(id);
  }

  /** What the request {@link #submit} made asks to sign: the payload the sender is given. */
  public static Outgoing outgoing(UUID requestId, UUID walletId, String to, BigInteger wei) {
    return new Outgoing(requestId, walletId, to, wei, new byte[0], FeeCaps.UNBOUNDED);
  }
}
