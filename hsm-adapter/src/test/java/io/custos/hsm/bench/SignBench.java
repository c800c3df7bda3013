package io.custos.hsm.bench;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;

import io.custos.hsm.Digest32;
import io.custos.hsm.EthSignature;
import io.custos.hsm.KeyInfo;
import io.custos.hsm.pkcs11.HsmSettings;
import io.custos.hsm.pkcs11.PinSource;
import io.custos.hsm.pkcs11.Pkcs11KeyVault;
import io.custos.hsm.pkcs11.RawToken;
import io.custos.hsm.pkcs11.TokenSelector;
import io.custos.hsm.pkcs11.TokenSettings;
import io.custos.hsm.secp256k1.Secp256k1Verifier;
import io.custos.testsupport.SoftHsm;
import io.custos.testsupport.SoftHsmToken;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Session;

/**
 * Signing throughput on SoftHSM2: the raw {@code C_SignInit + C_Sign} rate through the wrapper (the
 * floor of what the token can do; one session per thread) against the adapter's full {@code
 * KeyVault.sign} (pool, sign, low s, recovery id, verification), for 1 and 2 threads; then the
 * post-signature step alone ({@code Secp256k1Verifier.complete}) in microseconds.
 *
 * <p>The machine is shared, and its load moves rates by a factor of two within seconds. So the two
 * paths are measured in short alternating slices (raw, adapter, adapter, raw, ...) with the vault
 * and the raw sessions open side by side, and the totals are compared: both meet the same load. The
 * median of the per-pair ratios is printed beside the ratio of totals, as a check on how much the
 * load moved during the run; the load average is printed with every line.
 *
 * <p>Run: {@code ./custos bench hsm [--seconds S]}. System properties: {@code bench.seconds}
 * (measured seconds per path and thread count, default 10), {@code bench.slice.ms} (default 250).
 */
public final class SignBench {

  private static final double SECONDS =
      Double.parseDouble(System.getProperty("bench.seconds", "10"));
  private static final long SLICE_MS = Long.getLong("bench.slice.ms", 250);

  /** One signing action of a worker thread. */
  @FunctionalInterface
  private interface Signer {
    void signOnce(byte[] digest) throws Exception;
  }

  /** Signatures counted, seconds spent, and the CPU time the signing threads used. */
  private static final class Tally {
    long signatures;
    double seconds;
    long cpuNanos;

    double rate() {
      return signatures / seconds;
    }

    double cpuMicrosPerSignature() {
      return cpuNanos / 1e3 / signatures;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One slice pair's adapter/raw ratio: the two slices met nearly the same load. */
  private static double sliceRatio(Tally raw, Tally adapter) {
    return adapter.rate() / raw.rate();
  }

  private SignBench() {}

  public static void main(String[] args) throws Exception {
    SoftHsmToken token = SoftHsm.createToken("bench");
    Path pin = token.configFile().resolveSibling("bench.pin");
    Files.writeString(pin, token.userPin());
    HsmSettings settings =
        HsmSettings.of(
            token.modulePath(),
            new TokenSettings(new TokenSelector.ByLabel(token.label()), new PinSource.File(pin)),
            2);
    try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(settings);
        RawToken raw = RawToken.open(token, token.label())) {
      KeyInfo key = vault.generate("bench-key");
      long handle =
          raw.session
              .findObjectsSingle(AttributeVector.newPrivateKey(CKK_EC).id(key.id().bytes()), 1)[0];
      List<Session> sessions = List.of(raw.session, raw.pkcs11Token.openSession(true));
      warmUpVerification(vault, key);
      System.out.printf(
          Locale.ROOT,
          "SoftHSM2 signing: %.0f s per path and thread count in %d ms slices; %d cores,"
              + " load average %.1f%n",
          SECONDS,
          SLICE_MS,
          Runtime.getRuntime().availableProcessors(),
          load());
      for (int threads : new int[] {1, 2}) {
        List<Signer> rawSigners = new ArrayList<>();
        List<Signer> adapterSigners = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          Session session = sessions.get(i);
          rawSigners.add(d -> session.signSingle(new Mechanism(CKM_ECDSA), handle, d));
          adapterSigners.add(d -> vault.sign(key.id(), new Digest32(d)));
        }
        compare(threads, rawSigners, adapterSigners);
      }
      PostStep.measure(raw.session, handle, key, SECONDS / 2, SLICE_MS);
      System.out.printf(Locale.ROOT, "load average at the end %.1f%n", load());
    } finally {
      SoftHsm.deleteToken(token);
    }
  }

  private static void compare(int threads, List<Signer> raw, List<Signer> adapter)
      throws Exception {
    run(raw, 1000, new Tally()); // warm-up for the JIT, not counted
    run(adapter, 1000, new Tally());
    Tally rawTally = new Tally();
    Tally adapterTally = new Tally();
    List<Double> pairRatios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    int pairs = (int) Math.ceil(SECONDS * 1000 / SLICE_MS);
    for (int i = 0; i < pairs; i++) {
      boolean rawFirst = i % 2 == 0;
      Tally rawSlice = new Tally();
      Tally adapterSlice = new Tally();
      run(rawFirst ? raw : adapter, SLICE_MS, rawFirst ? rawSlice : adapterSlice);
      run(rawFirst ? adapter : raw, SLICE_MS, rawFirst ? adapterSlice : rawSlice);
      add(rawTally, rawSlice);
      add(adapterTally, adapterSlice);
      pairRatios.add(sliceRatio(rawSlice, adapterSlice));
      cpuRatios.add(rawSlice.cpuMicrosPerSignature() / adapterSlice.cpuMicrosPerSignature());
    }
    Collections.sort(pairRatios);
    Collections.sort(cpuRatios);
    System.out.printf(
        Locale.ROOT,
        "threads=%d  raw C_Sign %,.0f signs/s   adapter sign %,.0f signs/s   adapter/raw %.1f%%"
            + "   (median of %d slice pairs %.1f%%; per signature raw %.0f us, adapter %.0f us,"
            + " +%.0f us; load %.1f)%n",
        threads,
        rawTally.rate(),
        adapterTally.rate(),
        100 * adapterTally.rate() / rawTally.rate(),
        pairs,
        100 * pairRatios.get(pairs / 2),
        threads * 1e6 / rawTally.rate(),
        threads * 1e6 / adapterTally.rate(),
        threads * 1e6 / adapterTally.rate() - threads * 1e6 / rawTally.rate(),
        load());
    // Thread CPU time leaves out the time other processes held the cores: on a loaded machine it
    // is the steadier estimate of what each path costs (C_Sign runs in the calling thread).
    System.out.printf(
        Locale.ROOT,
        "           CPU time per signature: raw %.0f us, adapter %.0f us (+%.1f us);"
            + " raw/adapter %.1f%% (median of %d slice pairs %.1f%%)%n",
        rawTally.cpuMicrosPerSignature(),
        adapterTally.cpuMicrosPerSignature(),
        adapterTally.cpuMicrosPerSignature() - rawTally.cpuMicrosPerSignature(),
        100 * rawTally.cpuMicrosPerSignature() / adapterTally.cpuMicrosPerSignature(),
        pairs,
        100 * cpuRatios.get(pairs / 2));
  }

  private static void add(Tally total, Tally slice) {
    total.signatures += slice.signatures;
    total.seconds += slice.seconds;
    total.cpuNanos += slice.cpuNanos;
  }

  /**
   * Compiles the verification path before anything is counted: a server signs for hours, so the
   * steady state is what matters, and a one-second warm-up leaves its loops interpreted. Varied
   * signatures, as in service: the JIT shapes its code by the branches it saw taken.
   */
  private static void warmUpVerification(Pkcs11KeyVault vault, KeyInfo key) {
    Secp256k1Verifier verifier = new Secp256k1Verifier(key.publicKey());
    Digest32[] digests = new Digest32[64];
    EthSignature[] signatures = new EthSignature[digests.length];
    for (int i = 0; i < digests.length; i++) {
      byte[] digest = new byte[32];
      ThreadLocalRandom.current().nextBytes(digest);
      digests[i] = new Digest32(digest);
      signatures[i] = vault.sign(key.id(), digests[i]);
    }
    for (int i = 0; i < 20_000; i++) {
      int j = i % digests.length;
      verifier.complete(digests[j], signatures[j].r(), signatures[j].s());
    }
  }

  /** Runs every signer on its own thread for {@code millis} and adds to the tally. */
  private static void run(List<Signer> signers, long millis, Tally tally) throws Exception {
    LongAdder count = new LongAdder();
    LongAdder cpu = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(signers.size());
    CountDownLatch done = new CountDownLatch(signers.size());
    List<Throwable> failures = new ArrayList<>();
    for (Signer signer : signers) {
      new Thread(
              () -> {
                byte[] digest = new byte[32];
                started.countDown();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                try {
                  while (!stop.get()) {
                    ThreadLocalRandom.current().nextBytes(digest);
                    signer.signOnce(digest);
                    count.increment();
                  }
                } catch (Throwable t) {
                  synchronized (failures) {
                    failures.add(t);
                  }
                } finally {
                  cpu.add(THREADS.getCurrentThreadCpuTime() - cpuStart);
                  done.countDown();
                }
              })
          .start();
    }
    started.await();
    long start = System.nanoTime();
    Thread.sleep(millis);
    stop.set(true);
    done.await();
    // Signatures finished after the stop flag are counted with the time they took.
    tally.seconds += (System.nanoTime() - start) / 1e9;
    tally.signatures += count.sum();
    tally.cpuNanos += cpu.sum();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a signer failed", failures.get(0));
    }
  }

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
