package io.custos.hsm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The port is what a caller sees: its package depends on none of the packages built on it, and the
 * curve arithmetic shows only the verifier and the curve's public facts.
 */
class PackageLayoutTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.custos.hsm");

  @Test
  void thePortDependsOnNothingBuiltOnIt() {
    noClasses()
        .that()
        .resideInAPackage("io.custos.hsm")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.custos.hsm.secp256k1..", "io.custos.hsm.pkcs11..", "io.custos.hsm.eth..")
        .check(MAIN);
  }

  @Test
  void theArithmeticIsPackagePrivateBehindTheVerifier() {
    classes()
        .that()
        .resideInAPackage("io.custos.hsm.secp256k1")
        .and()
        .doNotHaveSimpleName("Secp256k1")
        .and()
        .doNotHaveSimpleName("Secp256k1Verifier")
        .should()
        .notBePublic()
        .check(MAIN);
  }
}
