package io.custos.service.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.custos.cli.ExitCodes;
import io.custos.service.support.CliUser;
import io.custos.service.support.CliUser.Run;
import io.custos.service.support.RealStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, attack 13 (transport): the CLI sent the bearer token it cached for one server to
 * whatever {@code --server} said (a typo, a look-alike host in a pasted command), which could then
 * act as the user on the real server. A login is bound to its server and issuer; asked for another,
 * the CLI refuses before sending anything.
 */
@QuarkusTest
@QuarkusTestResource(RealStack.class)
class CachedTokenElsewhereAttackTest {

  @TestHTTPResource("/")
  URI service;

  private final CliUser bob =
      new CliUser("bob", Path.of("target", "attack-cli", UUID.randomUUID().toString()));

  @Test
  void aTokenCachedForOneServerIsNeverSentToAnother() {
    Run login = bob.login(service);
    assertThat(login.exit()).as(login.toString()).isZero();

    try (RecordingServer stranger = new RecordingServer()) {
      String elsewhere = stranger.url().toString();
      for (String[] command : new String[][] {{"whoami"}, {"tx", "list"}, {"wallet", "list"}}) {
        Run r = bob.run(with(command, "--server", elsewhere));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.err()).contains("Logged in elsewhere").contains("custos login --server");
      }
      assertThat(stranger.calls()).as("requests the stranger received").isEmpty();
    }

    Run home = bob.run("whoami");
    assertThat(home.exit()).as("the login still works where it was made: " + home).isZero();
  }

  @Test
  void aLoginIsAlsoBoundToItsIssuer() {
    bob.login(service);
    try (RecordingServer stranger = new RecordingServer()) {
      Run r = bob.run("whoami", "--issuer", stranger.url() + "/realms/custos");

      assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.REFUSED);
      assertThat(r.err()).contains("Logged in elsewhere");
      assertThat(stranger.calls()).isEmpty();
    }
  }

  private static String[] with(String[] command, String... options) {
    String[] all = java.util.Arrays.copyOf(command, command.length + options.length);
    System.arraycopy(options, 0, all, command.length, options.length);
    return all;
  }
}
