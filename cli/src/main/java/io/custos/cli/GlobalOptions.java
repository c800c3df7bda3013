package io.custos.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes, wherever they stand on the command line. */
public final class GlobalOptions {

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Custos server (env CUSTOS_SERVER; default: the one you logged in to,"
              + " else http://127.0.0.1:8080)")
  URI server;

  @Option(
      names = "--issuer",
      paramLabel = "URL",
      description =
          "Keycloak realm issuer URL (env CUSTOS_ISSUER; default: the one you logged in with,"
              + " else http://127.0.0.1:8180/realms/custos)")
  URI issuer;

  @Option(
      names = "--config-dir",
      paramLabel = "DIR",
      description = "where the login is cached (env CUSTOS_CONFIG_DIR; default ~/.config/custos)")
  Path configDir;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "trust only these CA certificates (PEM) for https (env CUSTOS_CA_FILE; default: the"
              + " JDK's trust store)")
  Path caFile;

  @Option(
      names = "--insecure",
      description = "allow plain http to a host other than this machine (tokens in clear)")
  boolean insecure;

  @Option(names = "--json", description = "print JSON with the REST API's field names")
  boolean json;

  @Option(names = "--wei", description = "show amounts in wei")
  boolean wei;

  @Option(names = "--no-color", description = "no colours even on a terminal")
  boolean noColor;

  /** These options, each filled from {@code outer} where it was not given here. */
  GlobalOptions or(GlobalOptions outer) {
    GlobalOptions g = new GlobalOptions();
    g.server = server != null ? server : outer.server;
    g.issuer = issuer != null ? issuer : outer.issuer;
    g.configDir = configDir != null ? configDir : outer.configDir;
    g.caFile = caFile != null ? caFile : outer.caFile;
    g.insecure = insecure || outer.insecure;
    g.json = json || outer.json;
    g.wei = wei || outer.wei;
    g.noColor = noColor || outer.noColor;
    return g;
  }
}
