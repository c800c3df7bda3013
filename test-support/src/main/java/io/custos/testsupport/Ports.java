package io.custos.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports for the processes the tests start (Keycloak, the service as a process). */
public final class Ports {

  /**
   * Every port handed out by this JVM. The kernel may give the same ephemeral port to two
   * consecutive binds of port 0 once the first socket is closed; a service given it as both its
   * HTTP and its management port then shares one listener between the two routers and never turns
   * ready.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private static final int ATTEMPTS = 100;

  private Ports() {}

  /**
   * A port free right now and never returned before by this JVM. Another process may take it before
   * ours binds it; the components that can pick their own port (anvil, the fault proxy) bind port 0
   * instead.
   */
  public static int free() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = probe();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no fresh free port after " + ATTEMPTS + " attempts");
  }

  private static int probe() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
