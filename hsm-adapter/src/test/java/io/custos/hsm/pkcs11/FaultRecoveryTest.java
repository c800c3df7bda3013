package io.custos.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.custos.hsm.Digest32;
import io.custos.hsm.HsmException;
import io.custos.hsm.HsmException.Reason;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.testing.KeyVaultContract;
import io.custos.testsupport.SoftHsmExtension;
import io.custos.testsupport.SoftHsmToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sessions closed, logins dropped, the token gone and back: typed errors, then signing again. */
@ExtendWith(SoftHsmExtension.class)
class FaultRecoveryTest {

  private static SoftHsmToken token;
  private static Pkcs11KeyVault vault;
  private static KeyInfo key;

  @BeforeAll
  static void open(SoftHsmToken softHsm) {
    token = softHsm;
    vault = Pkcs11KeyVault.open(SoftHsmVaults.settings(token, 2));
    key = vault.generate("fault");
  }

  @AfterAll
  static void close() {
    vault.close();
  }

  @Test
  void signingRecoversWhenEverySessionIsClosedBehindItsBack() throws Exception {
    signAndCheck();
    try (RawToken raw = RawToken.open(token, token.label())) {
      raw.module.getPKCS11Module().C_CloseAllSessions(raw.pkcs11Token.getSlot().getSlotID());
    }

    signAndCheck();
  }

  @Test
  void signingRecoversAfterALogoutElsewhereInTheProcess() throws Exception {
    signAndCheck();
    try (RawToken raw = RawToken.open(token, token.label())) {
      raw.session.logout();
    }

    signAndCheck();
    vault.ping();
  }

  @Test
  void vanishedTokenGivesTypedErrorsAndSigningResumesWhenItReturns() throws Exception {
    signAndCheck();
    Path hidden = token.tokenDir().resolveSibling("tokens.hidden");
    Files.move(token.tokenDir(), hidden);
    HsmException pingError;
    HsmException signError;
    try {
      pingError = catchThrowableOfType(HsmException.class, vault::ping);
      signError =
          catchThrowableOfType(
              HsmException.class, () -> vault.sign(key.id(), KeyVaultContract.randomDigest()));
    } finally {
      Files.move(hidden, token.tokenDir());
    }

    assertThat(pingError).as("the health check fails closed").isNotNull();
    assertThat(pingError.reason()).isEqualTo(Reason.TOKEN_ABSENT);
    assertThat(signError).as("signing on a vanished token").isNotNull();
    assertThat(signError.reason()).isIn(Reason.TOKEN_ABSENT, Reason.DEVICE_ERROR);
    // The module re-initialises at most every 250 ms to look for the token again.
    Thread.sleep(SharedModule.MIN_REINIT_INTERVAL.toMillis() + 50);
    signAndCheck();
    vault.ping();
  }

  @Test
  void signersRunningWhileTheTokenVanishesGetOnlyTypedErrorsAndThenResume() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder valid = new LongAdder();
    Map<Reason, LongAdder> errors = new ConcurrentHashMap<>();
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.submit(
          () -> {
            while (!stop.get()) {
              try {
                signAndCheck();
                valid.increment();
              } catch (HsmException e) {
                errors.computeIfAbsent(e.reason(), r -> new LongAdder()).increment();
              } catch (Throwable e) {
                unexpected.add(e);
              }
            }
          });
    }
    Path hidden = token.tokenDir().resolveSibling("tokens.away");
    Thread.sleep(150);
    Files.move(token.tokenDir(), hidden);
    Thread.sleep(400);
    Files.move(hidden, token.tokenDir());
    Thread.sleep(SharedModule.MIN_REINIT_INTERVAL.toMillis() + 400);
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(unexpected).isEmpty();
    assertThat(errors.keySet()).isNotEmpty().isSubsetOf(Reason.TOKEN_ABSENT, Reason.DEVICE_ERROR);
    assertThat(valid.sum()).isPositive();
    signAndCheck();
  }

  private static void signAndCheck() {
    Digest32 digest = KeyVaultContract.randomDigest();
    assertThat(KeyVaultContract.recoverAddress(digest, vault.sign(key.id(), digest)))
        .isEqualTo(key.address());
  }
}
