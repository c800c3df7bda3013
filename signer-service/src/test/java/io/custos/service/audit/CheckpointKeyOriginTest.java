package io.custos.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.hsm.KeyId;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.Secp256k1PublicKey;
import io.custos.hsm.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service starts only on a checkpoint key the token generated and never let out. */
class CheckpointKeyOriginTest {

  private static final String LABEL = "custos:audit:checkpoints";

  private static KeyInfo key(long scalar, boolean local, boolean neverExtractable) {
    Secp256k1PublicKey pub = Secp256k1.publicKeyOf(BigInteger.valueOf(scalar));
    return new KeyInfo(
        KeyId.generate(Instant.now()),
        LABEL,
        pub.address(),
        pub,
        null,
        local,
        neverExtractable,
        true);
  }

  @Test
  void usesTheOneKeyTheTokenGenerated() {
    KeyInfo born = key(7, true, true);

    assertThat(AuditProducer.checkpointKey(LABEL, List.of(born))).isEqualTo(born);
  }

  @Test
  void refusesToStartOnAnImportedKey() {
    assertThatThrownBy(() -> AuditProducer.checkpointKey(LABEL, List.of(key(7, false, false))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was not generated on the token")
        .hasMessageContaining(LABEL);
  }

  @Test
  void refusesToStartOnSeveralKeysOfTheLabel() {
    assertThatThrownBy(
            () ->
                AuditProducer.checkpointKey(LABEL, List.of(key(7, true, true), key(8, true, true))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 keys are labelled");
  }
}
