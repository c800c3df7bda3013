package io.custos.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits for a process we started to answer 200 on its readiness URL. */
public final class Readiness {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Readiness() {}

  /**
   * Polls {@code probe} every 250 ms until it answers 200; kills the process when it does not in
   * time.
   *
   * @param what the process as messages name it, e.g. "Keycloak"
   * @param logTail the end of its log, for the failure message
   * @throws IllegalStateException when the process exits first or is not ready in time
   */
  public static void await(
      Process process, URI probe, Duration timeout, String what, Supplier<String> logTail) {
    try {
      Awaitility.await()
          .alias(what + " answering 200 on " + probe)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> aliveAndAnswers200(process, probe, what, logTail));
    } catch (ConditionTimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          what + " was not ready within " + timeout + ":\n" + logTail.get(), e);
    }
  }

  /** Fails at once when the process has exited: waiting longer would not help. */
  private static boolean aliveAndAnswers200(
      Process process, URI probe, String what, Supplier<String> logTail) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          what + " exited with " + process.exitValue() + ":\n" + logTail.get());
    }
    return answers200(probe);
  }

  private static boolean answers200(URI uri) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
