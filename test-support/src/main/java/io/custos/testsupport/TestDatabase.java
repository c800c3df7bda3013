package io.custos.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for one test class, on a real PostgreSQL server.
 *
 * @param jdbcUrl the database's JDBC URL (without credentials)
 * @param user the login role
 * @param password the role's password, empty under trust authentication
 * @param name the database name
 */
public record TestDatabase(String jdbcUrl, String user, String password, String name) {

  /** A new connection as the owning role. */
  public Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (!password.isEmpty()) {
      props.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl, props);
  }

  /** A non-pooling DataSource for the database. */
  public DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl);
    ds.setUser(user);
    if (!password.isEmpty()) {
      ds.setPassword(password);
    }
    return ds;
  }

  @Override
  public String toString() {
    return "TestDatabase[" + jdbcUrl + ", user=" + user + "]";
  }
}
