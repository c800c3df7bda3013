package io.custos.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * policy-engine stays plain Java: only signer-service wires it. Checked here on the compiled
 * classes (every reference, not just imports); checkstyle and the enforcer check the same rule
 * earlier, on the sources and the dependency graph.
 */
@AnalyzeClasses(packages = "io.custos.policy", importOptions = ImportOption.DoNotIncludeTests.class)
class LibraryBoundaryTest {

  @ArchTest
  static final ArchRule usesNoFrameworkNoAppAndNoOtherLibrary =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quarkus..",
              "jakarta..",
              "org.hibernate..",
              "io.custos.service..",
              "io.custos.hsm..",
              "io.custos.audit..")
          .because("the libraries never see the framework, the app or each other");
}
