package io.custos.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.custos.hsm.Digest32;
import io.custos.hsm.EthSignature;
import io.custos.hsm.HsmException;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.testing.KeyVaultContract;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xipki.pkcs11.wrapper.Session;

@ExtendWith(SoftHsmExtension.class)
class ConcurrentSigningTest {

  private record Signed(KeyInfo key, Digest32 digest, EthSignature signature) {}

  @Test
  void eightThreadsSignThroughFourSessionsWithoutErrorAndEverySignatureIsValid(SoftHsmToken token)
      throws Exception {
    try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 4))) {
      List<KeyInfo> keys =
          List.of(vault.generate("c1"), vault.generate("c2"), vault.generate("c3"));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Signed>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(pool.submit(signMany(vault, keys, thread, start)));
      }
      start.countDown();
      List<Signed> all = new ArrayList<>();
      for (Future<List<Signed>> result : results) {
        all.addAll(result.get());
      }
      pool.shutdown();

      assertThat(all).hasSize(8 * 60);
      for (Signed signed : all) {
        assertThat(KeyVaultContract.recoverAddress(signed.digest(), signed.signature()))
            .isEqualTo(signed.key().address());
      }
    }
  }

  @Test
  void aSignerThatFindsNoFreeSessionInTimeGetsPoolExhausted(SoftHsmToken token) throws Exception {
    try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 1));
        RawToken raw = RawToken.open(token, token.label())) {
      vault.ping(); // the vault holds the login the raw sessions share
      SessionPool pool = new SessionPool(raw.pkcs11Token, 1, Duration.ofMillis(20));
      Session held = pool.borrow();
      try {
        HsmException error = catchThrowableOfType(HsmException.class, pool::borrow);
        assertThat(error.reason()).isEqualTo(HsmException.Reason.POOL_EXHAUSTED);
      } finally {
        pool.release(held);
        pool.close();
      }
    }
  }

  private static Callable<List<Signed>> signMany(
      Pkcs11KeyVault vault, List<KeyInfo> keys, int thread, CountDownLatch start) {
    return () -> {
      start.await();
      List<Signed> out = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        KeyInfo key = keys.get((thread + i) % keys.size());
        Digest32 digest = KeyVaultContract.randomDigest();
        out.add(new Signed(key, digest, vault.sign(key.id(), digest)));
      }
      return out;
    };
  }
}
