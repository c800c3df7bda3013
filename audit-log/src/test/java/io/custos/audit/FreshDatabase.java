package io.custos.audit;

import io.custos.testsupport.PostgresServer;
import io.custos.testsupport.TestDatabase;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database for one test method (the extension gives one per class), migrated, dropped on close.
 */
public final class FreshDatabase implements AutoCloseable {

  private final TestDatabase db;

  private FreshDatabase(TestDatabase db) {
    this.db = db;
  }

  /** Creates and migrates a database with a unique name. */
  public static FreshDatabase create(String prefix) {
    String name = prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    FreshDatabase fresh = new FreshDatabase(PostgresServer.shared().createDatabase(name));
    PgLog.migrate(fresh.db);
    return fresh;
  }

  public TestDatabase db() {
    return db;
  }

  @Override
  public void close() {
    PostgresServer.shared().dropDatabase(db.name());
  }
}
