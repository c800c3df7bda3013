package io.custos.hsm.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.hsm.HsmException;
import io.custos.hsm.KeyVault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class InMemoryKeyVaultTest extends KeyVaultContract {

  private static final InMemoryKeyVault VAULT = new InMemoryKeyVault();

  @Override
  protected KeyVault vault() {
    return VAULT;
  }

  @AfterAll
  static void close() {
    VAULT.close();
  }

  @Test
  void refusesToWorkOnceClosed() {
    InMemoryKeyVault vault = new InMemoryKeyVault();
    vault.close();

    assertThatThrownBy(vault::list)
        .isInstanceOfSatisfying(
            HsmException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.reason())
                    .isEqualTo(HsmException.Reason.CLOSED));
  }
}
