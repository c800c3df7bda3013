package io.custos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The CLI's own files in its config dir (the cached login, the pinned EIP-712 domains): the
 * directory is 0700 and each file 0600 from the moment it exists, and a file is written aside and
 * moved into place, so a crash never leaves half of one.
 */
public final class PrivateFiles {

  private PrivateFiles() {}

  /**
   * Replaces {@code dir/name} with {@code content}.
   *
   * @throws java.nio.file.FileAlreadyExistsException when another write of the same file is under
   *     way
   */
  public static void write(Path dir, String name, String content) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path partial = dir.resolve(name + ".partial");
    Files.deleteIfExists(partial);
    Files.createFile(
        partial,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(partial, content);
    Files.move(partial, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
