package io.custos.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

  @TempDir Path tmp;

  @Test
  void theSessionIsOnlyReadableByItsOwner() throws Exception {
    SessionStore store = new SessionStore(tmp.resolve("custos"));
    Session s =
        Session.start(
            "http://127.0.0.1:8080",
            "http://127.0.0.1:8180/realms/custos",
            Oidc.CLI_CLIENT,
            Session.PASSWORD,
            new Tokens("h.eyJwcmVmZXJyZWRfdXNlcm5hbWUiOiJhbGljZSJ9.s", 300, "r", 1800),
            Instant.ofEpochSecond(1000));
    store.save(s);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("custos"))))
        .isEqualTo("rwx------");
    assertThat(store.load()).contains(s);
    assertThat(s.username()).isEqualTo("alice");
    assertThat(s.accessExpiresAt()).isEqualTo(1300);
    assertThat(store.delete()).isTrue();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void anExpiredAccessTokenIsRefreshedWhileTheRefreshTokenLasts() {
    Session s =
        new Session("s", "i", "custos-cli", Session.PASSWORD, "alice", "a", 1000, "r", 2000);
    assertThat(s.accessValid(Instant.ofEpochSecond(900), 20)).isTrue();
    assertThat(s.accessValid(Instant.ofEpochSecond(990), 20)).isFalse();
    assertThat(s.canRefresh(Instant.ofEpochSecond(1500))).isTrue();
    assertThat(s.canRefresh(Instant.ofEpochSecond(2000))).isFalse();
    Session renewed = s.renewed(new Tokens("a2", 300, null, 0), Instant.ofEpochSecond(1500));
    assertThat(renewed.accessToken()).isEqualTo("a2");
    assertThat(renewed.refreshToken()).isEqualTo("r");
    assertThat(renewed.accessExpiresAt()).isEqualTo(1800);
  }
}
