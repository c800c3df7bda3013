package io.custos.devstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, from Linux's {@code /proc/<pid>/stat}: a cost per transfer
 * that the load of other processes on the machine does not move the way it moves latency.
 */
final class ProcessCpu {

  /** Linux reports utime and stime in clock ticks of 10 ms (USER_HZ = 100). */
  private static final double MS_PER_TICK = 10;

  private final long pid;

  private ProcessCpu(long pid) {
    this.pid = pid;
  }

  /** The process whose pid is in {@code pidFile}, or null when there is none to read. */
  static ProcessCpu fromPidFile(String pidFile) {
    if (pidFile == null) {
      return null;
    }
    try {
      return new ProcessCpu(Long.parseLong(Files.readString(Path.of(pidFile)).strip()));
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /** User plus system CPU milliseconds so far. */
  double millis() {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
    }
  }
}
