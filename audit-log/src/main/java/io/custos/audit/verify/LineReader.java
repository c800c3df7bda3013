package io.custos.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them, so that UTF-8 decoding happens in the
 * verifier's parallel stage rather than on the one thread that reads the file.
 */
final class LineReader implements AutoCloseable {

  private final InputStream in;
  private byte[] buf = new byte[1 << 20];
  private int start;
  private int end;
  private boolean eof;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line without its terminating {@code \n} (or {@code \r\n}), or null at the end. */
  byte[] next() throws IOException {
    while (true) {
      for (int i = start; i < end; i++) {
        if (buf[i] == '\n') {
          int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
          byte[] line = Arrays.copyOfRange(buf, start, stop);
          start = i + 1;
          return line;
        }
      }
      if (eof) {
        if (start == end) {
          return null;
        }
        byte[] line = Arrays.copyOfRange(buf, start, end);
        start = end;
        return line;
      }
      fill();
    }
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
