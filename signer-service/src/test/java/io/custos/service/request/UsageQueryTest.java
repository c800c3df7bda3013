package io.custos.service.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.policy.usage.Measure;
import io.custos.policy.usage.Scope;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import io.custos.service.support.Sql;
import io.custos.testsupport.PostgresServer;
import io.custos.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The usage read from minutes (V13's trigger and {@link UsageQuery}) equals the plain scan over
 * every allowed request of the window, on random histories that go through every change a request
 * can make: allowed, replaced, timelocked then decided by another rule, token transfers, windows
 * starting anywhere in a minute, and the request being decided and its original left out.
 */
class UsageQueryTest {

  private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
  private static final String[] RULES = {"payouts", "staking-bot", "treasury"};
  private static final String[] REQUESTERS = {"alice", "bob", "bot"};
  private static final String[] DESTINATIONS = {
    "0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222"
  };
  private static final Asset.Token[] TOKENS = {
    new Asset.Token("USDC", new Address("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"), 6),
    new Asset.Token("DAI", new Address("0x6b175474e89094c44da98b954eedeac495271d0f"), 18)
  };
  private static final Duration[] WINDOWS = {
    Duration.ofMinutes(1),
    Duration.ofMinutes(7),
    Duration.ofSeconds(3_725),
    Duration.ofHours(2),
    Duration.ofDays(1)
  };

  private static TestDatabase db;
  private static final List<UUID> wallets = new ArrayList<>();
  private static final List<UUID> requests = new ArrayList<>();

  @BeforeAll
  static void history() throws SQLException {
    db =
        PostgresServer.shared()
            .createDatabase("usage_query_" + Long.toHexString(System.nanoTime()));
    Flyway.configure()
        .dataSource(db.dataSource())
        .locations("classpath:db/service")
        .placeholders(Map.of("runtime_role", db.user()))
        .load()
        .migrate();
    Random random = new Random(20261125);
    try (Connection c = db.connect()) {
      for (int i = 0; i < 3; i++) {
        UUID id = UUID.randomUUID();
        wallets.add(id);
        update(
            c,
            "INSERT INTO wallet (id, label, address, key_id, chain_id, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, 1, now(), 'test')",
            id,
            "w" + i,
            "0x" + "0".repeat(39) + i,
            "key-" + i);
      }
      for (int i = 0; i < 600; i++) {
        insertRandom(c, random);
      }
      // Changes after the fact, each committed on its own: the trigger runs at each commit.
      for (int i = 0; i < 200; i++) {
        changeRandom(c, random);
      }
      // Two changes of one request in one transaction: both row versions pass the trigger.
      c.setAutoCommit(false);
      UUID twice = requests.get(random.nextInt(requests.size()));
      update(
          c,
          "UPDATE tx_request SET state = 'TIMELOCKED', allowed_at = ?, decided_rule = 'treasury'"
              + " WHERE id = ? AND replaces IS NULL",
          Sql.time(T0.minusSeconds(61)),
          twice);
      update(
          c,
          "UPDATE tx_request SET state = 'APPROVED', allowed_at = ?, decided_rule = 'payouts'"
              + " WHERE id = ? AND replaces IS NULL",
          Sql.time(T0.minusSeconds(3_599)),
          twice);
      c.commit();
    }
  }

  @AfterAll
  static void drop() {
    PostgresServer.shared().dropDatabase(db.name());
  }

  @Test
  void minutesPlusTheWindowsFirstMinuteEqualTheScanOfEveryRequest() throws SQLException {
    Random random = new Random(7);
    int nonZero = 0;
    try (Connection c = db.connect()) {
      for (int i = 0; i < 400; i++) {
        List<UsageKey> keys = new ArrayList<>();
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
          keys.add(randomKey(random));
        }
        // After every allowed_at of the history, as for a decision (see UsageQuery on clocks).
        Instant now = T0.plus(random.nextLong(7_800_000_000L), ChronoUnit.MICROS);
        UUID exclude = requests.get(random.nextInt(requests.size()));
        UUID original = random.nextBoolean() ? requests.get(random.nextInt(requests.size())) : null;

        Map<UsageKey, BigInteger> read = UsageQuery.read(c, keys, now, exclude, original);

        for (UsageKey key : keys) {
          BigInteger scanned = scan(c, key, now, exclude, original);
          assertThat(read.get(key)).as("%s at %s", key, now).isEqualTo(scanned);
          nonZero += scanned.signum();
        }
      }
    }
    assertThat(nonZero).as("the histories give figures, not only zeros").isGreaterThan(300);
  }

  @Test
  void aRequestAllowedAtTheFirstInstantOfAMinuteCountsInThatMinuteOnly() throws SQLException {
    try (Connection c = db.connect()) {
      UUID wallet = wallets.getFirst();
      Instant at = T0.plus(Duration.ofDays(3));
      UUID id = insert(c, wallet, "carol", DESTINATIONS[0], "payouts", "APPROVED", at, 5, null);
      UsageKey count =
          new UsageKey(Duration.ofMinutes(1), Scope.REQUESTER, "carol", new Measure.Count());
      UUID other = UUID.randomUUID();

      assertThat(UsageQuery.read(c, List.of(count), at, other, null).get(count)).isOne();
      assertThat(UsageQuery.read(c, List.of(count), at.plusSeconds(59), other, null).get(count))
          .isOne();
      assertThat(UsageQuery.read(c, List.of(count), at.plusSeconds(60), other, null).get(count))
          .as("the window (at, at + 1 min] no longer holds it")
          .isZero();
      assertThat(UsageQuery.read(c, List.of(count), at, id, null).get(count))
          .as("the request being decided")
          .isZero();
    }
  }

  private static UsageKey randomKey(Random random) {
    Scope scope = Scope.values()[random.nextInt(Scope.values().length)];
    String subject =
        switch (scope) {
          case WALLET -> wallets.get(random.nextInt(wallets.size())).toString();
          case REQUESTER -> REQUESTERS[random.nextInt(REQUESTERS.length)];
          case DESTINATION -> DESTINATIONS[random.nextInt(DESTINATIONS.length)];
          case RULE -> RULES[random.nextInt(RULES.length)];
        };
    Measure measure =
        switch (random.nextInt(3)) {
          case 0 -> new Measure.Count();
          case 1 -> new Measure.AmountOf(Asset.NATIVE);
          default -> new Measure.AmountOf(TOKENS[random.nextInt(TOKENS.length)]);
        };
    return new UsageKey(WINDOWS[random.nextInt(WINDOWS.length)], scope, subject, measure);
  }

  /** What usage was before V13: every allowed request of the window, one by one. */
  private static BigInteger scan(Connection c, UsageKey key, Instant now, UUID exclude, UUID orig)
      throws SQLException {
    String column =
        switch (key.scope()) {
          case WALLET -> "wallet_id::text";
          case REQUESTER -> "requester_subject";
          case DESTINATION -> "destination";
          case RULE -> "decided_rule";
        };
    String token =
        key.measure() instanceof Measure.AmountOf a && a.asset() instanceof Asset.Token t
            ? t.address().lowerHex()
            : null;
    String figure =
        key.measure() instanceof Measure.Count
            ? "count(*)"
            : token != null ? "coalesce(sum(token_units), 0)" : "coalesce(sum(value_wei), 0)";
    String sql =
        "SELECT "
            + figure
            + " FROM tx_request WHERE state IN ('APPROVED', 'TIMELOCKED') AND replaces IS NULL"
            + " AND allowed_at > ? AND allowed_at <= ? AND id <> ? AND id <> ? AND "
            + column
            + " = ?"
            + (token == null ? "" : " AND token_address = '" + token + "'");
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, Sql.time(now.minus(key.window())));
      s.setObject(2, Sql.time(now));
      s.setObject(3, exclude);
      s.setObject(4, orig == null ? exclude : orig);
      s.setString(5, key.subject());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1).toBigIntegerExact();
      }
    }
  }

  private static void insertRandom(Connection c, Random random) throws SQLException {
    String state =
        switch (random.nextInt(10)) {
          case 0 -> "DENIED";
          case 1 -> "PENDING_APPROVAL";
          case 2 -> "TIMELOCKED";
          default -> "APPROVED";
        };
    // Within the two hours before T0, often on a minute's first microsecond or just before it.
    Instant at =
        switch (random.nextInt(4)) {
          case 0 -> T0.minus(random.nextInt(120), ChronoUnit.MINUTES);
          case 1 -> T0.minus(random.nextInt(120), ChronoUnit.MINUTES).minus(1, ChronoUnit.MICROS);
          default -> T0.minus(random.nextLong(7_200_000_000L), ChronoUnit.MICROS);
        };
    Asset.Token token = random.nextInt(3) == 0 ? TOKENS[random.nextInt(TOKENS.length)] : null;
    UUID replaces =
        !requests.isEmpty() && random.nextInt(8) == 0
            ? requests.get(random.nextInt(requests.size()))
            : null;
    requests.add(
        insert(
            c,
            wallets.get(random.nextInt(wallets.size())),
            REQUESTERS[random.nextInt(REQUESTERS.length)],
            DESTINATIONS[random.nextInt(DESTINATIONS.length)],
            RULES[random.nextInt(RULES.length)],
            state,
            state.equals("APPROVED") || state.equals("TIMELOCKED") ? at : null,
            1 + random.nextInt(1_000_000),
            token == null ? null : new Object[] {token, 1 + random.nextInt(1_000_000)},
            replaces));
  }

  private static UUID insert(
      Connection c,
      UUID wallet,
      String requester,
      String destination,
      String rule,
      String state,
      Instant allowedAt,
      long wei,
      Object[] token)
      throws SQLException {
    return insert(c, wallet, requester, destination, rule, state, allowedAt, wei, token, null);
  }

  private static UUID insert(
      Connection c,
      UUID wallet,
      String requester,
      String destination,
      String rule,
      String state,
      Instant allowedAt,
      long wei,
      Object[] token,
      UUID replaces)
      throws SQLException {
    UUID id = UUID.randomUUID();
    Asset.Token t = token == null ? null : (Asset.Token) token[0];
    update(
        c,
        "INSERT INTO tx_request (id, idempotency_key, requester_subject, body_sha256,"
            + " requester_username, requester_service_account, wallet_id, kind, to_address,"
            + " value_wei, token_symbol, token_address, token_units, destination, data, state,"
            + " decided_rule, policy_hash, explanation, not_before, allowed_at, created_at,"
            + " updated_at, replaces, initiated_by) VALUES (?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, '\\x', ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?)",
        id,
        id.toString(),
        requester,
        new byte[32],
        requester,
        wallet,
        t == null ? "native_transfer" : "erc20_transfer",
        destination,
        new BigDecimal(wei),
        t == null ? null : t.symbol(),
        t == null ? null : t.address().lowerHex(),
        t == null ? null : new BigDecimal(((Number) token[1]).longValue()),
        destination,
        state,
        rule,
        "ab".repeat(32),
        Sql.time(allowedAt),
        Sql.time(allowedAt),
        Sql.time(T0.minus(Duration.ofHours(3))),
        Sql.time(T0.minus(Duration.ofHours(3))),
        replaces,
        replaces == null ? null : "alice");
    return id;
  }

  /** One change a request can go through after it was decided. */
  private static void changeRandom(Connection c, Random random) throws SQLException {
    UUID id = requests.get(random.nextInt(requests.size()));
    Instant at = T0.minus(random.nextLong(7_200_000_000L), ChronoUnit.MICROS);
    switch (random.nextInt(4)) {
      case 0 ->
          update(
              c,
              "UPDATE tx_request SET state = 'REPLACED', allowed_at = NULL WHERE id = ?"
                  + " AND state = 'APPROVED'",
              id);
      case 1 ->
          update(
              c,
              "UPDATE tx_request SET state = 'APPROVED', allowed_at = ?, decided_rule = ?"
                  + " WHERE id = ? AND state = 'TIMELOCKED'",
              Sql.time(at),
              RULES[random.nextInt(RULES.length)],
              id);
      case 2 ->
          update(
              c,
              "UPDATE tx_request SET state = 'APPROVED', allowed_at = ? WHERE id = ?"
                  + " AND state = 'PENDING_APPROVAL'",
              Sql.time(at),
              id);
      default ->
          update(
              c,
              "UPDATE tx_request SET state = 'EXPIRED', updated_at = ? WHERE id = ?"
                  + " AND state = 'PENDING_APPROVAL'",
              Sql.time(at),
              id);
    }
  }

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }
}
