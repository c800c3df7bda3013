package io.custos.service.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * The active policy as the API shows it.
 *
 * @param name the policy's name
 * @param hash the SHA-256 of its canonical form, which every decision records
 * @param document the document text as loaded
 * @param activatedAt when this version became active
 * @param activatedBy {@code file} (the configured file, at startup) or {@code governance}
 * @param governanceRequest the governance request that activated it, or null
 */
public record PolicyView(
    String name,
    String hash,
    String document,
    Instant activatedAt,
    String activatedBy,
    UUID governanceRequest) {}
