package io.custos.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second class in the same JVM must see its own token only: the module re-reads SOFTHSM2_CONF on
 * each initialisation.
 */
@ExtendWith(SoftHsmExtension.class)
class SoftHsmSecondClassSmokeTest {

  @Test
  void seesOnlyItsOwnTokenAfterAnotherClassUsedTheModule(SoftHsmToken token) throws Exception {
    assertThat(SoftHsmSmokeTest.tokenLabels(token)).containsExactly(token.label());
  }
}
