package io.custos.cli.keys;

import io.custos.cli.CliException;
import io.custos.cli.ExitCodes;
import io.custos.cli.http.Json;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/** An approver's device key in a Web3j V3 keystore file (scrypt, the format geth writes). */
public final class Keystores {

  private Keystores() {}

  public static Credentials load(Path file, char[] password) {
    if (!Files.isRegularFile(file)) {
      throw new CliException(ExitCodes.USAGE, "No keystore", file + " is not a file");
    }
    try {
      return WalletUtils.loadCredentials(new String(password), file.toFile());
    } catch (CipherException e) {
      // Web3j says "Invalid password provided" for a wrong password; anything else (version,
      // cipher, KDF not supported) means the file is not a keystore we can use.
      if (String.valueOf(e.getMessage()).contains("password")) {
        throw CliException.refused("Wrong keystore password", file.toString());
      }
      throw new CliException(ExitCodes.USAGE, "Not a V3 keystore", file + ": " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new CliException(
          ExitCodes.USAGE, "Not a V3 keystore", file + ": " + firstLine(e.getMessage()));
    }
  }

  /**
   * Generates a key and writes its keystore to {@code out} (mode 0600), never over an existing
   * file. Returns the key's address.
   */
  public static String create(Path out, char[] password, boolean light) {
    try {
      ECKeyPair pair = Keys.createEcKeyPair();
      WalletFile wallet =
          light
              ? Wallet.createLight(new String(password), pair)
              : Wallet.createStandard(new String(password), pair);
      Files.createFile(
          out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(out, Json.write(wallet));
      return Keys.toChecksumAddress(wallet.getAddress());
    } catch (FileAlreadyExistsException e) {
      throw new CliException(ExitCodes.USAGE, "Keystore exists", out + " is already there");
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "Cannot write the keystore", out.toString());
    } catch (CipherException
        | InvalidAlgorithmParameterException
        | NoSuchAlgorithmException
        | NoSuchProviderException e) {
      throw new IllegalStateException("key generation failed: " + e.getMessage(), e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
