package io.custos.devstack.bench;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.StaticLogger;
import org.xipki.pkcs11.wrapper.Token;

/**
 * The token's own signing rate: {@code C_SignInit + C_Sign} straight through the PKCS#11 wrapper,
 * one session per thread, with the key of a bench wallet on the stack's SoftHSM2 token. It is the
 * ceiling the service's end-to-end rate is compared with. The digests are random and the signatures
 * are thrown away.
 */
final class RawSign implements AutoCloseable {

  private final PKCS11Module module;
  private final Token token;
  private final long keyHandle;
  private final Session loginSession;

  private RawSign(PKCS11Module module, Token token, Session loginSession, long keyHandle) {
    this.module = module;
    this.token = token;
    this.loginSession = loginSession;
    this.keyHandle = keyHandle;
  }

  /**
   * Logs in to the token labelled {@code tokenLabel} with the PIN in {@code pinFile} (read here,
   * never printed) and finds the private key labelled {@code keyLabel}.
   */
  static RawSign open(Path library, String tokenLabel, Path pinFile, String keyLabel)
      throws Exception {
    StaticLogger.setLogger(new WarningsOnly());
    PKCS11Module module = PKCS11Module.getInstance(library.toString());
    module.initialize();
    Token token = find(module, tokenLabel);
    Session session = token.openSession(false);
    char[] pin = Files.readString(pinFile, StandardCharsets.UTF_8).strip().toCharArray();
    try {
      session.login(CKU_USER, pin);
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
        throw e;
      }
    } finally {
      Arrays.fill(pin, '\0');
    }
    long[] keys =
        session.findObjectsSingle(AttributeVector.newPrivateKey(CKK_EC).label(keyLabel), 2);
    if (keys.length != 1) {
      throw new IllegalStateException(keys.length + " private keys labelled " + keyLabel);
    }
    return new RawSign(module, token, session, keys[0]);
  }

  private static Token find(PKCS11Module module, String label) throws PKCS11Exception {
    for (Slot slot : module.getSlotList(true)) {
      if (slot.getToken().getTokenInfo().getLabel().strip().equals(label)) {
        return slot.getToken();
      }
    }
    throw new IllegalStateException("no token labelled " + label);
  }

  /** Signatures per second on {@code threads} threads during {@code duration}, after a warm-up. */
  double rate(int threads, Duration duration) throws Exception {
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      sessions.add(token.openSession(false));
    }
    try {
      count(sessions, Duration.ofMillis(500));
      long start = System.nanoTime();
      long signatures = count(sessions, duration);
      return signatures / ((System.nanoTime() - start) / 1e9);
    } finally {
      for (Session s : sessions) {
        s.closeSession();
      }
    }
  }

  private long count(List<Session> sessions, Duration duration) throws Exception {
    LongAdder signed = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Exception> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(sessions.size());
    for (Session session : sessions) {
      Thread.ofPlatform()
          .start(
              () -> {
                byte[] digest = new byte[32];
                try {
                  while (!stop.get()) {
                    ThreadLocalRandom.current().nextBytes(digest);
                    session.signSingle(new Mechanism(CKM_ECDSA), keyHandle, digest);
                    signed.increment();
                  }
                } catch (PKCS11Exception e) {
                  failure.set(e);
                } finally {
                  done.countDown();
                }
              });
    }
    Thread.sleep(duration.toMillis());
    stop.set(true);
    done.await();
    if (failure.get() != null) {
      throw failure.get();
    }
    return signed.sum();
  }

  /**
   * The wrapper prints a line per session to standard output by default; the table is the output.
   */
  private static final class WarningsOnly implements org.xipki.pkcs11.wrapper.Logger {
    @Override
    public void info(String format, Object... arguments) {}

    @Override
    public void warn(String format, Object... arguments) {
      System.err.println("pkcs11 warning: " + format + " " + Arrays.toString(arguments));
    }

    @Override
    public void error(String format, Object... arguments) {
      System.err.println("pkcs11 error: " + format + " " + Arrays.toString(arguments));
    }

    @Override
    public void debug(String format, Object... arguments) {}

    @Override
    public void trace(String format, Object... arguments) {}

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return false;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    loginSession.closeSession();
    module.finalize(null);
  }
}
