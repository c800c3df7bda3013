package io.custos.devstack.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./custos bench}: auto-approved transfers through the HTTP API of the local stack to anvil,
 * then the raw {@code C_Sign} rate of the same SoftHSM2 token for as long on as many threads, then
 * an open-loop pass at half the measured rate. Prints figures; asserts nothing.
 */
public final class HttpBench {

  private HttpBench() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args;
    try {
      args = BenchArgs.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("custos bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    CustosApi api = new CustosApi(args);
    List<String> wallets = new ArrayList<>();
    for (int i = 0; i < args.wallets(); i++) {
      String label = CustosApi.walletLabel(i);
      api.fundIfPoor(api.ensureWallet(label));
      wallets.add(label);
    }
    print(
        "%d transfers of 1 gwei at concurrency %d over %d wallet(s); %d cores, load average %.2f",
        args.requests(), args.concurrency(), args.wallets(), cores(), load());

    warmUp(api, wallets, args);
    settle(api);
    ProcessCpu service =
        ProcessCpu.fromPidFile(System.getProperty("custos.bench.service-pid-file"));
    double cpuBefore = service == null ? 0 : service.millis();
    double loadBefore = load();
    Load.Pass closed = Load.closedLoop(api, wallets, args.requests(), args.concurrency());
    double loadAfter = load();
    settle(api);
    // Up to confirmation: the following of the transactions is part of what a transfer costs.
    double cpuPerTransfer =
        service == null ? Double.NaN : (service.millis() - cpuBefore) / closed.samples().size();
    double raw = rawRate(args, closed.span());

    print("");
    print(
        "closed loop, concurrency %d (load %.2f -> %.2f)",
        args.concurrency(), loadBefore, loadAfter);
    table(closed);
    print(
        "%-34s %10.1f /s  (%d threads for %.1f s, load %.2f)",
        "raw C_Sign, same token",
        raw,
        args.concurrency(),
        closed.span().toMillis() / 1000.0,
        load());
    print("%-34s %10.1f %%", "end-to-end / raw C_Sign", 100 * closed.throughput() / raw);
    print("%-34s %10.1f ms", "signer-service CPU per transfer", cpuPerTransfer);

    double half = closed.throughput() / 2;
    int openRequests = (int) Math.max(100, Math.min(args.requests(), half * 20));
    double openLoad = load();
    Load.Pass open = Load.openLoop(api, wallets, openRequests, half);
    print("");
    print(
        "open loop at %.1f /s (half the closed-loop rate), %d transfers (load %.2f -> %.2f)",
        half, openRequests, openLoad, load());
    table(open);
    if (args.samples() != null) {
      write(open, args.samples());
      print("open loop samples: %s", args.samples());
    }
  }

  /** One line per transfer, in the order they were due: when, then each latency in ms. */
  private static void write(Load.Pass pass, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("due_epoch_ms,answer_ms,signed_ms,broadcast_ms");
    pass.samples().stream()
        .sorted(Comparator.comparing(Sample::submitted))
        .forEach(
            s ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "%d,%.3f,%.3f,%.3f",
                        s.submitted().toEpochMilli(),
                        s.answerMs(),
                        s.submitToSignedMs(),
                        s.submitToBroadcastMs())));
    Files.write(file, lines);
  }

  /**
   * Waits (at most a minute) until the service follows no transaction any more, so that the next
   * phase does not share the machine with the confirmations of the last one.
   */
  private static void settle(CustosApi api) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (api.openTransactions() > 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }
  }

  /**
   * As many transfers as will be measured (at most 1,000) first, so that the JIT and the connection
   * pools meet the measured ones warm: the figures are those of a service that has been running.
   */
  private static void warmUp(CustosApi api, List<String> wallets, BenchArgs args) throws Exception {
    int n = Math.min(1000, Math.max(20, args.requests()));
    Load.closedLoop(api, wallets, n, args.concurrency());
  }

  private static double rawRate(BenchArgs args, Duration span) throws Exception {
    try (RawSign raw =
        RawSign.open(
            args.pkcs11Module(),
            System.getProperty("custos.bench.token-label", "custos-demo"),
            args.softHsmDir().resolve("user.pin"),
            "custos:wallet:" + CustosApi.walletLabel(0))) {
      return raw.rate(args.concurrency(), span);
    }
  }

  private static void table(Load.Pass pass) {
    print(
        "%-34s %10.1f /s  (%d broadcast in %.1f s, %d failed%s)",
        "throughput (submit -> broadcast)",
        pass.throughput(),
        pass.samples().size(),
        pass.span().toMillis() / 1000.0,
        pass.failures(),
        pass.firstFailure() == null ? "" : ": " + pass.firstFailure());
    print("%-34s %s  ms", "latency", Percentiles.header());
    print("%-34s %s", "  submit -> HTTP answer", Percentiles.of(pass.samples(), Sample::answerMs));
    print(
        "%-34s %s", "  submit -> signed", Percentiles.of(pass.samples(), Sample::submitToSignedMs));
    print(
        "%-34s %s",
        "  submit -> broadcast", Percentiles.of(pass.samples(), Sample::submitToBroadcastMs));
  }

  private static void print(String format, Object... values) {
    System.out.println(String.format(Locale.ROOT, format, values));
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
