package io.custos.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test class a fresh PostgreSQL database ({@link TestDatabase} as a parameter), dropped
 * after the class. See {@link PostgresServer} for which server is used.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    PostgresServer server = PostgresServer.shared();
    String name = Names.forClass(context.getRequiredTestClass());
    TestDatabase db = server.createDatabase(name);
    context.getStore(NS).put(TestDatabase.class, new Owned<>(db, () -> server.dropDatabase(name)));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NS).get(TestDatabase.class, Owned.class).value();
  }
}
