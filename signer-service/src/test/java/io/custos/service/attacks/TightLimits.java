package io.custos.service.attacks;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Limits low enough that a test can go over them in a few calls. */
public class TightLimits implements QuarkusTestProfile {

  static final int REQUESTS_PER_MINUTE = 3;
  static final int STREAMS_PER_SUBJECT = 2;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "custos.rate-limit.requests-per-minute", Integer.toString(REQUESTS_PER_MINUTE),
        "custos.events.max-connections-per-subject", Integer.toString(STREAMS_PER_SUBJECT));
  }
}
