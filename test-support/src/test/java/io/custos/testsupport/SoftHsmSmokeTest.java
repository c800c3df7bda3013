package io.custos.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;

@ExtendWith(SoftHsmExtension.class)
class SoftHsmSmokeTest {

  /** Lists the labels of every initialised token the module shows, then finalises the module. */
  static List<String> tokenLabels(SoftHsmToken token) throws Exception {
    PKCS11Module module = PKCS11Module.getInstance(token.modulePath().toString());
    module.initialize();
    try {
      List<String> labels = new ArrayList<>();
      for (Slot slot : module.getSlotList(true)) {
        if (slot.getToken().getTokenInfo().isTokenInitialized()) {
          labels.add(slot.getToken().getTokenInfo().getLabel().strip());
        }
      }
      return labels;
    } finally {
      module.finalize(null);
    }
  }

  @Test
  void listsTheFreshTokensSlotThroughPkcs11(SoftHsmToken token) throws Exception {
    assertThat(tokenLabels(token)).containsExactly(token.label());
  }

  @Test
  void neverPrintsItsPins(SoftHsmToken token) {
    assertThat(token.toString()).doesNotContain(token.userPin()).doesNotContain(token.soPin());
  }
}
