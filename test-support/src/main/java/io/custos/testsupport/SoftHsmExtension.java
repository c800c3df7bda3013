package io.custos.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test class a fresh SoftHSM2 token ({@link SoftHsmToken} as a parameter of a
 * constructor, {@code @BeforeAll} or test method), deleted after the class.
 */
public final class SoftHsmExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SoftHsmExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    String label = Names.forClass(context.getRequiredTestClass());
    SoftHsmToken token = SoftHsm.createToken(label);
    context
        .getStore(NS)
        .put(SoftHsmToken.class, new Owned<>(token, () -> SoftHsm.deleteToken(token)));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SoftHsmToken.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NS).get(SoftHsmToken.class, Owned.class).value();
  }
}
