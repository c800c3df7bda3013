/**
 * The PKCS#11 implementation of {@link io.custos.hsm.KeyVault}, through xipki's ipkcs11wrapper.
 * Only the service's wiring should name this package.
 */
package io.custos.hsm.pkcs11;
