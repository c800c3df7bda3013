package io.custos.testsupport;

/** A real component a test needs is not on this machine; the message says how to get it. */
public final class MissingComponentException extends RuntimeException {

  MissingComponentException(String what, String howToFix) {
    super(what + " " + howToFix);
  }

  MissingComponentException(String what, String howToFix, Throwable cause) {
    super(what + " " + howToFix, cause);
  }
}
