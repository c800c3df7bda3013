package io.custos.hsm.bench;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;

import io.custos.hsm.Digest32;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.secp256k1.Secp256k1Verifier;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * The post-signature step ({@code Secp256k1Verifier.complete}: low s, verification, recovery id) in
 * microseconds, one thread, measured two ways: warm, in a loop over real token signatures (its cost
 * alone), and in place, right after each {@code C_Sign} as the adapter runs it, beside slices of
 * {@code C_Sign} alone. The second shows what the step really adds: it runs with cold caches, and
 * {@code C_Sign} after it runs slower too.
 */
final class PostStep {

  private static final int SAMPLES = 256;

  /** Nanoseconds and calls of one timed part. */
  private static final class Timer {
    long nanos;
    long calls;

    double micros() {
      return nanos / 1e3 / calls;
    }
  }

  private PostStep() {}

  static void measure(Session session, long handle, KeyInfo key, double seconds, long sliceMs)
      throws PKCS11Exception {
    Secp256k1Verifier verifier = new Secp256k1Verifier(key.publicKey());
    int slices = Math.max(2, (int) Math.ceil(seconds * 1000 / sliceMs));
    warm(session, handle, verifier, slices, sliceMs);
    inPlace(session, handle, verifier, slices, sliceMs);
  }

  private static void warm(
      Session session, long handle, Secp256k1Verifier verifier, int slices, long sliceMs)
      throws PKCS11Exception {
    Digest32[] digests = new Digest32[SAMPLES];
    byte[][] signatures = new byte[SAMPLES][];
    for (int i = 0; i < SAMPLES; i++) {
      byte[] digest = randomDigest();
      digests[i] = new Digest32(digest);
      signatures[i] = session.signSingle(new Mechanism(CKM_ECDSA), handle, digest);
    }
    Timer timer = new Timer();
    for (int slice = 0; slice < slices; slice++) {
      long start = System.nanoTime();
      long end = start + sliceMs * 1_000_000;
      long now = start;
      while (now < end) {
        int i = (int) (timer.calls++ % SAMPLES);
        verifier.complete(digests[i], signatures[i]);
        now = System.nanoTime();
      }
      timer.nanos += now - start;
    }
    System.out.printf(
        Locale.ROOT,
        "post-signature step alone (low s + verification + recovery id), warm, 1 thread:"
            + " %.1f us per signature over %,d calls; load %.1f%n",
        timer.micros(),
        timer.calls,
        SignBench.load());
  }

  private static void inPlace(
      Session session, long handle, Secp256k1Verifier verifier, int slices, long sliceMs)
      throws PKCS11Exception {
    Timer signAlone = new Timer();
    Timer signBeforeStep = new Timer();
    Timer step = new Timer();
    for (int slice = 0; slice < 2 * slices; slice++) {
      long end = System.nanoTime() + sliceMs * 1_000_000;
      while (System.nanoTime() < end) {
        byte[] digest = randomDigest();
        long t0 = System.nanoTime();
        byte[] rs = session.signSingle(new Mechanism(CKM_ECDSA), handle, digest);
        long t1 = System.nanoTime();
        if (slice % 2 == 0) {
          add(signAlone, t1 - t0);
        } else {
          verifier.complete(new Digest32(digest), rs);
          add(signBeforeStep, t1 - t0);
          add(step, System.nanoTime() - t1);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "in place, 1 thread: C_Sign alone %.0f us; C_Sign %.0f us + post-signature step %.1f us"
            + " when they alternate (adds %.0f us per signature); load %.1f%n",
        signAlone.micros(),
        signBeforeStep.micros(),
        step.micros(),
        signBeforeStep.micros() + step.micros() - signAlone.micros(),
        SignBench.load());
  }

  private static void add(Timer timer, long nanos) {
    timer.nanos += nanos;
    timer.calls++;
  }

  private static byte[] randomDigest() {
    byte[] digest = new byte[32];
    ThreadLocalRandom.current().nextBytes(digest);
    return digest;
  }
}
