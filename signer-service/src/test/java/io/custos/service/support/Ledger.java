package io.custos.service.support;

import io.custos.testsupport.Anvil;
import io.custos.testsupport.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the service's database and the chain say about an account's transactions, read independently
 * of the service: the database with plain JDBC, the chain straight from anvil.
 */
public final class Ledger {

  /** One recorded transaction. */
  public record Row(long nonce, String hash, String state) {}

  private final TestDatabase db;
  private final URI chain;

  public Ledger(TestDatabase db, URI chain) {
    this.db = db;
    this.chain = chain;
  }

  /** Every transaction recorded for {@code address}, by nonce. */
  public List<Row> rows(String address) {
    String sql =
        "SELECT nonce, hash, state FROM eth_transaction WHERE lower(from_address) = lower(?)"
            + " ORDER BY nonce, attempt";
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, address);
      List<Row> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Row(
                  rs.getLong(1), "0x" + HexFormat.of().formatHex(rs.getBytes(2)), rs.getString(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read eth_transaction: " + e.getMessage(), e);
    }
  }

  /**
   * How many audit entries of each type name the transaction {@code hash}, sequenced or still in
   * the inbox.
   */
  public Map<String, Long> auditEntriesOf(String hash) {
    String sql =
        "SELECT entry_type, count(*) FROM (SELECT entry_type FROM audit_entry WHERE entry LIKE ?"
            + " UNION ALL SELECT entry_type FROM audit_inbox WHERE subjects LIKE ?) t"
            + " GROUP BY entry_type";
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, "%\"tx:" + hash + "\"%");
      s.setString(2, "%\"tx:" + hash + "\"%");
      Map<String, Long> out = new TreeMap<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit inbox: " + e.getMessage(), e);
    }
  }

  /** The account's nonce on chain: how many of its transactions are mined. */
  public long minedCount(String address) {
    return Long.decode(Anvil.rpc(chain, "eth_getTransactionCount", address, "latest").asText());
  }

  /** The account's nonce including the node's pool. */
  public long pendingCount(String address) {
    return Long.decode(Anvil.rpc(chain, "eth_getTransactionCount", address, "pending").asText());
  }

  /** The receipt's status ({@code 0x1} success) of a mined transaction, or null if not mined. */
  public String receiptStatus(String hash) {
    var receipt = Anvil.rpc(chain, "eth_getTransactionReceipt", hash);
    return receipt == null || receipt.isNull() ? null : receipt.get("status").asText();
  }
}
