package io.custos.service.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * One version of the policy, as {@code GET /api/v1/policy/versions} lists it.
 *
 * @param hash the SHA-256 of its canonical form, which every decision records
 * @param name the policy's name (null for versions recorded before names were kept)
 * @param activatedAt when it became the active version
 * @param activatedBy {@code file} (the configured file, at startup) or {@code governance}
 * @param governanceRequest the governance request that activated it, or null
 */
public record PolicyVersionView(
    String hash, String name, Instant activatedAt, String activatedBy, UUID governanceRequest) {}
