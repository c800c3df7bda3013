package io.custos.testsupport;

/**
 * A resource kept in a JUnit store and released when the store closes (at the end of the class).
 */
record Owned<T>(T value, Runnable release) implements AutoCloseable {
  @Override
  public void close() {
    release.run();
  }
}
