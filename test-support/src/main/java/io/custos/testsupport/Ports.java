package io.custos.testsupport;

import java.io.IOException;
import java.net.ServerSocket;

/** Loopback ports for the processes the tests start (Keycloak, the service as a process). */
public final class Ports {

  private Ports() {}

  /**
   * A port free right now. Another process may take it before ours binds it; the components that
   * can pick their own port (anvil, the fault proxy) bind port 0 instead.
   */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
