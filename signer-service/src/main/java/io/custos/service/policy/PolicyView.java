package io.custos.service.policy;

/**
 * The active policy as the API shows it.
 *
 * @param name the policy's name
 * @param hash the SHA-256 of its canonical form, which every decision records
 * @param document the document text as loaded
 */
public record PolicyView(String name, String hash, String document) {}
