package io.custos.service.request;

import io.custos.policy.usage.Measure;
import io.custos.policy.usage.UsageKey;
import io.custos.policy.value.Asset;
import io.custos.service.support.Sql;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads velocity usage in one statement, exactly, at a cost that does not grow with the window's
 * volume: the whole minutes of each window from {@code usage_minute} (kept by a trigger on {@code
 * tx_request}, V13), the minute the window starts in request by request from {@code tx_request}.
 *
 * <p>What counts: allowed requests (APPROVED, TIMELOCKED) that are not replacements, with {@code
 * allowed_at} in {@code (now - window, now]}, except the request being decided and, for a
 * replacement, its original (which already counts the payload once). A request allowed after {@code
 * now} (another instance's clock ahead of ours) counts already: it can only make a figure larger.
 */
final class UsageQuery {

  private static final String COUNTS =
      "state IN ('APPROVED', 'TIMELOCKED') AND replaces IS NULL AND allowed_at IS NOT NULL";

  private final List<Object> params = new ArrayList<>();

  private UsageQuery() {}

  /**
   * The figure of each key at {@code now}, without {@code exclude} and {@code original} (may be
   * null).
   */
  static Map<UsageKey, BigInteger> read(
      Connection c, List<UsageKey> keys, Instant now, UUID exclude, UUID original)
      throws SQLException {
    if (keys.isEmpty()) {
      return Map.of();
    }
    UsageQuery q = new UsageQuery();
    List<String> columns = new ArrayList<>();
    for (UsageKey key : keys) {
      columns.add(q.figure(key, now.minus(key.window()), exclude, original));
    }
    try (PreparedStatement s = c.prepareStatement("SELECT " + String.join(", ", columns))) {
      for (int i = 0; i < q.params.size(); i++) {
        s.setObject(i + 1, q.params.get(i));
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        Map<UsageKey, BigInteger> out = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          out.put(keys.get(i), rs.getBigDecimal(i + 1).toBigIntegerExact());
        }
        return out;
      }
    }
  }

  /**
   * (whole minutes after the one {@code since} falls in) + (that minute after {@code since}) − (the
   * excluded requests, when they fall in the whole minutes).
   */
  private String figure(UsageKey key, Instant since, UUID exclude, UUID original) {
    Instant wholeFrom = since.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
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
    String perRequest =
        switch (key.measure()) {
          case Measure.Count c -> "count(*)";
          case Measure.AmountOf a when token != null -> "coalesce(sum(token_units), 0)";
          case Measure.AmountOf a -> "coalesce(sum(value_wei), 0)";
        };
    String bucketed = key.measure() instanceof Measure.Count ? "requests" : "amount";
    String tokenFilter = token == null ? "" : " AND token_address = ?";

    String minutes =
        "(SELECT coalesce(sum("
            + bucketed
            + "), 0) FROM usage_minute WHERE scope = ? AND subject = ? AND asset = ?"
            + " AND minute >= ?)";
    params.add(key.scope().name());
    params.add(key.subject());
    params.add(token == null ? "" : token);
    params.add(Sql.time(wholeFrom));

    String edge =
        "(SELECT "
            + perRequest
            + " FROM tx_request WHERE "
            + COUNTS
            + " AND allowed_at > ? AND allowed_at < ? AND "
            + column
            + " = ?"
            + tokenFilter
            + " AND id <> ? AND id <> ?)";
    params.add(Sql.time(since));
    params.add(Sql.time(wholeFrom));
    params.add(key.subject());
    if (token != null) {
      params.add(token);
    }
    params.add(exclude);
    params.add(original == null ? exclude : original);

    String excluded =
        "(SELECT "
            + perRequest
            + " FROM tx_request WHERE "
            + COUNTS
            + " AND allowed_at >= ? AND "
            + column
            + " = ?"
            + tokenFilter
            + " AND id IN (?, ?))";
    params.add(Sql.time(wholeFrom));
    params.add(key.subject());
    if (token != null) {
      params.add(token);
    }
    params.add(exclude);
    params.add(original == null ? exclude : original);

    return "(" + minutes + " + " + edge + " - " + excluded + ")::numeric";
  }
}
