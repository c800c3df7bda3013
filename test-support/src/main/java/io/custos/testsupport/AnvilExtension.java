package io.custos.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test class its own anvil devnet ({@link AnvilNode} as a parameter) on a free loopback
 * port, killed by its own PID after the class.
 */
public final class AnvilExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(AnvilExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    String name = Names.forClass(context.getRequiredTestClass());
    Anvil anvil = Anvil.start(name, Anvil.DEFAULT_CHAIN_ID);
    context.getStore(NS).put(Anvil.class, anvil);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == AnvilNode.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NS).get(Anvil.class, Anvil.class).node();
  }
}
